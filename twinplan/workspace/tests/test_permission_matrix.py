"""Every workspace view × every kind of user: allowed or denied, from one table.

Pages are read with GET; every write (add, edit, delete, publish of every kind) is POSTed
with input that would change the database, and a denied write must leave the database
exactly as it was. The rows are generated from the registry: a kind is one line of
`LINES` (the test fails until you decide it) and needs an object in the `world` fixture
(the test fails, it does not skip, without one); an action is one row of `ACTIONS`.

A view missing from the tables fails `test_every_workspace_url_is_in_the_table`, so a new
view cannot be added without deciding who may use it.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import translation

from twinplan.workspace.registry import KINDS, Kind

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "inactive_coordinator", "contributor",
         "contributor_elsewhere", "contributor_without_organisation", "other_coordinator",
         "coordinator", "partner_coordinator", "programme_coordinator", "network_admin"]
# Joint content: both towns' coordinators, as equals.
EDITORS = {"coordinator", "partner_coordinator", "network_admin"}
# A town's own data (the world's municipal objects are Wernigerode's): its coordinator.
OWN_TOWN = {"coordinator", "network_admin"}
CONTRIBUTORS = {"contributor", "contributor_elsewhere", "contributor_without_organisation"}
READERS = EDITORS | {"programme_coordinator"} | CONTRIBUTORS
SIGNED_IN = set(ROLES) - {"anonymous", "inactive_coordinator"}

# Who may do each action, per kind of rule. Charlie ("contributor") reports for a school
# that is an actor of the world's measure and wrote its progress entry, measured value and
# idea; dora's association is not an actor; gabi's role names no organisation, which
# attaches her to every measure.
JOINT = {"add": EDITORS, "edit": EDITORS, "delete": EDITORS, "publish": EDITORS,
         "history": READERS, "history_restore": EDITORS}
MUNICIPAL = {"add": OWN_TOWN, "edit": OWN_TOWN, "delete": OWN_TOWN, "publish": OWN_TOWN,
             "history": READERS, "history_restore": OWN_TOWN}
AUTHORS = EDITORS | {"contributor"}
REPORTED = {**JOINT,
            "add": EDITORS | {"contributor", "contributor_without_organisation"},
            "edit": AUTHORS, "delete": AUTHORS, "history_restore": AUTHORS}
AT_EVENTS = {**JOINT, "add": EDITORS | CONTRIBUTORS,
             "edit": AUTHORS, "delete": AUTHORS, "history_restore": AUTHORS}

LINES: dict[str, dict[str, set[str]]] = {
    "partnership": JOINT,
    "municipality": MUNICIPAL,
    "fact": MUNICIPAL,
    "organisation": JOINT,
    "agreement": JOINT,
    "award": JOINT,
    "awardamount": JOINT,
    "phase": JOINT,
    "programme": JOINT,
    "baseline": JOINT,
    "field": JOINT,
    "goal": JOINT,
    "measure": JOINT,
    "actor": JOINT,
    "resource": JOINT,
    "challenge": JOINT,
    "progress": REPORTED,
    "indicator": JOINT,
    "indicatorvalue": REPORTED,
    "event": JOINT,
    "outcome": JOINT,
    "idea": AT_EVENTS,
    # A partnership's own glossary terms; global ones only in the admin.
    "glossaryterm": JOINT,
    # The measure's impact is joint content, whichever town it is counted for.
    "impact": JOINT,
    "travelleg": JOINT,
    "inventory": MUNICIPAL,
    "factoroverride": JOINT,
    # A town's climate risks are its own data; what a measure does against them is joint.
    "risk": MUNICIPAL,
    "adaptation": JOINT,
    "adaptationeffect": JOINT,
    # Photos and documents of events, measures, agreements and the partnership.
    "media": JOINT,
    # A council's adoption of an edition, and the coordinators' comments on a measure.
    "adoption": JOINT,
    "comment": JOINT,
}


# --- input that changes something -----------------------------------------------------------


def _as_input(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_as_input(v) for v in value]
    if isinstance(value, (datetime.date, decimal.Decimal, int, float)):
        return str(value)
    return "" if value is None else value


def form_input(world, kind: Kind, obj: Any) -> dict[str, Any]:
    """What the edit form of `obj` sends back unchanged."""
    form = kind.form(instance=obj, partnership=world.partnership)
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = _as_input(value)
    return data


# Per kind, the change an edit makes (the first text field otherwise), and what else a
# second object of the kind needs to be accepted beside the first.
CHANGES: dict[str, dict[str, Any]] = {
    "awardamount": {"amount": "31000"},
    "resource": {"planned_amount": "150"},
    "indicatorvalue": {"value": "6"},
    "inventory": {"total_co2e_t_per_year": "240000"},
    "factoroverride": {"source": "Changed source"},
}
SECOND: dict[str, dict[str, Any]] = {
    "factoroverride": {"key": "electricity.grid.DEU"},
    "risk": {"hazard": "storms"},
    "inventory": {"year": "2023"},
    "glossaryterm": {"term": "Hitzeschutz", "key": ""},
    "programme": {"edition": "2"},
}


def second_choice(world, kind: Kind) -> dict[str, Any]:
    """Choices a second object must make differently: a second council's adoption is the
    partner town's."""
    if kind.name == "adoption":
        return {"municipality": str(world.partnership.members.get(position=1).municipality_id)}
    return {}


# Kinds of which a parent holds one object at most: added under the world's spare parent.
ADD_UNDER_SPARE = {"impact", "adaptation"}


def changed(world, kind: Kind, obj: Any) -> dict[str, Any]:
    data = form_input(world, kind, obj)
    if kind.name in CHANGES:
        return {**data, **CHANGES[kind.name]}
    form = kind.form(instance=obj, partnership=world.partnership)
    texts = [bound.html_name for bound in form.visible_fields()
             if bound.widget_type in ("text", "textarea")
             and bound.field.widget.attrs.get("inputmode") != "decimal"]  # not a number
    for name in sorted(texts, key=lambda name: not data.get(name)):  # filled ones first
        return {**data, name: f"{data.get(name) or 'Text'} changed"}
    raise AssertionError(f"say in CHANGES what an edit of a {kind.name} changes")


# --- the actions ------------------------------------------------------------------------------


def earlier_version(world, kind: Kind, obj: Any) -> list[Any]:
    """Edit the object once through its service, and name its first version: restoring
    that one changes the object back."""
    first = obj.history.earliest("history_date")
    data = changed(world, kind, obj)
    unchanged = form_input(world, kind, obj)
    values = {name: value for name, value in data.items() if unchanged.get(name) != value}
    kind.services.update(obj, by=world.users["network_admin"], expected_version=None,
                         **values)
    return [first.history_id]


def restore_input(world, kind: Kind, obj: Any) -> dict[str, Any]:
    return {"version": obj.version} if kind.versioned else {}


@dataclass(frozen=True)
class Action:
    name: str  # the URL name is "<kind>_<name>"
    applies: Callable[[Kind], bool]
    page: bool  # GET shows a page (a form or a confirmation) with the same rule
    # The POSTed input; None for actions that only read.
    post: Callable[[Any, Kind, Any], dict[str, Any]] | None
    # Done once before the roles try the action; gives the URL's further arguments.
    prepare: Callable[[Any, Kind, Any], list[Any]] | None = None


ACTIONS = [
    Action("add", lambda kind: kind.can_add, page=True,
           post=lambda world, kind, obj: {**changed(world, kind, obj),
                                          **SECOND.get(kind.name, {}),
                                          **second_choice(world, kind)}),
    Action("edit", lambda kind: True, page=True, post=changed),
    Action("delete", lambda kind: kind.can_delete, page=True,
           post=lambda world, kind, obj: {}),
    Action("publish", lambda kind: kind.publishable, page=False,
           post=lambda world, kind, obj: {"publish": "0" if obj.is_published else "1"}),
    Action("history", lambda kind: kind.has_history, page=True, post=None),
    Action("history_restore", lambda kind: kind.has_history, page=False, post=restore_input,
           prepare=earlier_version),
]


def _pages() -> dict[str, set[str]]:
    table = {
        "dashboard": SIGNED_IN,
        "overview": READERS,
        "measure_detail": READERS,
        "invitations": EDITORS,
        "translations": READERS,
        "translation_edit": EDITORS,
        "bin": EDITORS,
        # Reading the exchange rates; adding one: test_network.py.
        "rates": READERS,
        # A published measure of another partnership as a template: who adds measures to
        # one of their draft editions (the world's programme is a draft).
        "library_use": EDITORS,
    }
    for name, kind in KINDS.items():
        for action in ACTIONS:
            if action.page and action.applies(kind):
                table[f"{name}_{action.name}"] = LINES.get(name, {}).get(action.name, set())
    return table


def _writes() -> dict[str, set[str]]:
    table = {
        f"{name}_{action.name}": LINES.get(name, {}).get(action.name, set())
        for name, kind in KINDS.items()
        for action in ACTIONS
        if action.post is not None and action.applies(kind)
    }
    # Restoring from the bin a measure's challenge (joint) and a fact of Wernigerode.
    table["bin_restore"] = EDITORS
    table["bin_restore_fact"] = OWN_TOWN
    # Copying the library's measure into the world's draft edition.
    table["library_use"] = EDITORS
    return table


PAGES = _pages()
WRITES = _writes()
# Views outside the tables, and why.
EXEMPT = {
    "invitation_accept": "opened through an e-mailed link with a token: test_invitations.py",
    "api_tokens": "a person's own API tokens, in no partnership: api/tests/test_tokens.py",
    "api_token_revoke": "only the owner's own token: api/tests/test_tokens.py",
    **dict.fromkeys(
        ("sheets", "sheet_plan", "sheet_template", "sheet_import", "sheet_import_confirm"),
        "the spreadsheet pages have their own matrix: spreadsheets/tests/test_views.py",
    ),
    "media_upload": "takes a file: its own matrix of every role in test_media_upload.py",
    # The partnership's process: its own matrix over the same roles.
    **dict.fromkeys(("digest_settings", "review", "review_decide", "edition_start",
                     "measures_bulk", "phases_template", "archive"), "test_process_views.py"),
}


def test_every_workspace_url_is_in_the_table():
    from twinplan.workspace import urls

    declared = {pattern.name for pattern in urls.urlpatterns}
    tabled = set(PAGES) | set(WRITES) - {"bin_restore_fact"}
    assert declared - tabled - set(EXEMPT) == set(), "decide who may use these views"
    assert tabled - declared == set(), "the table names views that do not exist"


def test_every_kind_has_its_line():
    assert set(KINDS) - set(LINES) == set(), "decide these kinds' lines in LINES"
    assert set(LINES) - set(KINDS) == set(), "LINES names kinds the registry does not have"


def test_every_kind_has_an_object_in_the_world(world):
    """Without one, the generated rows could not run: they fail rather than skip."""
    missing = set(KINDS) - set(world.objects)
    assert missing == set(), f"add an object of these kinds to the world fixture: {missing}"
    for name, kind in KINDS.items():
        assert kind.in_partnership(world.partnership).filter(
            pk=world.objects[name].pk
        ).exists(), f"the world's {name} does not belong to its partnership"


def test_every_role_is_in_the_world(world):
    assert set(world.users) == set(ROLES)


# --- running one row --------------------------------------------------------------------------


def _split(url_name: str) -> tuple[Kind, Action]:
    for action in sorted(ACTIONS, key=lambda a: -len(a.name)):  # history_restore first
        kind_name = url_name.removesuffix(f"_{action.name}")
        if kind_name != url_name and kind_name in KINDS:
            return KINDS[kind_name], action
    raise AssertionError(f"no action row for {url_name}")


def _target(world, kind: Kind) -> Any:
    obj = world.objects.get(kind.name)
    assert obj is not None, f"the world fixture has no {kind.name}: add one"
    return obj


def _parent(world, kind: Kind) -> Any:
    assert kind.parent is not None
    if kind.name in ADD_UNDER_SPARE:
        return world.spare[kind.parent]
    return world.objects[kind.parent]


def _url(world, kind: Kind, action: Action, further: list[Any] | None = None) -> str:
    slug = world.partnership.slug
    obj = _target(world, kind)
    if action.name == "add":
        url = reverse(f"workspace:{kind.name}_add", args=[slug])
        if kind.parent:
            url += f"?parent={_parent(world, kind).pk}"
        return url
    return reverse(f"workspace:{kind.name}_{action.name}", args=[slug, obj.pk, *(further or [])])


def _library_source(world) -> Any:
    """A published measure of another published partnership, as the library shows it."""
    from twinplan.programmes.models import Measure
    from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

    found = Measure.objects.filter(title="Library template").first()
    if found is not None:
        return found
    return MeasureFactory(programme=ActionProgrammeFactory(), title="Library template")


def _page(client, world, url_name: str):
    slug = world.partnership.slug
    if url_name == "library_use":
        return client.get(reverse("workspace:library_use", args=[_library_source(world).pk]))
    if url_name == "dashboard":
        return client.get(reverse("workspace:dashboard"))
    if url_name in {"overview", "invitations", "translations", "bin", "rates"}:
        return client.get(reverse(f"workspace:{url_name}", args=[slug]))
    if url_name == "translation_edit":
        return client.get(reverse("workspace:translation_edit",
                                  args=[slug, "measure", world.objects["measure"].pk, "vi"]))
    if url_name == "measure_detail":
        return client.get(reverse("workspace:measure_detail",
                                  args=[slug, world.objects["measure"].pk]))
    kind, action = _split(url_name)
    return client.get(_url(world, kind, action))


def _denied(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def _outcome(response) -> str:
    if _denied(response):
        return "deny"
    if response.status_code in (200, 204, 302):
        return "allow"
    raise AssertionError(f"unexpected status {response.status_code}")


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model the workspace edits."""
    return {
        kind.model._meta.label: list(kind.model._default_manager.order_by("pk").values())
        for kind in KINDS.values()
    }


def _as(client, world, role: str) -> None:
    client.logout()
    user = world.users[role]
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_permission_matrix(client, world, url_name):
    observed = {}
    for role in ROLES:
        _as(client, world, role)
        with translation.override("en"):
            observed[role] = _outcome(_page(client, world, url_name))
    expected = {role: ("allow" if role in PAGES[url_name] else "deny") for role in ROLES}
    assert observed == expected


def _bin_entry(world, name: str) -> Any:
    from twinplan.core.bin import bin_delete
    from twinplan.programmes.models import Challenge

    if name == "bin_restore_fact":
        fact = world.objects["fact"]
        return bin_delete(fact, by=None, scope=fact.municipality)
    challenge = Challenge.objects.create(measure=world.objects["measure"], category="other",
                                         description="Binned", original_language="de")
    return bin_delete(challenge, by=None, scope=world.partnership)


def prepare(world, url_name: str) -> tuple[str, dict[str, Any]]:
    """The URL and input of one write, after what it needs has been set up."""
    if url_name.startswith("bin_restore"):
        entry = _bin_entry(world, url_name)
        return reverse("workspace:bin_restore", args=[world.partnership.slug, entry.pk]), {}
    if url_name == "library_use":
        return reverse("workspace:library_use", args=[_library_source(world).pk]), {
            "programme": world.objects["programme"].pk,
            "field_of_action": world.objects["field"].pk,
        }
    kind, action = _split(url_name)
    assert action.post is not None
    obj = _target(world, kind)
    further = action.prepare(world, kind, obj) if action.prepare else None
    obj = kind.model._default_manager.get(pk=obj.pk)
    data = action.post(world, kind, obj)
    if action.name == "add" and kind.parent:
        data["parent"] = _parent(world, kind).pk
    return _url(world, kind, action, further), data


def _write(client, url: str, data: dict[str, Any], before: dict[str, Any]) -> str:
    """POST one write, report what it did, and undo it for the next role."""
    with transaction.atomic():
        with translation.override("en"):
            response = client.post(url, data)
        after = snapshot()
        transaction.set_rollback(True)
    if _denied(response):
        return "deny" if after == before else "denied, but the database changed"
    if response.status_code != 302:
        errors = getattr(response.context, "get", lambda *_: None)("form")
        return f"status {response.status_code}: {getattr(errors, 'errors', '')}"
    return "allow" if after != before else "allowed, but nothing was written"


# Known faults of the code under test, each a strict xfail: it fails loudly once fixed, so
# that the marker goes.
KNOWN_FAULTS: dict[str, str] = {}


@pytest.mark.parametrize("url_name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_FAULTS[name], strict=True))
    if name in KNOWN_FAULTS else name
    for name in sorted(WRITES)
])
def test_writes(client, world, url_name):
    url, data = prepare(world, url_name)
    before = snapshot()
    observed = {}
    for role in ROLES:
        _as(client, world, role)
        observed[role] = _write(client, url, data, before)
    expected = {role: ("allow" if role in WRITES[url_name] else "deny") for role in ROLES}
    assert observed == expected
