"""A translation save is locked on the translation it started from: it writes only that
translation, is not refused by an edit of the original, and refuses (409) when someone else
changed the same translation meanwhile."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from twinplan.core.services import (
    TranslationConflict,
    TranslationEdit,
    translation_set,
    translation_token,
    translations_set,
)
from twinplan.core.translation import fingerprint, translated, translation_state
from twinplan.events.models import Event
from twinplan.programmes.models import Measure

pytestmark = pytest.mark.django_db


def translation_url(world, obj, kind="event", language="vi") -> str:
    return reverse("workspace:translation_edit",
                   args=[world.partnership.slug, kind, obj.pk, language])


def edit_url(world, obj, kind="event") -> str:
    return reverse(f"workspace:{kind}_edit", args=[world.partnership.slug, obj.pk])


def posted(form) -> dict:
    """What a browser would post for this form as rendered, hidden initial values too."""
    data = {}
    for name, field in form.fields.items():
        if field.show_hidden_initial:
            data[f"initial-{name}"] = form[name].initial
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_original_edited_first_then_the_translation_both_land(world, alice, bao):
    event = world.objects["event"]
    original_editor, translator = logged_in(alice), logged_in(bao)
    edit_form = posted(original_editor.get(edit_url(world, event)).context["form"])
    translation_form = posted(translator.get(translation_url(world, event)).context["form"])

    response = original_editor.post(edit_url(world, event), {**edit_form, "title": "Werkstatt"})
    assert response.status_code == 302
    response = translator.post(translation_url(world, event),
                               {**translation_form, "translation__title": "Hội thảo"})
    assert response.status_code == 302

    event = Event.objects.get(pk=event.pk)
    assert event.title == "Werkstatt"
    assert translated(event, "title", "vi").text == "Hội thảo"
    # Made from the original the translator saw: outdated, which is the truth.
    assert translation_state(event, "title", "vi") == "outdated"
    assert event.translations["vi"]["title"]["source_fingerprint"] == fingerprint("Workshop")


def test_the_translation_saved_first_then_the_original_both_land(world, alice, bao):
    event = world.objects["event"]
    original_editor, translator = logged_in(alice), logged_in(bao)
    edit_form = posted(original_editor.get(edit_url(world, event)).context["form"])
    translation_form = posted(translator.get(translation_url(world, event)).context["form"])

    response = translator.post(translation_url(world, event),
                               {**translation_form, "translation__title": "Hội thảo"})
    assert response.status_code == 302
    response = original_editor.post(edit_url(world, event), {**edit_form, "title": "Werkstatt"})
    assert response.status_code == 302

    event = Event.objects.get(pk=event.pk)
    assert event.title == "Werkstatt"
    assert translated(event, "title", "vi").text == "Hội thảo"
    assert translation_state(event, "title", "vi") == "outdated"


def test_a_translation_save_writes_no_original_and_keeps_the_version(world, alice, bao):
    measure = world.objects["measure"]
    translator = logged_in(bao)
    translation_form = posted(
        translator.get(translation_url(world, measure, kind="measure")).context["form"])
    assert not any(name.startswith("original__") for name in translation_form)
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel von Alice")
    version = Measure.objects.get(pk=measure.pk).version
    response = translator.post(
        translation_url(world, measure, kind="measure"),
        {**translation_form, "translation__title": "Trường học", "title": "Solar school",
         "original__title": "Solar school"},
    )
    assert response.status_code == 302
    measure = Measure.objects.get(pk=measure.pk)
    assert (measure.title, measure.version) == ("Neuer Titel von Alice", version)
    assert translated(measure, "title", "vi").text == "Trường học"
    last = measure.history.order_by("-history_date", "-pk").first()
    assert last.history_user == bao


def test_the_second_translator_of_the_same_translation_gets_409_with_input_kept(
    world, alice, bao
):
    event = world.objects["event"]
    first, second = logged_in(alice), logged_in(bao)
    first_form = posted(first.get(translation_url(world, event)).context["form"])
    second_form = posted(second.get(translation_url(world, event)).context["form"])

    assert first.post(translation_url(world, event),
                      {**first_form, "translation__title": "Hội thảo của Alice"}
                      ).status_code == 302
    response = second.post(translation_url(world, event),
                           {**second_form, "translation__title": "Hội thảo của Bảo"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Hội thảo của Alice" in page  # the other text is shown
    assert response.context["form"]["translation__title"].value() == "Hội thảo của Bảo"
    event = Event.objects.get(pk=event.pk)
    assert translated(event, "title", "vi").text == "Hội thảo của Alice"

    # Saving again, now knowing the other text, replaces it.
    retry = posted(response.context["form"])
    assert second.post(translation_url(world, event), retry).status_code == 302
    assert translated(Event.objects.get(pk=event.pk), "title", "vi").text == "Hội thảo của Bảo"


def test_translators_of_different_fields_or_languages_do_not_block_each_other(
    world, alice, bao
):
    event = world.objects["event"]
    Event.objects.filter(pk=event.pk).update(description="Ein Treffen")
    type(world.partnership).objects.filter(pk=world.partnership.pk).update(
        working_languages=["de", "vi", "en"])
    first, second = logged_in(alice), logged_in(bao)
    title_form = posted(first.get(translation_url(world, event)).context["form"])
    description_form = posted(second.get(translation_url(world, event)).context["form"])
    english_form = posted(second.get(translation_url(world, event, language="en")
                                     ).context["form"])
    assert first.post(translation_url(world, event),
                      {**title_form, "translation__title": "Hội thảo"}).status_code == 302
    assert second.post(translation_url(world, event),
                       {**description_form, "translation__description": "Một cuộc họp"}
                       ).status_code == 302
    assert second.post(translation_url(world, event, language="en"),
                       {**english_form, "translation__title": "Workshop (en)"}
                       ).status_code == 302
    event = Event.objects.get(pk=event.pk)
    assert translated(event, "title", "vi").text == "Hội thảo"
    assert translated(event, "description", "vi").text == "Một cuộc họp"
    assert translated(event, "title", "en").text == "Workshop (en)"


def test_a_damaged_token_changes_nothing(world, bao):
    event = world.objects["event"]
    client = logged_in(bao)
    data = posted(client.get(translation_url(world, event)).context["form"])
    data.update({"translation__title": "Hội thảo", "source__title": "not a fingerprint"})
    response = client.post(translation_url(world, event), data)
    assert response.status_code == 400
    assert "The form was damaged" in response.content.decode()
    assert Event.objects.get(pk=event.pk).translations == {}


def test_an_unchanged_form_saves_nothing_and_records_no_history(world, bao):
    event = world.objects["event"]
    translation_set(obj=event, field="title", language="vi", text="Hội thảo", status="human")
    records = event.history.count()
    client = logged_in(bao)
    data = posted(client.get(translation_url(world, event)).context["form"])
    assert client.post(translation_url(world, event), data).status_code == 302
    assert event.history.count() == records


def test_unticking_reviewed_takes_the_review_back(world, alice):
    event = world.objects["event"]
    translation_set(obj=event, field="title", language="vi", text="Hội thảo",
                    status="reviewed")
    client = logged_in(alice)
    data = posted(client.get(translation_url(world, event)).context["form"])
    assert data.pop("reviewed__title") == "on"
    assert client.post(translation_url(world, event), data).status_code == 302
    assert translated(Event.objects.get(pk=event.pk), "title", "vi").status == "human"


# --- the service ----------------------------------------------------------------------------


def test_the_token_names_the_translation_not_the_original(world):
    event = world.objects["event"]
    assert translation_token(event, "title", "vi") == "none"
    translation_set(obj=event, field="title", language="vi", text="Hội thảo", status="human")
    token = translation_token(event, "title", "vi")
    assert token != "none"
    Event.objects.filter(pk=event.pk).update(title="Werkstatt")
    assert translation_token(Event.objects.get(pk=event.pk), "title", "vi") == token
    translation_set(obj=event, field="title", language="vi", text="Hội thảo",
                    status="reviewed")
    assert translation_token(event, "title", "vi") != token


def test_a_stale_token_is_refused_and_nothing_is_written(world):
    event = world.objects["event"]
    stale = translation_token(event, "title", "vi")
    translation_set(obj=event, field="title", language="vi", text="Hội thảo", status="human")
    with pytest.raises(TranslationConflict) as raised:
        translations_set(obj=event, language="vi", edits=[
            TranslationEdit(field="description", text="Mô tả", status="human"),
            TranslationEdit(field="title", text="Khác", status="human", expected=stale),
        ])
    assert raised.value.fields == ["title"]
    assert translated(raised.value.current, "title", "vi").text == "Hội thảo"
    assert Event.objects.get(pk=event.pk).translations["vi"].keys() == {"title"}


def test_a_translation_longer_than_its_field_allows_is_refused(world):
    event = world.objects["event"]
    limit = Event._meta.get_field("title").max_length
    with pytest.raises(ValidationError):
        translation_set(obj=event, field="title", language="vi", text="x" * (limit + 1),
                        status="human")
    assert Event.objects.get(pk=event.pk).translations == {}


def test_the_service_does_not_overwrite_an_original_it_did_not_load(world):
    """The object in hand may be older than the row: only the translations are written."""
    event = world.objects["event"]
    Event.objects.filter(pk=event.pk).update(title="Werkstatt")
    translation_set(obj=event, field="title", language="vi", text="Hội thảo", status="human")
    assert Event.objects.get(pk=event.pk).title == "Werkstatt"
    assert event.title == "Workshop"  # the caller's copy keeps what it had


def test_a_translation_the_model_refuses_comes_back_with_its_message(world, alice):
    term = world.objects["glossaryterm"]
    client = logged_in(alice)
    url = translation_url(world, term, kind="glossaryterm")
    data = posted(client.get(url).context["form"])
    data["translation__forms"] = "thích ứng"  # forms without the term and its definition
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert type(term).objects.get(pk=term.pk).translations == {}
