"""The API's rules (api.permissions) agree with the editor pages' (workspace.permissions)
for every kind of user and every object the API writes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from twinplan.api import permissions as api_rules
from twinplan.partnerships.permissions import partnership_access
from twinplan.workspace import permissions as page_rules
from twinplan.workspace.registry import KINDS

pytestmark = pytest.mark.django_db


def test_api_rules_are_the_pages_rules(api_world):
    w = api_world
    o = w.objects
    disagreements = []
    for who, user in w.users.items():
        reader = user if user is not None else AnonymousUser()
        access = partnership_access(reader, w.partnership)
        pairs = {
            "add measure": (api_rules.may_add_measure(reader, o["programme"]),
                            page_rules.may_add(access, KINDS["measure"], o["programme"])),
            "edit measure": (api_rules.may_edit_measure(reader, o["measure"]),
                             page_rules.may_edit(reader, access, KINDS["measure"], o["measure"])),
            "add progress": (api_rules.may_add_progress(reader, o["measure"]),
                             page_rules.may_add(access, KINDS["progress"], o["measure"])),
            "add progress elsewhere": (
                api_rules.may_add_progress(reader, w.spare["measure"]),
                page_rules.may_add(access, KINDS["progress"], w.spare["measure"])),
            "edit progress": (api_rules.may_edit_progress(reader, o["progress"]),
                              page_rules.may_edit(reader, access, KINDS["progress"],
                                                  o["progress"])),
            "add value": (api_rules.may_add_indicator_value(reader, o["indicator"]),
                          page_rules.may_add(access, KINDS["indicatorvalue"], o["indicator"])),
            "edit value": (api_rules.may_edit_indicator_value(reader, o["indicatorvalue"]),
                           page_rules.may_edit(reader, access, KINDS["indicatorvalue"],
                                               o["indicatorvalue"])),
            "add event": (api_rules.may_add_event(reader, w.partnership),
                          page_rules.may_add(access, KINDS["event"], None)),
            "edit event": (api_rules.may_edit_event(reader, o["event"]),
                           page_rules.may_edit(reader, access, KINDS["event"], o["event"])),
            "read drafts": (api_rules.may_read_drafts(reader, w.partnership),
                            page_rules.may_read(access)),
        }
        disagreements += [(who, rule) for rule, (api, page) in pairs.items() if api != page]
    assert disagreements == []
