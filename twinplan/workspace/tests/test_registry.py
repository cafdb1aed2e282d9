"""Every kind the workspace edits is written through the services of the app that owns
it, carries a version and keeps its history."""

from __future__ import annotations

import inspect
import typing

import pytest

from twinplan.workspace.registry import KINDS


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_written_by_its_own_apps_services(name):
    kind = KINDS[name]
    owner_app = kind.model._meta.app_config.name
    services = [kind.services.update, kind.services.create, kind.services.delete,
                kind.services.publish]
    for service in filter(None, services):
        assert service.__module__ == f"{owner_app}.services", (name, service.__qualname__)
        parameters = inspect.signature(service).parameters
        assert "by" in parameters
        assert parameters["by"].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_versioned_and_keeps_its_history(name):
    kind = KINDS[name]
    assert kind.versioned, name
    assert kind.has_history, name


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_form_names_only_arguments_its_services_take(name):
    """A form field the update service does not list would be passed to it and refused;
    one it does list but the form lacks is simply not edited there."""
    kind = KINDS[name]
    update = inspect.signature(kind.services.update)
    accepted = set(update.parameters)
    hints = typing.get_type_hints(kind.services.update, include_extras=True)
    for parameter in update.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            (fields,) = typing.get_args(hints[parameter.name])  # Unpack[SomeFields]
            accepted |= set(typing.get_type_hints(fields))
            accepted.discard(parameter.name)
    model_fields = {field.name for field in kind.model._meta.get_fields()}
    shown = {name for name in kind.form._meta.fields or () if name in model_fields}
    assert shown - accepted - set(kind.computed_fields) == set(), name
