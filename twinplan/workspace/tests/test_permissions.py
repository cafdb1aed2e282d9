"""The workspace rules, each half on its own: joint content is edited by both towns'
coordinators, a town's own data (key figures, facts, emissions inventory) only by its own;
an inactive account may do nothing; and what the pages show follows the same rules
(`object_access`), with no rule restated in a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from twinplan.climate.tests.factories import MunicipalInventoryFactory
from twinplan.municipalities.models import MunicipalityFact
from twinplan.partnerships.permissions import FULL_ACCESS, partnership_access
from twinplan.programmes.models import ProgressEntry
from twinplan.workspace import permissions as rules
from twinplan.workspace.registry import KINDS

pytestmark = pytest.mark.django_db

JOINT = ["partnership", "programme", "goal", "measure", "resource", "event", "impact",
         "glossaryterm", "factoroverride"]
MUNICIPAL = ["municipality", "fact", "inventory"]


def may_edit(user, world, name, obj=None):
    obj = world.objects[name] if obj is None else obj
    return rules.may_edit(user, partnership_access(user, world.partnership), KINDS[name], obj)


def may_add(user, world, name, parent):
    return rules.may_add(partnership_access(user, world.partnership), KINDS[name], parent)


@pytest.fixture
def hoi_an_data(world, hoi_an):
    return {
        "municipality": hoi_an,
        "fact": MunicipalityFact.objects.create(municipality=hoi_an, text="Phố cổ",
                                                original_language="vi"),
        "inventory": MunicipalInventoryFactory(municipality=hoi_an),
    }


def test_the_world_lets_municipal_data_be_wernigerodes(world, wernigerode):
    """The halves below rely on it."""
    for name in MUNICIPAL:
        assert KINDS[name].municipal
        assert KINDS[name].municipality_of(world.objects[name]) == wernigerode
    for name in JOINT:
        assert not KINDS[name].municipal


@pytest.mark.parametrize("name", JOINT)
def test_both_coordinators_edit_joint_content(world, alice, bao, name):
    assert may_edit(bao, world, name)
    assert may_edit(alice, world, name)


def test_the_partner_town_edits_a_measure_the_other_town_leads(world, wernigerode, bao):
    measure = world.objects["measure"]
    measure.lead_municipality = wernigerode
    assert may_edit(bao, world, "measure", measure)
    assert rules.may_delete(bao, partnership_access(bao, world.partnership), KINDS["measure"],
                            measure)


@pytest.mark.parametrize("name", MUNICIPAL)
def test_the_partner_town_may_not_edit_wernigerodes_own_data(world, bao, name):
    access = partnership_access(bao, world.partnership)
    assert access.edit  # a coordinator of the partnership all the same
    assert not may_edit(bao, world, name)
    assert not rules.may_delete(bao, access, KINDS[name], world.objects[name])


@pytest.mark.parametrize("name", ["fact", "inventory"])
def test_the_partner_town_may_not_add_to_wernigerodes_own_data(world, wernigerode, bao, name):
    assert not may_add(bao, world, name, wernigerode)


@pytest.mark.parametrize("name", MUNICIPAL)
def test_a_coordinator_edits_their_own_towns_data(world, alice, name):
    assert may_edit(alice, world, name)


@pytest.mark.parametrize("name", MUNICIPAL)
def test_a_coordinator_may_not_edit_the_partner_towns_data(world, alice, bao, hoi_an_data,
                                                          name):
    assert not may_edit(alice, world, name, hoi_an_data[name])
    assert may_edit(bao, world, name, hoi_an_data[name])


@pytest.mark.parametrize("name", ["fact", "inventory"])
def test_each_coordinator_adds_to_their_own_town_only(world, alice, bao, wernigerode, hoi_an,
                                                      name):
    assert may_add(alice, world, name, wernigerode)
    assert not may_add(alice, world, name, hoi_an)
    assert may_add(bao, world, name, hoi_an)


def test_a_network_admin_edits_every_towns_data(world, hoi_an_data):
    root = world.users["network_admin"]
    for name in MUNICIPAL:
        assert may_edit(root, world, name)
        assert may_edit(root, world, name, hoi_an_data[name])


def test_the_partner_town_is_refused_over_http_and_nothing_changes(client, world, bao):
    """The rule as a write: bao posts new key figures for Wernigerode."""
    wernigerode = world.objects["municipality"]
    before = (wernigerode.population, wernigerode.name)
    client.force_login(bao)
    url = reverse("workspace:municipality_edit", args=[world.partnership.slug, wernigerode.pk])
    response = client.post(url, {"name": "Wernigerode", "population": "1"})
    assert response.status_code == 403
    wernigerode.refresh_from_db()
    assert (wernigerode.population, wernigerode.name) == before


# --- an inactive account ----------------------------------------------------------------------


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_an_inactive_coordinator_may_do_nothing(world, alice, name):
    obj = world.objects[name]
    kind = KINDS[name]
    parent = world.objects[kind.parent] if kind.parent else None
    before = partnership_access(alice, world.partnership)
    assert may_edit(alice, world, name)
    alice = deactivate(alice)
    access = partnership_access(alice, world.partnership)
    assert not rules.may_add(access, kind, parent)
    assert not rules.may_publish(access, kind)
    assert not rules.may_read(access)
    # Even with the access the account had while it was active, the rules that know the
    # user refuse it.
    assert not rules.may_edit(alice, before, kind, obj)
    assert not rules.may_delete(alice, before, kind, obj)
    assert rules.object_access(alice, before, kind, obj) == rules.NOTHING


@pytest.mark.parametrize("name", ["progress", "indicatorvalue", "idea"])
def test_an_inactive_author_may_not_edit_their_own_entries(world, charlie, name):
    obj = world.objects[name]
    access = partnership_access(charlie, world.partnership)
    assert rules.may_edit(charlie, access, KINDS[name], obj)
    charlie = deactivate(charlie)
    assert not rules.may_edit(charlie, access, KINDS[name], obj)
    assert not rules.may_edit(charlie, partnership_access(charlie, world.partnership),
                              KINDS[name], obj)


def test_an_inactive_network_admin_may_do_nothing(world):
    root = deactivate(world.users["network_admin"])
    measure = world.objects["measure"]
    assert partnership_access(root, world.partnership) == rules.PartnershipAccess()
    assert not rules.may_edit(root, FULL_ACCESS, KINDS["measure"], measure)
    assert rules.object_access(root, FULL_ACCESS, KINDS["measure"], measure) == rules.NOTHING


# --- one access object per object, read by the templates --------------------------------------


def object_access(user, world, name, obj=None):
    obj = world.objects[name] if obj is None else obj
    return rules.object_access(user, partnership_access(user, world.partnership), KINDS[name],
                               obj)


def test_object_access_answers_every_action_as_the_rules_do(world, alice, bao, charlie):
    measure = object_access(bao, world, "measure")
    assert (measure.edit, measure.delete, measure.publish, measure.history) == (
        True, True, True, True,
    )
    assert set(measure.add) == {name for name, kind in KINDS.items()
                                if kind.parent == "measure" and kind.can_add}
    assert {"actor", "resource", "challenge", "progress", "indicator", "impact"} <= set(
        measure.add)
    town = object_access(bao, world, "municipality")
    assert (town.edit, town.delete, set(town.add)) == (False, False, set())
    assert set(object_access(alice, world, "municipality").add) == {"fact", "inventory", "risk"}
    entry = object_access(charlie, world, "progress")
    assert (entry.edit, entry.delete, entry.publish) == (True, True, False)
    assert entry.history == KINDS["progress"].has_history  # contributors read drafts
    assert set(object_access(charlie, world, "measure").add) == {"progress"}
    assert set(object_access(charlie, world, "indicator").add) == {"indicatorvalue"}
    assert set(object_access(charlie, world, "event").add) == {"idea"}
    paula = world.users["programme_coordinator"]
    reader = object_access(paula, world, "measure")
    assert (reader.edit, reader.delete, reader.publish, reader.history, set(reader.add)) == (
        False, False, False, True, set(),
    )


def test_the_partnership_offers_the_kinds_without_a_parent(world, alice):
    offered = set(object_access(alice, world, "partnership").add)
    assert offered == {name for name, kind in KINDS.items()
                       if kind.parent is None and kind.can_add}


def test_another_contributors_entry_offers_nothing(world, charlie):
    gabi = world.users["contributor_without_organisation"]
    entry = object_access(gabi, world, "progress")
    assert (entry.edit, entry.delete, entry.publish, set(entry.add)) == (
        False, False, False, set())
    assert set(object_access(gabi, world, "measure").add) == {"progress"}
    dora = world.users["contributor_elsewhere"]
    assert set(object_access(dora, world, "measure").add) == set()


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_offers_each_town_its_own_key_figures(client, world, alice, bao,
                                                           wernigerode, hoi_an):
    url = reverse("workspace:overview", args=[world.partnership.slug])
    edit = lambda m: reverse("workspace:municipality_edit",  # noqa: E731
                             args=[world.partnership.slug, m.pk])
    fact = reverse("workspace:fact_edit",
                   args=[world.partnership.slug, world.objects["fact"].pk])
    as_alice = _page(client, alice, url)
    assert edit(wernigerode) in as_alice
    assert fact in as_alice
    assert edit(hoi_an) not in as_alice
    as_bao = _page(client, bao, url)
    assert edit(hoi_an) in as_bao
    assert edit(wernigerode) not in as_bao
    assert fact not in as_bao
    # Joint content all the same.
    assert reverse("workspace:event_edit",
                   args=[world.partnership.slug, world.objects["event"].pk]) in as_bao


def test_the_measure_page_offers_a_contributor_their_own_entries(client, world, charlie):
    other = ProgressEntry.objects.create(measure=world.objects["measure"], text="Alice's step",
                                         author=world.users["coordinator"],
                                         original_language="de")
    slug = world.partnership.slug
    url = reverse("workspace:measure_detail", args=[slug, world.objects["measure"].pk])
    page = _page(client, charlie, url)
    assert reverse("workspace:progress_edit", args=[slug, world.objects["progress"].pk]) in page
    assert reverse("workspace:indicatorvalue_edit",
                   args=[slug, world.objects["indicatorvalue"].pk]) in page
    assert reverse("workspace:progress_edit", args=[slug, other.pk]) not in page
    assert reverse("workspace:measure_edit", args=[slug, world.objects["measure"].pk]) not in page
    assert reverse("workspace:progress_add", args=[slug]) in page  # he reports here


def test_the_measure_page_offers_a_programme_coordinator_the_history_only(client, world):
    slug = world.partnership.slug
    measure = world.objects["measure"]
    page = _page(client, world.users["programme_coordinator"],
                 reverse("workspace:measure_detail", args=[slug, measure.pk]))
    assert reverse("workspace:measure_history", args=[slug, measure.pk]) in page
    assert reverse("workspace:measure_edit", args=[slug, measure.pk]) not in page
    assert reverse("workspace:measure_publish", args=[slug, measure.pk]) not in page
    assert reverse("workspace:progress_add", args=[slug]) not in page


def test_the_overview_offers_ideas_to_every_contributor_and_edits_to_their_author(
        client, world, charlie):
    slug = world.partnership.slug
    url = reverse("workspace:overview", args=[slug])
    idea_edit = reverse("workspace:idea_edit", args=[slug, world.objects["idea"].pk])
    idea_add = reverse("workspace:idea_add", args=[slug])
    assert idea_edit in _page(client, charlie, url)
    as_dora = _page(client, world.users["contributor_elsewhere"], url)
    assert idea_add in as_dora
    assert idea_edit not in as_dora
    as_paula = _page(client, world.users["programme_coordinator"], url)
    assert idea_add not in as_paula


# Ways a template restates a rule instead of reading an access flag.
RESTATED = [
    r"user\.pk", r"user\.id\b", r"is_superuser", r"is_staff", r"author_id\s*==",
    r"==\s*user", r"municipality_ids", r"all_municipalities", r"organisation_ids",
    r"\bcan_edit\b", r"\bcan_report\b",
]


def test_workspace_templates_restate_no_rule():
    root = Path(settings.BASE_DIR) / "twinplan" / "templates" / "workspace"
    found = [
        f"{path.relative_to(root)}: {pattern}"
        for path in sorted(root.rglob("*.html"))
        for pattern in RESTATED
        if re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert found == [], "read the flags of `access` or `{% object_access %}` instead"
