"""Every form of every workspace kind, generated from the registry, as a coordinator uses it.

- Opened and submitted back unchanged (the fields parsed from the rendered page, as a
  browser would send them): a redirect, no field of the object changed, the version kept
  and no history entry written.
- Every add form with valid data: a redirect and the new object exists.
- Every form with bad data (a required field empty, a number field "abc"): a 400 with the
  message at that field, and nothing changed.

A kind without an object in the fixture fails, so a new kind cannot slip past.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.db.models import ManyToManyField, Model
from django.urls import reverse
from django.utils import translation

from twinplan.core.services import translation_set
from twinplan.workspace.registry import KINDS, Kind

pytestmark = pytest.mark.django_db


# --- what a browser sends ------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """The fields of the page's editing form (`<form method="post" class="form">`) as the
    (name, value) pairs a browser submits: inputs, checked checkboxes and radios, the selected
    options of selects (the first option of a single select when none is selected) and
    textareas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self.field_names: list[str] = []
        self._in_form = False
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            classes = attr.get("class", "").split()
            self._in_form = attr.get("method", "").lower() == "post" and "form" in classes
            return
        if not self._in_form:
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            self.field_names.append(name)
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self.pairs.append((name, attr.get("value", "on") or "on"))
            else:
                self.pairs.append((name, attr.get("value", "")))
        elif tag == "select" and name:
            self.field_names.append(name)
            self._select = {"name": name, "multiple": "multiple" in attr, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attr.get("value"), "selected": "selected" in attr,
                            "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self.field_names.append(name)
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0]]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.pairs.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # HTML drops one newline right after <textarea>, and a browser submits every
            # line break of a textarea as CR LF.
            text = text.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
            self.pairs.append((self._textarea["name"], text))
            self._textarea = None


def parse_form(html: str) -> tuple[dict[str, list[str]], list[str]]:
    """The POST data of the page's form, and the names of all its fields."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    assert "csrfmiddlewaretoken" in parser.field_names, "the page has no editing form"
    return data, parser.field_names


def without_csrf(data: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: values for name, values in data.items() if name != "csrfmiddlewaretoken"}


# --- the object as stored ------------------------------------------------------------------------


def snapshot(obj: Model) -> dict[str, Any]:
    """Every stored field of the object, its many-to-many links and its history length."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    state: dict[str, Any] = {
        field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields
    }
    for field in fresh._meta.many_to_many:
        if isinstance(field, ManyToManyField):
            state[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    if hasattr(fresh, "history"):
        state["history entries"] = fresh.history.count()
    return state


def url(kind: Kind, action: str, world: Any, *args: Any) -> str:
    with translation.override("en"):
        return reverse(f"workspace:{kind.name}_{action}", args=[world.partnership.slug, *args])


def add_parent(kind: Kind, world: Any) -> Model | None:
    """Where to add a second object: under the fixture object's parent, or for a kind with
    one object per parent (a measure's impact estimate) under the other measure."""
    if kind.parent is None:
        return None
    if kind.name in {"impact", "adaptation"}:
        return world.objects["measure"].programme.measures.exclude(
            pk=world.objects["measure"].pk).first()
    return world.objects[kind.parent]


def add_url(kind: Kind, world: Any) -> str:
    address = url(kind, "add", world)
    parent = add_parent(kind, world)
    if parent is not None:
        address += f"?parent={parent.pk}"
    return address


def add_data(client: Any, kind: Kind, world: Any) -> dict[str, list[str]]:
    """Valid data for the add form: the fixture object's edit form as rendered, with new
    values where a second object must differ."""
    obj = the_object(world, kind)
    data, _names = parse_form(client.get(url(kind, "edit", world, obj.pk)).content.decode())
    data = without_csrf(data)
    data.pop("version", None)
    data.update({name: [value] for name, value in UNIQUE.get(kind.name, {}).items()})
    if kind.name == "adoption":  # a second adoption is the partner town's council's
        data["municipality"] = [str(world.partnership.members.get(position=1).municipality_id)]
    parent = add_parent(kind, world)
    if parent is not None:
        data["parent"] = [str(parent.pk)]
    return data


def the_object(world: Any, kind: Kind) -> Model:
    obj = world.objects.get(kind.name)
    assert obj is not None, f"the workspace fixture has no {kind.name}: add one to conftest.py"
    return obj


# --- the bad input tried on each form -----------------------------------------------------------

NUMBER_FIELDS = (forms.IntegerField, forms.FloatField, forms.DecimalField)


def bad_inputs(form_class: type[forms.BaseForm], kind: Kind, world: Any) -> dict[str, str]:
    """For the form: a number field given "abc" and a required field left empty (each the
    first of its sort), as {field name: bad value}."""
    obj = the_object(world, kind)
    form = form_class(instance=obj, partnership=world.partnership)  # type: ignore[call-arg]
    visible = [bound for bound in form if not bound.is_hidden]
    cases: dict[str, str] = {}
    for bound in visible:
        if isinstance(bound.field, NUMBER_FIELDS):
            cases[bound.html_name] = "abc"
            break
    for bound in visible:
        if bound.field.required and bound.html_name not in cases and not isinstance(
            bound.field, forms.BooleanField
        ):
            cases[bound.html_name] = ""
            break
    return cases


# --- the tests -----------------------------------------------------------------------------------


def test_the_fixture_holds_an_object_of_every_kind(world):
    assert set(KINDS) - set(world.objects) == set()


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_an_edit_form_submitted_unchanged_changes_nothing(client, world, alice, kind_name):
    kind = KINDS[kind_name]
    obj = the_object(world, kind)
    client.force_login(alice)
    address = url(kind, "edit", world, obj.pk)
    page = client.get(address)
    assert page.status_code == 200
    data, _names = parse_form(page.content.decode())
    before = snapshot(obj)

    response = client.post(address, data)

    errors = response.context["form"].errors if response.context else None
    assert response.status_code == 302, f"not saved: {errors}"
    assert snapshot(obj) == before
    if kind.versioned:
        assert before["version"] == type(obj)._default_manager.get(pk=obj.pk).version


@pytest.mark.parametrize("kind_name", sorted(name for name, kind in KINDS.items() if kind.can_add))
def test_an_add_form_with_valid_data_adds_the_object(client, world, alice, kind_name):
    """The edit form of the fixture's object holds valid data; posted to the add form (with
    a new text where the kind keeps a value unique) it adds a second object."""
    kind = KINDS[kind_name]
    client.force_login(alice)
    data = add_data(client, kind, world)
    assert client.get(add_url(kind, world)).status_code == 200
    before = set(kind.model._default_manager.values_list("pk", flat=True))

    response = client.post(add_url(kind, world), data)

    errors = response.context["form"].errors if response.context else None
    assert response.status_code == 302, f"not added: {errors}"
    added = set(kind.model._default_manager.values_list("pk", flat=True)) - before
    assert len(added) == 1
    new = kind.model._default_manager.get(pk=added.pop())
    for name, value in UNIQUE.get(kind_name, {}).items():
        assert str(getattr(new, name)) == value
    parent = add_parent(kind, world)
    if kind.parent_field and parent is not None:
        assert getattr(new, f"{kind.parent_field}_id") == parent.pk
    assert kind.in_partnership(world.partnership).filter(pk=new.pk).exists()


# Values a second object of these kinds must not share with the first.
UNIQUE: dict[str, dict[str, str]] = {
    "glossaryterm": {"term": "Klimafolgen", "key": "klimafolgen"},
    "factoroverride": {"key": "electricity.grid.DEU"},
    "awardamount": {"currency": "VND"},
    "inventory": {"year": "2019"},
    "actor": {"role": "Zweite Rolle"},
    "programme": {"edition": "2"},
    "risk": {"hazard": "storms"},
}


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_an_edit_form_with_bad_data_says_so_at_the_field(client, world, alice, kind_name):
    kind = KINDS[kind_name]
    obj = the_object(world, kind)
    client.force_login(alice)
    address = url(kind, "edit", world, obj.pk)
    data, _names = parse_form(client.get(address).content.decode())
    cases = bad_inputs(kind.form, kind, world)
    assert cases, f"no field of the {kind.name} form to try bad input on"
    before = snapshot(obj)
    for name, bad in cases.items():
        response = client.post(address, {**data, name: bad})
        assert response.status_code == 400, (name, bad)
        _assert_error_at(response, name)
        assert snapshot(obj) == before


@pytest.mark.parametrize("kind_name", sorted(name for name, kind in KINDS.items() if kind.can_add))
def test_an_add_form_with_bad_data_says_so_at_the_field(client, world, alice, kind_name):
    kind = KINDS[kind_name]
    client.force_login(alice)
    data = add_data(client, kind, world)
    count = kind.model._default_manager.count()
    for name, bad in bad_inputs(kind.form, kind, world).items():
        response = client.post(add_url(kind, world), {**data, name: bad})
        assert response.status_code == 400, (name, bad)
        _assert_error_at(response, name)
        assert kind.model._default_manager.count() == count


def _assert_error_at(response: Any, name: str) -> None:
    form = response.context["form"]
    assert form.errors.get(name), f"no message for {name}: {form.errors}"
    text = response.content.decode()
    element = f'id="{form[name].auto_id}_error"'
    assert element in text, f"the message of {name} is not shown at the field"
    assert all(str(message) in unescape(text) for message in form.errors[name])


def test_a_second_impact_estimate_for_a_measure_is_refused_with_a_message(client, world, alice):
    """The model allows one estimate per measure; the form has no measure field, so the
    message stands above the form instead of breaking the page."""
    kind = KINDS["impact"]
    client.force_login(alice)
    data = add_data(client, kind, world)
    measure = world.objects["measure"]
    data["parent"] = [str(measure.pk)]
    count = kind.model._default_manager.count()
    response = client.post(url(kind, "add", world) + f"?parent={measure.pk}", data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert "Nothing was saved." in response.content.decode()
    assert kind.model._default_manager.count() == count


DEMO_COORDINATORS = ["wernigerode", "hoian", "bersenbrueck", "ruma"]


@pytest.mark.slow
def test_every_demo_edit_form_submitted_unchanged_changes_nothing(client):
    """The seeded demo as each demo coordinator: the first object of every kind they may
    edit, submitted back unchanged."""
    from twinplan.accounts.models import User
    from twinplan.demo.seed import seed_demo
    from twinplan.partnerships.models import Partnership
    from twinplan.partnerships.permissions import partnership_access
    from twinplan.workspace import permissions as rules

    seed_demo()
    tried: set[str] = set()
    failures = []
    for username in DEMO_COORDINATORS:
        user = User.objects.get(username=username)
        partnership = Partnership.objects.get(roles__user=user)
        access = partnership_access(user, partnership)
        client.force_login(user)
        for kind in KINDS.values():
            editable = [obj for obj in kind.in_partnership(partnership).order_by("pk")
                        if rules.may_edit(user, access, kind, obj)]
            if not editable:
                continue
            obj = editable[0]
            tried.add(kind.name)
            with translation.override("en"):
                address = reverse(f"workspace:{kind.name}_edit", args=[partnership.slug, obj.pk])
            data, _names = parse_form(client.get(address).content.decode())
            before = snapshot(obj)
            response = client.post(address, data)
            if response.status_code != 302:
                errors = response.context["form"].errors if response.context else ""
                failures.append(f"{username} {kind.name} {obj.pk}: {response.status_code} {errors}")
            elif snapshot(obj) != before:
                after = snapshot(obj)
                changed = {key: (before[key], after[key]) for key in before
                           if before[key] != after[key]}
                failures.append(f"{username} {kind.name} {obj.pk}: changed {changed}")
    assert failures == []
    # The demo has no glossary terms of its own, inventories, factor overrides, council
    # adoptions (the documents record none) or comments yet; every other kind is tried.
    assert set(KINDS) - tried == {"glossaryterm", "inventory", "factoroverride", "adoption",
                                  "comment"}


def test_working_languages_keep_their_order_and_new_ones_follow(client, world, alice):
    """Checkboxes carry no order; the first working language is the default of new texts."""
    municipality = world.objects["municipality"]
    municipality.working_languages = ["vi", "de"]
    municipality.save()
    client.force_login(alice)
    address = url(KINDS["municipality"], "edit", world, municipality.pk)
    data, _names = parse_form(client.get(address).content.decode())
    assert sorted(data["working_languages"]) == ["de", "vi"]
    assert client.post(address, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.working_languages == ["vi", "de"]
    data["working_languages"] = ["en", "de", "vi"]
    assert client.post(address, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.working_languages == ["vi", "de", "en"]


def test_the_translation_editor_submitted_unchanged_changes_nothing(client, world, alice):
    """Line breaks come back from a browser as CR LF; a text with several lines is still
    the same text."""
    measure = world.objects["measure"]
    measure.description = "Erste Zeile.\nZweite Zeile."
    measure.save()
    translation_set(obj=measure, field="description", language="vi",
                    text="Dòng đầu.\nDòng thứ hai.", status="human")
    client.force_login(alice)
    with translation.override("en"):
        address = reverse("workspace:translation_edit",
                          args=[world.partnership.slug, "measure", measure.pk, "vi"])
    data, _names = parse_form(client.get(address).content.decode())
    assert data["translation__description"] == ["Dòng đầu.\r\nDòng thứ hai."]
    before = snapshot(measure)
    assert client.post(address, data).status_code == 302
    assert snapshot(measure) == before
