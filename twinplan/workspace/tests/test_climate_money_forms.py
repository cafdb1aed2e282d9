"""The other partnership's towns, organisations and awards tried in the resource, impact
and invitation forms: refused at the field with a 400, and nothing changes."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from twinplan.climate.services import impact_default_municipality
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import Award, Invitation, Partnership
from twinplan.workspace.forms import ImpactForm

pytestmark = pytest.mark.django_db

NOT_OFFERED = "Select a valid choice. That choice is not one of the available choices."


@pytest.fixture
def theirs(world):
    """A town, an organisation and an award of the other partnership."""
    other = Partnership.objects.get(slug="elsewhere")
    town = other.members.first().municipality
    return {
        "town": town,
        "organisation": OrganisationFactory(name="Their utility", municipality=town),
        "award": Award.objects.create(partnership=other, name="Their prize",
                                      original_language="de"),
    }


def _resource_data(line, **changes):
    data = {"kind": line.kind, "planned_amount": "100", "currency": line.currency,
            "source_of_funds": line.source_of_funds, "version": line.version,
            "original_language": line.original_language}
    data.update(changes)
    return data


@pytest.mark.parametrize(("field", "key", "extra"), [
    ("provided_by", "town", {}),
    ("provided_by_organisation", "organisation", {}),
    ("award", "award", {"source_of_funds": "award"}),
])
def test_a_resource_edit_with_another_partnerships_object_is_refused(
    client, world, alice, theirs, field, key, extra
):
    client.force_login(alice)
    line = world.objects["resource"]
    url = reverse("workspace:resource_edit", args=[world.partnership.slug, line.pk])
    response = client.post(url, _resource_data(line, **{field: theirs[key].pk}, **extra))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [NOT_OFFERED]
    line.refresh_from_db()
    assert (getattr(line, f"{field}_id"), line.version) == (None, 1)


def test_the_resource_form_offers_only_the_partnerships_organisations(client, world, alice,
                                                                      theirs):
    client.force_login(alice)
    line = world.objects["resource"]
    page = client.get(reverse("workspace:resource_edit", args=[world.partnership.slug, line.pk]))
    offered = set(page.context["form"].fields["provided_by_organisation"].queryset)
    assert world.objects["organisation"] in offered
    assert theirs["organisation"] not in offered


def test_a_resource_gives_planned_and_spent_through_the_form(client, world, alice):
    client.force_login(alice)
    line = world.objects["resource"]
    url = reverse("workspace:resource_edit", args=[world.partnership.slug, line.pk])
    response = client.post(url, _resource_data(line, spent_amount="40"))
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.planned_amount, line.spent_amount, line.version) == (100, 40, 2)
    assert line.history.first().history_user == alice


def test_an_impact_in_another_partnerships_town_is_refused(client, world, alice, theirs):
    client.force_login(alice)
    estimate = world.objects["impact"]
    url = reverse("workspace:impact_edit", args=[world.partnership.slug, estimate.pk])
    response = client.post(url, {
        "impact_type": estimate.impact_type, "municipality": theirs["town"].pk,
        "parameters_source": "x", "parameters_year": 2024, "version": estimate.version,
        **estimate.parameters,
    })
    assert response.status_code == 400
    assert response.context["form"].errors["municipality"] == [NOT_OFFERED]
    estimate.refresh_from_db()
    assert estimate.municipality != theirs["town"]


def test_the_impact_form_offers_the_default_the_service_would_choose(world, wernigerode):
    measure = world.objects["measure"]
    measure.lead_municipality = wernigerode
    measure.save()
    form = ImpactForm(partnership=world.partnership, parent=measure,
                      instance=type(world.objects["impact"])(measure=measure))
    assert form.fields["municipality"].initial == impact_default_municipality(measure).pk
    assert form.fields["municipality"].initial == wernigerode.pk


def test_an_invitation_for_another_partnerships_organisation_is_refused(
    client, world, alice, theirs
):
    client.force_login(alice)
    response = client.post(reverse("workspace:invitations", args=[world.partnership.slug]), {
        "email": "x@example.org", "role": "contributor",
        "organisation": theirs["organisation"].pk,
    })
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == [NOT_OFFERED]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_second_impact_for_a_measure_is_a_message_not_an_error_page(client, world, alice):
    client.force_login(alice)
    estimate = world.objects["impact"]
    url = reverse("workspace:impact_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={estimate.measure_id}", {
        "parent": estimate.measure_id, "impact_type": estimate.impact_type,
        "municipality": estimate.municipality_id, "parameters_source": "x",
        "parameters_year": 2024, **estimate.parameters,
    })
    assert response.status_code == 400
    assert "has an impact estimate already" in response.content.decode()
    assert type(estimate).objects.filter(measure=estimate.measure_id).count() == 1


def test_a_travel_leg_added_by_geonames_ids_is_written_by_the_service(client, world, alice):
    client.force_login(alice)
    event = world.objects["event"]
    url = reverse("workspace:travelleg_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={event.pk}", {
        "parent": event.pk, "origin_geonameid": 2810808, "destination_geonameid": 1580541,
        "mode": "flight", "persons": 2, "return_trip": "on", "radiative_forcing": "on",
        "source": "travel expense report",
    })
    assert response.status_code == 302
    leg = event.travel_legs.order_by("-pk").first()
    assert (leg.origin_name, leg.destination_name, leg.position) == ("Wernigerode", "Hoi An", 1)
    assert leg.history.get().history_user == alice


def test_an_impact_added_without_a_municipality_takes_effect_in_the_lead_partner(
    client, world, alice, hoi_an
):
    client.force_login(alice)
    measure = world.objects["measure"].programme.measures.get(title="Not charlie's measure")
    measure.lead_municipality = hoi_an
    measure.save()
    url = reverse("workspace:impact_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={measure.pk}", {
        "parent": measure.pk, "impact_type": "awareness", "people_reached": 100,
        "parameters_source": "x", "parameters_year": 2024,
    })
    assert response.status_code == 302
    assert measure.impact.municipality == hoi_an
    assert measure.impact.history.get().history_user == alice


def test_amounts_are_read_as_the_page_language_writes_them(client, world, alice):
    """On a German page "1.234,5" is 1234.5, "2,5" two and a half, and "eur" EUR."""
    client.force_login(alice)
    line = world.objects["resource"]
    with translation.override("de"):
        url = reverse("workspace:resource_edit", args=[world.partnership.slug, line.pk])
    page = client.get(url)
    assert 'inputmode="decimal"' in page.content.decode()
    response = client.post(url, _resource_data(
        line, planned_amount="1.234,5", spent_amount="2,5", currency="eur"
    ))
    assert response.status_code == 302, response.context["form"].errors
    line.refresh_from_db()
    assert (line.planned_amount, line.spent_amount, line.currency) == (1234.5, 2.5, "EUR")


def test_an_amount_in_no_language_s_format_is_refused_at_its_field(client, world, alice):
    client.force_login(alice)
    line = world.objects["resource"]
    with translation.override("de"):
        url = reverse("workspace:resource_edit", args=[world.partnership.slug, line.pk])
    response = client.post(url, _resource_data(line, planned_amount="1.23.4"))
    assert response.status_code == 400
    assert "planned_amount" in response.context["form"].errors
    line.refresh_from_db()
    assert line.version == 1
