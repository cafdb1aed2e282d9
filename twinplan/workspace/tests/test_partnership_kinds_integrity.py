"""Another partnership's ids posted into the forms of the partnership's own kinds
(partnership, organisation, agreement, prize money, event, outcome, idea): refused with a
400 and the message at the field, and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import Partnership, Phase
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.workspace.registry import KINDS
from twinplan.workspace.tests.test_editing import _form_data

pytestmark = pytest.mark.django_db


def _foreign(name: str):
    """An object of the other partnership ("elsewhere") to post as `name`."""
    elsewhere = Partnership.objects.get(slug="elsewhere")
    town = elsewhere.members.first().municipality
    if name in {"municipality", "host_municipality", "recipient"}:
        return town.pk
    if name == "parties":
        return [town.pk]
    if name == "initiator":
        return OrganisationFactory(name="Fremder Verein", municipality=town).pk
    if name == "organisations":
        return [OrganisationFactory(name="Fremder Verein", municipality=town).pk]
    if name == "phase":
        return Phase.objects.create(partnership=elsewhere, kind="kick_off", title="Fremd",
                                    original_language="de").pk
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=elsewhere),
                             title="Fremde Maßnahme")
    return [measure.pk] if name == "measures" else measure.pk


EDITS = [
    ("partnership", "initiator", {}),
    ("organisation", "municipality", {}),
    ("agreement", "parties", {}),
    ("awardamount", "recipient", {}),
    ("event", "host_municipality", {}),
    ("event", "phase", {}),
    ("event", "organisations", {}),
    ("outcome", "measures", {}),
    ("idea", "measure", {"fate": "measure"}),
]


def _snapshot(obj):
    fresh = type(obj).objects.get(pk=obj.pk)
    values = {field.name: field.value_from_object(fresh) for field in fresh._meta.fields}
    links = {field.name: sorted(related.pk for related in getattr(fresh, field.name).all())
             for field in fresh._meta.many_to_many}
    return values, links


@pytest.mark.parametrize(("kind", "field", "extra"), EDITS,
                         ids=[f"{kind}-{field}" for kind, field, _ in EDITS])
def test_an_edit_naming_another_partnerships_object_is_refused_at_the_field(
    client, world, alice, kind, field, extra
):
    obj = world.objects[kind]
    url = reverse(f"workspace:{kind}_edit", args=[world.partnership.slug, obj.pk])
    client.force_login(alice)
    data = {**_form_data(client.get(url).context["form"]), **extra, field: _foreign(field)}
    before = _snapshot(obj)

    response = client.post(url, data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert _snapshot(obj) == before


ADDS = [
    ("organisation", "municipality", {"name": "Verein", "kind": "association"}),
    ("agreement", "parties", {"kind": "friendship", "title": "Vertrag"}),
    ("awardamount", "recipient", {"amount": "10", "currency": "EUR"}),
    ("event", "host_municipality", {"kind": "workshop", "title": "Werkstatt", "sequence": 0}),
    ("outcome", "measures", {"kind": "decision", "text": "Beschluss"}),
    ("idea", "measure", {"title": "Idee", "fate": "measure"}),
]


@pytest.mark.parametrize(("kind", "field", "data"), ADDS,
                         ids=[f"{kind}-{field}" for kind, field, _ in ADDS])
def test_a_new_object_naming_another_partnerships_object_is_refused_at_the_field(
    client, world, alice, kind, field, data
):
    registered = KINDS[kind]
    model = registered.model
    url = reverse(f"workspace:{kind}_add", args=[world.partnership.slug])
    parent = {}
    if registered.parent:
        parent = {"parent": world.objects[registered.parent].pk}
        url += f"?parent={parent['parent']}"
    client.force_login(alice)
    count = model._default_manager.count()

    response = client.post(url, {**parent, **data, field: _foreign(field)})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert model._default_manager.count() == count


def test_an_organisation_added_in_the_workspace_is_located_in_a_member(client, world, alice):
    url = reverse("workspace:organisation_add", args=[world.partnership.slug])
    client.force_login(alice)

    response = client.post(url, {"name": "Verein ohne Ort", "kind": "association"})

    assert response.status_code == 400
    assert "municipality" in response.context["form"].errors
    assert not type(world.objects["organisation"]).objects.filter(name="Verein ohne Ort").exists()


def test_an_edit_in_the_workspace_records_the_editor_and_a_repeat_keeps_the_version(
    client, world, bao
):
    event = world.objects["event"]
    url = reverse("workspace:event_edit", args=[world.partnership.slug, event.pk])
    client.force_login(bao)
    data = {**_form_data(client.get(url).context["form"]), "place_name": "Hội An"}

    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "version": 2}).status_code == 302

    event.refresh_from_db()
    assert (event.place_name, event.version) == ("Hội An", 2)
    assert event.history.latest("history_date").history_user == bao


def test_an_organisation_added_in_the_workspace_takes_its_towns_country(client, world, bao,
                                                                        hoi_an):
    url = reverse("workspace:organisation_add", args=[world.partnership.slug])
    client.force_login(bao)

    response = client.post(url, {"name": "Hội Phụ nữ", "kind": "association",
                                 "municipality": hoi_an.pk})

    assert response.status_code == 302
    organisation = type(world.objects["organisation"]).objects.get(name="Hội Phụ nữ")
    assert (organisation.municipality, organisation.country) == (hoi_an, "VN")
    assert organisation.history.get().history_user == bao
