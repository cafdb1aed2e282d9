"""Every workspace view × every kind of user: allowed or denied, from one table.

A view missing from the table fails `test_every_workspace_url_is_in_the_table`, so a new
view cannot be added without deciding who may use it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.core.bin import bin_delete
from twinplan.programmes.models import Challenge
from twinplan.workspace.registry import KINDS

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "contributor", "contributor_elsewhere", "other_coordinator",
         "coordinator", "programme_coordinator", "network_admin"]
EDITORS = {"coordinator", "network_admin"}
READERS = EDITORS | {"programme_coordinator", "contributor", "contributor_elsewhere"}
LOGGED_IN = set(ROLES) - {"anonymous"}


def _table() -> dict[str, set[str]]:
    table = {
        "dashboard": LOGGED_IN,
        "overview": READERS,
        "measure_detail": READERS,
        "invitations": EDITORS,
        "translations": READERS,
        "translation_edit": EDITORS,
        "bin": EDITORS,
        "bin_restore": EDITORS,
    }
    for name, kind in KINDS.items():
        actions = ["edit"]
        actions += ["add"] if kind.can_add else []
        actions += ["delete"] if kind.can_delete else []
        actions += ["publish"] if kind.publishable else []
        for action in actions:
            table[f"{name}_{action}"] = EDITORS
        if kind.has_history:
            table[f"{name}_history"] = READERS
            table[f"{name}_history_restore"] = EDITORS
    # Contributors report where they are attached (charlie's school is an actor of the
    # measure; dora's association is not) and edit their own entries.
    for name in ["progress", "indicatorvalue"]:
        for action in ["add", "edit", "delete"]:
            table[f"{name}_{action}"] = EDITORS | {"contributor"}
        # Restoring an earlier state of one's own entry is an edit of it.
        if KINDS[name].has_history:
            table[f"{name}_history_restore"] = EDITORS | {"contributor"}
    table["idea_add"] = EDITORS | {"contributor", "contributor_elsewhere"}
    table["idea_edit"] = table["idea_delete"] = EDITORS | {"contributor"}
    # A partnership's glossary terms: its coordinators and network admins (global terms
    # only in the admin).
    for action in ["add", "edit", "delete"]:
        table[f"glossaryterm_{action}"] = EDITORS
    return table


TABLE = _table()
# Views outside the table, and why.
EXEMPT = {
    "invitation_accept": "opened through an e-mailed link with a token: test_invitations.py",
}


def test_every_workspace_url_is_in_the_table():
    from twinplan.workspace import urls

    declared = {pattern.name for pattern in urls.urlpatterns}
    assert declared - set(TABLE) - set(EXEMPT) == set(), "decide who may use these views"
    assert set(TABLE) - declared == set(), "the table names views that do not exist"


def _request(client, world, url_name: str):
    slug = world.partnership.slug
    kind_name, _, action = url_name.removesuffix("_history_restore").rpartition("_")
    with translation.override("en"):
        if url_name == "bin":
            return client.get(reverse("workspace:bin", args=[slug]))
        if url_name == "bin_restore":
            # A fresh entry each time: one restored already is no longer offered.
            challenge = Challenge.objects.create(measure=world.objects["measure"],
                                                 category="other", description="Bin")
            entry = bin_delete(challenge, by=None, scope=world.partnership)
            return client.post(reverse("workspace:bin_restore", args=[slug, entry.pk]))
        if url_name.endswith("_history_restore"):
            kind_name = url_name.removesuffix("_history_restore")
            obj = world.objects[kind_name]
            record = obj.history.latest("history_date")
            return client.post(reverse(f"workspace:{url_name}",
                                       args=[slug, obj.pk, record.history_id]))
        if url_name in {"dashboard"}:
            return client.get(reverse("workspace:dashboard"))
        if url_name in {"overview", "invitations", "translations"}:
            return client.get(reverse(f"workspace:{url_name}", args=[slug]))
        if url_name == "translation_edit":
            return client.get(reverse("workspace:translation_edit",
                                      args=[slug, "measure", world.objects["measure"].pk, "vi"]))
        if url_name == "measure_detail":
            return client.get(reverse("workspace:measure_detail",
                                      args=[slug, world.objects["measure"].pk]))
        kind = KINDS[kind_name]
        if action == "add":
            url = reverse(url_name_full(url_name), args=[slug])
            if kind.parent:
                url += f"?parent={world.objects[kind.parent].pk}"
            return client.get(url)
        url = reverse(url_name_full(url_name), args=[slug, world.objects[kind_name].pk])
        if action == "publish":
            return client.post(url, {"publish": "1"})
        return client.get(url)


def url_name_full(name: str) -> str:
    return f"workspace:{name}"


def _outcome(response) -> str:
    if response.status_code in (200, 204):
        return "allow"
    if response.status_code == 302:
        return "deny" if "/accounts/login/" in response["Location"] else "allow"
    if response.status_code in (403, 404):
        return "deny"
    raise AssertionError(f"unexpected status {response.status_code}")


@pytest.mark.parametrize("url_name", sorted(TABLE))
def test_permission_matrix(client, world, url_name):
    observed = {}
    for role in ROLES:
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        observed[role] = _outcome(_request(client, world, url_name))
    expected = {role: ("allow" if role in TABLE[url_name] else "deny") for role in ROLES}
    assert observed == expected
