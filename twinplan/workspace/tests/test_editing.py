"""Editing through the workspace as coordinators and contributors do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from twinplan.core.translation import fingerprint
from twinplan.partnerships.models import Invitation, PartnershipRole, RoleKind
from twinplan.programmes.models import Goal, Measure, ProgressEntry
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def edit_url(world, kind: str) -> str:
    return reverse(f"workspace:{kind}_edit", args=[world.partnership.slug, world.objects[kind].pk])


def measure_form(measure: Measure, **changes) -> dict:
    data = {
        "code": measure.code, "title": measure.title, "summary": measure.summary,
        "description": measure.description, "context": measure.context,
        "status": measure.status, "weight": measure.weight, "version": measure.version,
        "goals": [goal.pk for goal in measure.goals.all()],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_coordinator_adds_a_measure_that_stays_a_draft(client, world, alice):
    client.force_login(alice)
    programme = world.objects["programme"]
    url = reverse("workspace:measure_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={programme.pk}", {
        "parent": programme.pk, "code": "M9", "title": "Bäume pflanzen", "status": "planned",
        "weight": 1,
    })
    assert response.status_code == 302
    measure = Measure.objects.get(code="M9")
    assert (measure.programme, measure.is_published, measure.version) == (programme, False, 1)
    # Alice acts for Wernigerode, whose first working language is German.
    assert measure.original_language == "de"
    assert measure.history.get().history_user == alice


def test_an_invalid_form_keeps_the_input_says_where_and_saves_nothing(client, world, alice):
    client.force_login(alice)
    programme = world.objects["programme"]
    url = reverse("workspace:measure_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={programme.pk}", {
        "parent": programme.pk, "title": "Radwege", "status": "planned", "weight": 1,
        "planned_start": "2026-05-01", "planned_end": "2026-01-01",
    })
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was saved" in text
    assert "The planned end lies before the planned start." in text
    assert 'value="Radwege"' in text
    assert not Measure.objects.filter(title="Radwege").exists()


@pytest.mark.parametrize("kind", ["measure", "goal", "programme"])
def test_the_second_of_two_concurrent_saves_is_refused_with_what_changed(
    client, world, alice, bao, kind
):
    """Alice and Bao open the same object at version 1. Bao saves a new title first.
    Alice's save, based on version 1, is refused: she sees that the title changed, her own
    change is kept in the form on top of Bao's, and saving that keeps both."""
    obj = world.objects[kind]
    model = type(obj)
    url = edit_url(world, kind)
    client.force_login(bao)
    form = client.get(url).context["form"]  # what both of them loaded: version 1
    bao_data = {**_form_data(form), "title": "Titel von Bao"}
    assert client.post(url, bao_data).status_code == 302
    assert model.objects.get(pk=obj.pk).version == 2

    client.force_login(alice)
    alice_data = {**_form_data(form), "summary" if kind != "goal" else "description":
                  "Alices Ergänzung"}
    response = client.post(url, alice_data)
    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else saved this" in text
    assert "Titel von Bao" in text  # their value, in the conflict table and in the form
    saved = model.objects.get(pk=obj.pk)
    assert saved.title == "Titel von Bao"  # Alice's save did not overwrite Bao's

    retry = {**_form_data(response.context["form"])}
    assert retry["version"] == 2
    assert retry["title"] == "Titel von Bao"
    assert client.post(url, retry).status_code == 302
    saved = model.objects.get(pk=obj.pk)
    field = "summary" if kind != "goal" else "description"
    assert (saved.title, getattr(saved, field), saved.version) == (
        "Titel von Bao", "Alices Ergänzung", 3,
    )


def _form_data(form) -> dict:
    """What a browser would post for this form as rendered."""
    data = {}
    for name in form.fields:
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


def test_history_shows_who_changed_which_field(client, world, alice):
    client.force_login(alice)
    url = edit_url(world, "goal")
    data = {**_form_data(client.get(url).context["form"]), "title": "Mehr Energie sparen"}
    client.post(url, data)
    response = client.get(reverse("workspace:goal_history",
                                  args=[world.partnership.slug, world.objects["goal"].pk]))
    text = response.content.decode()
    assert '<td lang="de">Energie sparen</td><td lang="de">Mehr Energie sparen</td>' in text
    assert "alice" in text
    assert Goal.objects.get(pk=world.objects["goal"].pk).history.count() == 2


def test_a_contributor_reports_progress_in_place_with_htmx(client, world, charlie):
    client.force_login(charlie)
    measure = world.objects["measure"]
    url = reverse("workspace:progress_add", args=[world.partnership.slug])
    response = client.post(
        f"{url}?parent={measure.pk}",
        {"parent": measure.pk, "kind": "step", "text": "Solarmodule bestellt",
         "progress_percent": 30},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="progress"' in response.content.decode()
    entry = ProgressEntry.objects.get(text="Solarmodule bestellt")
    assert entry.author == charlie
    measure.refresh_from_db()
    # A contributor's entry waits for a coordinator's review: it does not set the
    # measure's progress yet, and the measure itself was not edited.
    assert entry.review_state == "pending"
    assert (measure.progress_percent, measure.version) == (None, 1)


def test_a_resource_added_in_place_with_a_mistake_comes_back_with_the_message(
    client, world, alice
):
    client.force_login(alice)
    measure = world.objects["measure"]
    url = reverse("workspace:resource_add", args=[world.partnership.slug])
    before = measure.resources.count()
    response = client.post(
        f"{url}?parent={measure.pk}",
        {"inline": "resource", "parent": measure.pk, "resource-kind": "money",
         "resource-planned_amount": "5000",
         "resource-source_of_funds": "award"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert 'id="resources"' in text
    assert "Money needs its currency." in text
    assert 'value="5000"' in text
    assert measure.resources.count() == before


def test_a_contributor_may_not_publish_or_edit_others_entries(client, world, charlie, alice):
    client.force_login(charlie)
    entry = ProgressEntry.objects.create(measure=world.objects["measure"], text="Alice's",
                                         author=alice, original_language="de")
    url = reverse("workspace:progress_edit", args=[world.partnership.slug, entry.pk])
    assert client.get(url).status_code == 403
    publish = reverse("workspace:measure_publish",
                      args=[world.partnership.slug, world.objects["measure"].pk])
    assert client.post(publish, {"publish": "1"}).status_code == 403


def test_publishing_makes_a_measure_public(client, world, alice):
    client.force_login(alice)
    measure = world.objects["measure"]
    measure.is_published = False
    measure.save()
    public = reverse("public:measure", args=[world.partnership.slug, measure.pk])
    assert client.get(public).status_code == 404
    client.post(reverse("workspace:measure_publish", args=[world.partnership.slug, measure.pk]),
                {"publish": "1"})
    assert client.get(public).status_code == 200


def test_a_coordinator_deletes_a_fact_of_her_municipality(client, world, alice):
    client.force_login(alice)
    municipality_fact = world.objects["fact"]
    response = client.post(reverse("workspace:fact_delete",
                                   args=[world.partnership.slug, municipality_fact.pk]))
    assert response.status_code == 302
    assert not type(municipality_fact).objects.filter(pk=municipality_fact.pk).exists()


# --- invitations --------------------------------------------------------------------------------


def _invite(client, world, alice, **data) -> str:
    client.force_login(alice)
    response = client.post(reverse("workspace:invitations", args=[world.partnership.slug]),
                           {"email": "lan@example.org", "role": "contributor", **data})
    assert response.status_code == 302
    link = mail.outbox[-1].body.split("\n")[3].strip()
    assert link.startswith("http://testserver/")
    return link.removeprefix("http://testserver")


def test_an_invited_person_signs_up_once_and_gets_the_role(client, world, alice):
    link = _invite(client, world, alice, organisation=world.objects["organisation"].pk)
    assert mail.outbox[-1].to == ["lan@example.org"]
    client.logout()
    response = client.post(link, {"username": "lan", "display_name": "Lan",
                                  "password1": "a-long-pass-phrase-9", "password2":
                                  "a-long-pass-phrase-9"})
    assert response.status_code == 302
    role = PartnershipRole.objects.get(user__username="lan")
    assert (role.role, role.organisation, role.partnership) == (
        RoleKind.CONTRIBUTOR, world.objects["organisation"], world.partnership,
    )
    assert role.user.email == "lan@example.org"
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "does not work" in again.content.decode()


def test_an_expired_invitation_does_not_work(client, world, alice):
    link = _invite(client, world, alice)
    Invitation.objects.update(expires_at=timezone.now())
    client.logout()
    assert client.get(link).status_code == 404


def test_a_coordinator_invitation_needs_the_municipality(client, world, alice):
    client.force_login(alice)
    response = client.post(reverse("workspace:invitations", args=[world.partnership.slug]),
                           {"email": "x@example.org", "role": "coordinator"})
    assert response.status_code == 400
    assert "A coordinator acts for a municipality." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_visible_to_follows_the_roles(world, alice, charlie):
    draft = world.objects["measure"]
    draft.is_published = False
    draft.save()
    visible = {role: set(Measure.objects.visible_to(world.users[role])
                         if world.users[role] else Measure.objects.visible_to(AnonymousUser()))
               for role in ["anonymous", "outsider", "other_coordinator", "coordinator",
                            "programme_coordinator", "contributor", "network_admin"]}
    for role in ["anonymous", "outsider", "other_coordinator"]:
        assert draft not in visible[role]
    for role in ["coordinator", "programme_coordinator", "contributor", "network_admin"]:
        assert draft in visible[role]
    published = Measure.objects.get(title="Not charlie's measure")
    assert published in visible["anonymous"]


def test_a_coordinator_gives_a_measure_its_impact_parameters(client, world, alice):
    from twinplan.climate.models import ImpactEstimate

    client.force_login(alice)
    measure = MeasureFactory(programme=world.objects["programme"], title="PV on the school",
                             lead_municipality=world.objects["municipality"])
    url = reverse("workspace:impact_add", args=[world.partnership.slug]) + f"?parent={measure.pk}"
    page = client.get(url)
    assert page.context["form"].fields["municipality"].initial == world.objects["municipality"].pk
    bad = client.post(url, {"parent": measure.pk, "impact_type": "photovoltaic",
                            "municipality": world.objects["municipality"].pk,
                            "capacity_kwp": "-5", "parameters_source": "Angebot",
                            "parameters_year": 2026})
    assert bad.status_code == 400
    assert "capacity_kwp" in bad.context["form"].errors
    assert not ImpactEstimate.objects.filter(measure=measure).exists()
    good = client.post(url, {"parent": measure.pk, "impact_type": "photovoltaic",
                             "municipality": world.objects["municipality"].pk,
                             "capacity_kwp": "30", "parameters_source": "Angebot",
                             "parameters_year": 2026})
    assert good.status_code == 302
    impact = ImpactEstimate.objects.get(measure=measure)
    # Completed from the municipality (Wernigerode is in Germany).
    assert impact.parameters["capacity_kwp"] == 30
    assert impact.parameters["country_iso3"] == "DEU"


def test_the_forms_on_a_measure_page_are_written_in_the_author_s_language(client, world, bao):
    """Bao writes for Hội An: a progress entry, resource or challenge added on the measure
    page is in Vietnamese unless he says otherwise, not in the model's default, English."""
    client.force_login(bao)
    measure = world.objects["measure"]
    page = client.get(reverse("workspace:measure_detail", args=[world.partnership.slug,
                                                                 measure.pk]))
    assert page.status_code == 200
    forms = page.context["forms"]
    assert {name: forms[name]["original_language"].value()
            for name in ("progress", "resource", "challenge")} == dict.fromkeys(
        ("progress", "resource", "challenge"), "vi")


def test_the_action_links_name_the_object_as_the_reader_reads_it(client, world, alice):
    field = world.objects["field"]
    field.translations = {"vi": {"title": {"text": "Bảo vệ khí hậu", "status": "human",
                                           "source_fingerprint": fingerprint("Klimaschutz")}}}
    field.save(update_fields=["translations"])
    client.force_login(alice)
    html = client.get(f"/vi/workspace/{world.partnership.slug}/").content.decode()
    # The translated title, as on screen; the untranslated goal in German, marked so.
    assert '<span class="visually-hidden"> Bảo vệ khí hậu</span>' in html
    assert '<span class="visually-hidden"> <span lang="de">Energie sparen</span></span>' in html
    assert '<span class="visually-hidden"> Klimaschutz</span>' not in html


def test_codelists_without_a_translation_are_marked_english(client, world, alice):
    client.force_login(alice)
    path = edit_url(world, "measure").split("/", 2)[2]  # without the language prefix
    vietnamese = client.get(f"/vi/{path}").content.decode()
    german = client.get(f"/de/{path}").content.decode()
    # SDG targets: German has its own names, Vietnamese falls back to English.
    assert '<li lang="en">' in vietnamese
    assert '<li lang="en">' not in german
    # The DAC codelist is English in every language but English.
    assert 'lang="en">11110 ' in vietnamese
    assert 'lang="en">11110 ' in german
    english = client.get(f"/en/{path}").content.decode()
    assert 'lang="en">11110 ' not in english
    assert "11110 " in english
