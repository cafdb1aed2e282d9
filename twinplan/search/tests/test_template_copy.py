"""'Use as a template': a published measure of another partnership copied as a draft into
one's own draft edition, with a link back; refused for what is not published or not a
draft edition; the page offers only editions the user may add measures to."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from twinplan.climate.models import ImpactEstimate
from twinplan.climate.tests.factories import ImpactEstimateFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.organisations.models import OrganisationType
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import Measure, MeasureActor, ProgrammeStatus
from twinplan.programmes.services import measure_copy_from_template
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    MeasureFactory,
)
from twinplan.reference.models import SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    """A published measure of a Serbian–German partnership, with translations, SDGs, an
    actor of its own towns and an impact estimate."""
    ruma = MunicipalityFactory(name="Рума", slug="ruma", country="RS")
    other = PartnershipFactory(slug="bersenbrueck-ruma", title="Bersenbrück – Ruma",
                               members=[MunicipalityFactory(slug="bersenbrueck"), ruma])
    programme = ActionProgrammeFactory(partnership=other)
    measure = MeasureFactory(
        programme=programme, title="Solardach auf der Schule", summary="PV für alle",
        description="Eine Anlage mit 30 kWp.", lead_municipality=ruma, progress_percent=80,
        co2_reduced_t_per_year=12, reported_figures_source="Stadtwerke 2024",
        translations={"en": {"title": {"text": "Solar roof on the school",
                                       "status": "human", "source_fingerprint": "x"}}},
    )
    measure.sdg_goals.set(SdgGoal.objects.filter(code__in=[7, 13]))
    measure.sdg_targets.set(SdgTarget.objects.filter(code="7.2"))
    MeasureActor.objects.create(measure=measure, kind=OrganisationType.SCHOOL)
    ImpactEstimateFactory(measure=measure, municipality=ruma, impact_type="awareness",
                          parameters={"people_reached": 300})
    return measure


@pytest.fixture
def target(partnership):
    """The world's partnership (Wernigerode–Hội An) with a draft edition and a field."""
    programme = ActionProgrammeFactory(partnership=partnership, is_published=False)
    field = FieldOfActionFactory(programme=programme, title="Energie")
    return programme, field


def test_the_copy_is_a_draft_with_the_texts_sdgs_and_impact_but_not_the_actors(
    source, target, alice, wernigerode
):
    programme, field = target
    copy = measure_copy_from_template(source, programme=programme, field_of_action=field,
                                      by=alice)
    assert copy.template_source == source
    assert list(source.copies.all()) == [copy]
    assert not copy.is_published
    assert (copy.title, copy.summary, copy.description) == (
        "Solardach auf der Schule", "PV für alle", "Eine Anlage mit 30 kWp.")
    assert copy.translations["en"]["title"]["text"] == "Solar roof on the school"
    assert copy.field_of_action == field
    assert sorted(g.code for g in copy.sdg_goals.all()) == [7, 13]
    assert [t.code for t in copy.sdg_targets.all()] == ["7.2"]
    # What belongs to the other towns stays there.
    assert not copy.actors.exists()
    assert copy.lead_municipality is None
    assert copy.progress_percent is None
    assert copy.co2_reduced_t_per_year is None
    assert copy.status == "planned"
    # The impact type and parameters come along, counted for the copying town.
    estimate = ImpactEstimate.objects.get(measure=copy)
    assert estimate.impact_type == "awareness"
    assert estimate.parameters["people_reached"] == 300
    assert estimate.municipality == wernigerode
    # Through the one write path: the history names the author.
    assert copy.history.get().history_user == alice


def test_an_unpublished_source_is_refused(source, target, alice):
    programme, field = target
    Measure.objects.filter(pk=source.pk).update(is_published=False)
    with pytest.raises(ValidationError) as error:
        measure_copy_from_template(source, programme=programme, field_of_action=field,
                                   by=alice)
    assert "published" in str(error.value)
    assert not Measure.objects.filter(template_source=source).exists()


def test_a_target_that_is_no_draft_or_a_foreign_field_is_refused(source, target, alice):
    programme, field = target
    other_field = FieldOfActionFactory()
    with pytest.raises(ValidationError) as error:
        measure_copy_from_template(source, programme=programme, field_of_action=other_field,
                                   by=alice)
    assert set(error.value.message_dict) == {"field_of_action"}
    programme.status = ProgrammeStatus.COMPLETED
    programme.save()
    with pytest.raises(ValidationError) as error:
        measure_copy_from_template(source, programme=programme, field_of_action=field,
                                   by=alice)
    assert set(error.value.message_dict) == {"programme"}
    assert not Measure.objects.filter(template_source=source).exists()


def test_the_page_copies_and_redirects_to_the_draft(client, source, target, alice):
    programme, field = target
    client.force_login(alice)
    url = reverse("workspace:library_use", args=[source.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Solar roof on the school" in page.content.decode()  # in the reader's language
    response = client.post(url, {"programme": programme.pk, "field_of_action": field.pk},
                           follow=True)
    copy = Measure.objects.get(template_source=source)
    assert response.redirect_chain[-1][0] == reverse(
        "workspace:measure_detail", args=[programme.partnership.slug, copy.pk])
    html = response.content.decode()
    assert "is copied into" in html
    assert reverse("public:measure", args=[source.programme.partnership.slug, source.pk]) in html


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(client, source, target, alice):
    programme, _field = target
    client.force_login(alice)
    url = reverse("workspace:library_use", args=[source.pk])
    foreign = FieldOfActionFactory()
    response = client.post(url, {"programme": programme.pk, "field_of_action": foreign.pk})
    assert response.status_code == 400
    assert "field_of_action" in response.context["form"].errors
    assert 'id="id_field_of_action_error"' in response.content.decode()
    response = client.post(url, {"programme": "999999"})
    assert "programme" in response.context["form"].errors
    assert not Measure.objects.filter(template_source=source).exists()


def test_the_page_offers_only_draft_editions_the_user_may_add_to(client, source, target, alice,
                                                                 charlie):
    programme, _field = target
    ActionProgrammeFactory(partnership=programme.partnership, status=ProgrammeStatus.COMPLETED)
    ActionProgrammeFactory()  # another partnership's draft
    client.force_login(alice)
    form = client.get(reverse("workspace:library_use", args=[source.pk])).context["form"]
    assert list(form.fields["programme"].queryset) == [programme]
    client.force_login(charlie)  # a contributor adds no measures
    refused = client.get(reverse("workspace:library_use", args=[source.pk]))
    assert refused.status_code == 403
    # on the template page itself, saying what to do, with no form to submit
    assert "start a new edition in your workspace first" in refused.content.decode()
    assert "<form method=\"post\" class=\"form\"" not in refused.content.decode()


def test_an_unpublished_measure_has_no_template_page(client, source, target, alice):
    Measure.objects.filter(pk=source.pk).update(is_published=False)
    client.force_login(alice)
    assert client.get(reverse("workspace:library_use", args=[source.pk])).status_code == 404


def test_the_copys_public_page_says_where_it_came_from(client, source, target, alice):
    programme, field = target
    copy = measure_copy_from_template(source, programme=programme, field_of_action=field,
                                      by=alice)
    Measure.objects.filter(pk=copy.pk).update(is_published=True)
    type(programme).objects.filter(pk=programme.pk).update(is_published=True)
    html = client.get(reverse("public:measure", args=[programme.partnership.slug, copy.pk])
                      ).content.decode()
    assert "Based on a measure of another partnership" in html
    assert reverse("public:measure", args=[source.programme.partnership.slug, source.pk]) in html


def test_the_partnership_file_of_the_copying_partnership_leaves_the_link_behind(
    source, target, alice
):
    from twinplan.interchange.partnership_file import partnership_document

    programme, field = target
    copy = measure_copy_from_template(source, programme=programme, field_of_action=field,
                                      by=alice)
    document = partnership_document(programme.partnership)
    rows = [row for row in document["measures"] if row.get("title") == copy.title]
    assert rows
    assert rows[0]["template_source"] is None
