"""The translation workspace: what needs translating, side-by-side editing, review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.core.services import translation_set
from twinplan.core.translation import translated, translation_state
from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def edit_url(world, language="vi", kind="measure", obj=None):
    obj = obj or world.objects["measure"]
    return reverse("workspace:translation_edit",
                   args=[world.partnership.slug, kind, obj.pk, language])


def form_data(response) -> dict:
    """What a browser posts for the form as rendered, its hidden initial values too."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if field.show_hidden_initial:
            data[f"initial-{name}"] = form[name].initial
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_the_list_shows_what_is_missing_in_a_language(client, world, alice):
    client.force_login(alice)
    measure = world.objects["measure"]
    translation_set(obj=measure, field="title", language="vi",
                    text="Trường học năng lượng mặt trời", status="human")
    response = client.get(reverse("workspace:translations", args=[world.partnership.slug]),
                          {"language": "vi"})
    rows = {(row.obj, row.field): row.state for row in response.context["rows"]}
    assert (measure, "title") not in rows  # translated: not in the "needs work" list
    assert rows[(world.objects["goal"], "title")] == "missing"
    all_rows = client.get(reverse("workspace:translations", args=[world.partnership.slug]),
                          {"language": "vi", "state": "all"}).context["rows"]
    assert {(r.obj, r.field): r.state for r in all_rows}[(measure, "title")] == "human"


def test_editing_the_german_original_turns_the_vietnamese_outdated(client, world, alice):
    """The check the issue names: edit a German original, watch the translation go stale."""
    client.force_login(alice)
    measure = world.objects["measure"]
    page = client.get(edit_url(world))
    data = {**form_data(page), "translation__title": "Trường học năng lượng mặt trời"}
    assert client.post(edit_url(world), data).status_code == 302
    measure = Measure.objects.get(pk=measure.pk)
    assert translated(measure, "title", "vi").status == "human"

    url = reverse("workspace:measure_edit", args=[world.partnership.slug, measure.pk])
    data = {**form_data(client.get(url)), "title": "Solarschule am Markt"}
    assert client.post(url, data).status_code == 302
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.title == "Solarschule am Markt"
    assert translation_state(measure, "title", "vi") == "outdated"
    rows = client.get(reverse("workspace:translations", args=[world.partnership.slug]),
                      {"language": "vi", "state": "outdated"}).context["rows"]
    assert [(row.obj, row.field) for row in rows] == [(measure, "title")]


def test_a_coordinator_marks_a_translation_reviewed(client, world, alice):
    measure = world.objects["measure"]
    translation_set(obj=measure, field="title", language="vi", text="Trường học mặt trời",
                    status="machine")
    client.force_login(alice)
    data = {**form_data(client.get(edit_url(world))), "reviewed__title": "on"}
    client.post(edit_url(world), data)
    measure = Measure.objects.get(pk=measure.pk)
    text = translated(measure, "title", "vi")
    assert (text.text, text.status) == ("Trường học mặt trời", "reviewed")


def test_the_editor_shows_the_original_and_links_to_its_edit_form(client, world, alice):
    client.force_login(alice)
    response = client.get(edit_url(world))
    assert not any(name.startswith("original__") for name in response.context["form"].fields)
    page = response.content.decode()
    assert "Solar school" in page
    measure = world.objects["measure"]
    assert reverse("workspace:measure_edit", args=[world.partnership.slug, measure.pk]) in page


def test_an_original_posted_to_the_translation_editor_is_ignored(client, world, alice):
    client.force_login(alice)
    data = {**form_data(client.get(edit_url(world))), "original__title": "Alices Titel",
            "translation__title": "X"}
    assert client.post(edit_url(world), data).status_code == 302
    measure = Measure.objects.get(pk=world.objects["measure"].pk)
    assert measure.title == "Solar school"
    assert translated(measure, "title", "vi").text == "X"


def test_translating_into_the_original_language_is_not_offered(client, world, alice):
    client.force_login(alice)
    assert client.get(edit_url(world, language="de")).status_code == 404


def test_machine_translation_is_offered_only_when_a_server_is_configured(client, world, alice):
    client.force_login(alice)
    page = client.get(edit_url(world)).content.decode()
    assert "Translate the missing fields by machine" not in page
    response = client.post(edit_url(world), {"action": "machine"}, follow=True)
    assert "machine translation" in response.content.decode().lower()
    from twinplan.machinetranslation.models import MachineTranslationJob

    assert not MachineTranslationJob.objects.exists()


@pytest.fixture
def machine_translation_on(settings):
    from twinplan.machinetranslation.tests.libretranslate_stub import StubLibreTranslate

    server = StubLibreTranslate(api_key="key").start()
    settings.LIBRETRANSLATE_URL = server.url
    settings.LIBRETRANSLATE_API_KEY = "key"
    settings.LIBRETRANSLATE_TIMEOUT_S = 5
    yield server
    server.stop()


def test_a_coordinator_asks_the_machine_and_sees_the_result_marked(
    client, world, alice, machine_translation_on
):
    client.force_login(alice)
    goal = world.objects["goal"]
    url = edit_url(world, kind="goal", obj=goal)
    assert "Translate the missing fields by machine" in client.get(url).content.decode()
    client.post(url, {"action": "machine"})
    goal.refresh_from_db()
    text = translated(goal, "title", "vi")
    assert (text.status, text.is_original) == ("machine", False)  # immediate backend in tests
    page = client.get(url).content.decode()
    assert "Machine translation: done" in page
    assert "Machine-translated: please check it." in page


def test_the_translator_sees_the_glossary_terms_of_the_text(client, world, alice):
    from twinplan.glossary.models import GlossaryTerm

    term = GlossaryTerm.objects.create(
        key="ressource", term="Ressource", forms="Ressource\nRessourcen",
        definition="Alle Mittel, die in die Produktion einfließen.", original_language="de",
    )
    translation_set(obj=term, field="definition", language="vi",
                    text="Mọi nguồn lực dùng cho sản xuất.", status="human")
    translation_set(obj=term, field="term", language="vi", text="Tài nguyên", status="human")
    measure = world.objects["measure"]
    measure.description = "Wir teilen Ressourcen mit der Partnerstadt."
    measure.save()
    client.force_login(alice)
    response = client.get(edit_url(world))
    hits = response.context["glossary"]
    assert [hit.key for hit in hits] == ["ressource"]
    page = response.content.decode()
    assert "Tài nguyên" in page
    assert "Mọi nguồn lực dùng cho sản xuất." in page


def two_pages(client, world, alice) -> str:
    """Sixty more measures to translate (two pages of the list), alice signed in; the
    list's address."""
    programme = world.objects["measure"].programme
    for _ in range(60):
        MeasureFactory(programme=programme, original_language="de")
    client.force_login(alice)
    return reverse("workspace:translations", args=[world.partnership.slug])


def test_the_list_is_paginated_fifty_rows_a_page_with_the_filters_kept(client, world, alice):
    url = two_pages(client, world, alice)
    first = client.get(url, {"language": "vi", "state": "all"})
    total = first.context["page_obj"].paginator.count
    assert total > 60
    assert len(first.context["rows"]) == 50
    html = first.content.decode()
    assert 'rel="next"' in html
    assert "language=vi&amp;state=all&amp;page=2" in html
    last = client.get(url, {"language": "vi", "state": "all",
                            "page": first.context["page_obj"].paginator.num_pages})
    assert len(last.context["rows"]) == total - 50 * (last.context["page_obj"].number - 1)
    assert 'rel="prev"' in last.content.decode()
    # A page number out of range shows the last page, not an error.
    assert client.get(url, {"language": "vi", "page": "999"}).status_code == 200


def test_each_row_state_is_the_translation_state_of_its_text(client, world, alice):
    """The list reads the state off one lookup per text; it agrees with translation_state,
    on every page of the list."""
    measure = world.objects["measure"]
    translation_set(obj=measure, field="title", language="vi", text="Trường học", status="human")
    measure.title = measure.title + " (neu)"
    measure.save()  # the Vietnamese title is outdated now
    for _ in range(30):
        MeasureFactory(programme=measure.programme, original_language="de")
    client.force_login(alice)
    url = reverse("workspace:translations", args=[world.partnership.slug])
    first = client.get(url, {"language": "vi", "state": "all"})
    pages = first.context["page_obj"].paginator.num_pages
    assert pages > 1
    rows = [row for number in range(1, pages + 1)
            for row in client.get(url, {"language": "vi", "state": "all",
                                        "page": number}).context["rows"]]
    assert len(rows) == first.context["page_obj"].paginator.count == first.context["total"]
    expected = {"missing": "missing", "outdated": "outdated"}
    states = set()
    for row in rows:
        state = translation_state(row.obj, row.field, "vi")
        assert row.state == expected.get(state, row.text.status or "human")
        assert row.original == getattr(row.obj, row.field)
        states.add(row.state)
    assert {"missing", "outdated"} <= states
    counts = first.context["counts"]
    assert counts["outdated"] == 1
    assert sum(counts.values()) == len(rows)


def test_the_counts_count_every_text_not_only_the_page(client, world, alice):
    for _ in range(40):
        MeasureFactory(programme=world.objects["measure"].programme, original_language="de",
                       title="Titel", summary="Zusammenfassung", description="", context="")
    client.force_login(alice)
    response = client.get(reverse("workspace:translations", args=[world.partnership.slug]),
                          {"language": "vi"})
    assert len(response.context["rows"]) == 50
    assert response.context["counts"]["missing"] >= 80 + 1
    assert response.context["page_obj"].paginator.count == response.context["counts"]["missing"]


def test_only_the_texts_a_coordinator_may_edit_link_to_the_editor(client, world, alice):
    """alice acts for Wernigerode: she translates its description, not Hội An's (a town's
    own data); the list says so by offering the link or not, as the editor decides."""
    wernigerode, hoi_an = world.objects["municipality"], world.partnership.members.exclude(
        municipality=world.objects["municipality"]).get().municipality
    for town, language in ((wernigerode, "de"), (hoi_an, "vi")):
        type(town).objects.filter(pk=town.pk).update(description=f"About {town.name}",
                                                     original_language=language)
    client.force_login(alice)
    response = client.get(reverse("workspace:translations", args=[world.partnership.slug]),
                          {"language": "en", "state": "all"})
    towns = {row.obj.pk: row for row in response.context["rows"] if row.kind.name == "municipality"}
    assert towns[wernigerode.pk].url == reverse(
        "workspace:translation_edit", args=[world.partnership.slug, "municipality",
                                            wernigerode.pk, "en"])
    assert towns[hoi_an.pk].url == ""
    assert client.get(reverse("workspace:translation_edit", args=[
        world.partnership.slug, "municipality", hoi_an.pk, "en"])).status_code == 403
    html = response.content.decode()
    assert towns[wernigerode.pk].url in html
    assert f"/municipality/{hoi_an.pk}/en/" not in html


def test_saving_leads_back_to_the_list_with_its_filter_and_page(client, world, alice):
    url = two_pages(client, world, alice)
    listed = client.get(url, {"language": "vi", "state": "missing", "page": "2"})
    link = next(row.url for row in listed.context["rows"] if row.url)
    assert f'href="{link}?state=missing&amp;page=2"' in listed.content.decode()
    editor = link + "?state=missing&page=2"
    data = form_data(client.get(editor))
    data["translation__title"] = "Bản dịch"
    saved = client.post(editor, data)
    assert saved.status_code == 302
    assert saved["Location"] == url + "?language=vi&state=missing&page=2"


def test_the_list_opens_in_a_language_the_partnership_does_not_write_in(client, world, alice):
    partnership = world.partnership
    partnership.original_language = "en"
    partnership.working_languages = ["de", "en"]
    partnership.save(update_fields=["original_language", "working_languages"])
    client.force_login(alice)
    response = client.get(reverse("workspace:translations", args=[partnership.slug]))
    assert response.context["language"] == "de"
