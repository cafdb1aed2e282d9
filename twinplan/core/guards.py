"""Checks every write passes before it touches the database, registered by the apps that
own the rule: the partnerships app refuses any write into an archived partnership. The
write mechanics (core.writes, the translations in core.services, the bin) ask
`write_allowed(obj)` for the object they are about to write; a guard raises a
ValidationError saying why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WriteGuard = Callable[[Any], None]

_guards: list[WriteGuard] = []


def write_guard_register(guard: WriteGuard) -> None:
    """Add a guard once (apps call this from their AppConfig.ready)."""
    if guard not in _guards:
        _guards.append(guard)


def write_allowed(obj: Any) -> None:
    """Raise the first guard's ValidationError when `obj` may not be written."""
    for guard in _guards:
        guard(obj)
