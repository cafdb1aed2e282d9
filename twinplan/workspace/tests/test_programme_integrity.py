"""The programme's kinds in the workspace: another partnership's ids posted into a form are
refused with a 400 and a message at the field, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.programmes.models import FieldOfAction, Goal, MeasureActor
from twinplan.programmes.tests.factories import ActionProgrammeFactory
from twinplan.workspace.registry import KINDS

pytestmark = pytest.mark.django_db


def _form_data(world: Any, kind_name: str, obj: Any) -> dict[str, Any]:
    """What the edit form of `obj` would post unchanged."""
    form = KINDS[kind_name].form(instance=obj, partnership=world.partnership)
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    return data


@pytest.fixture
def foreign(world):
    """Objects of the other partnership of the world ("elsewhere")."""
    from twinplan.partnerships.models import Partnership

    other = Partnership.objects.get(slug="elsewhere")
    town = other.members.first().municipality
    programme = ActionProgrammeFactory(partnership=other)
    field = FieldOfAction.objects.create(programme=programme, title="Fremdes Feld")
    return {
        "town": town,
        "field": field,
        "goal": Goal.objects.create(programme=programme, title="Fremdes Ziel"),
        "organisation": OrganisationFactory(name="Fremder Verein", municipality=town),
    }


CASES = [
    ("baseline", "municipality", "town"),
    ("goal", "field_of_action", "field"),
    ("measure", "field_of_action", "field"),
    ("measure", "goals", "goal"),
    ("measure", "lead_municipality", "town"),
    ("measure", "implementing_municipalities", "town"),
    ("actor", "organisation", "organisation"),
]


@pytest.mark.parametrize(("kind_name", "field", "what"), CASES)
def test_another_partnerships_id_in_an_edit_is_refused_at_the_field(
    client, world, alice, foreign, kind_name, field, what
):
    client.force_login(alice)
    obj = world.objects[kind_name]
    data = _form_data(world, kind_name, obj)
    many = KINDS[kind_name].model._meta.get_field(field).many_to_many
    data[field] = [foreign[what].pk] if many else foreign[what].pk
    before = KINDS[kind_name].model._default_manager.get(pk=obj.pk)

    url = reverse(f"workspace:{kind_name}_edit", args=[world.partnership.slug, obj.pk])
    response = client.post(url, data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    after = KINDS[kind_name].model._default_manager.get(pk=obj.pk)
    assert after.version == before.version
    if many:
        assert foreign[what] not in getattr(after, field).all()
    else:
        assert getattr(after, f"{field}_id") == getattr(before, f"{field}_id")


def test_the_unchanged_edit_form_saves_and_keeps_the_version(client, world, alice):
    """The counterpart of the refusals above: the same data without the foreign id saves."""
    client.force_login(alice)
    for kind_name in ("baseline", "goal", "actor"):
        obj = world.objects[kind_name]
        url = reverse(f"workspace:{kind_name}_edit", args=[world.partnership.slug, obj.pk])
        response = client.post(url, _form_data(world, kind_name, obj))
        assert response.status_code == 302, (kind_name, response.context["form"].errors)
        stored = KINDS[kind_name].model._default_manager.get(pk=obj.pk)
        assert stored.version == obj.version


def test_an_actor_of_another_partnership_is_not_added(client, world, alice, foreign):
    client.force_login(alice)
    measure = world.objects["measure"]
    url = reverse("workspace:actor_add", args=[world.partnership.slug])
    response = client.post(f"{url}?parent={measure.pk}", {
        "parent": measure.pk, "kind": "association", "organisation": foreign["organisation"].pk,
    })

    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert MeasureActor.objects.filter(measure=measure).count() == 1


def test_the_actor_form_offers_only_organisations_of_member_towns(world, foreign):
    form = KINDS["actor"].form(partnership=world.partnership, parent=world.objects["measure"])
    offered = set(form.fields["organisation"].queryset)  # type: ignore[attr-defined]
    assert foreign["organisation"] not in offered
    assert world.objects["organisation"] in offered


def test_the_programme_forms_name_only_arguments_of_their_services():
    from twinplan.indicators import services as indicators
    from twinplan.programmes import services as programmes

    arguments = {
        "programme": programmes.ProgrammeFields, "baseline": programmes.BaselineFields,
        "field": programmes.FieldOfActionFields, "goal": programmes.GoalFields,
        "measure": programmes.MeasureFields, "actor": programmes.ActorFields,
        "challenge": programmes.ChallengeFields, "progress": programmes.ProgressFields,
        "indicator": indicators.IndicatorFields,
        "indicatorvalue": indicators.IndicatorValueFields,
    }
    for kind_name, typed in arguments.items():
        kind = KINDS[kind_name]
        assert kind.versioned, kind_name
        assert kind.has_history, kind_name
        named = set(kind.form._meta.fields or ())
        assert named <= set(typed.__annotations__), (kind_name, named - set(typed.__annotations__))
