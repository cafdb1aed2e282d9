"""The workspace tests' world (one object of every kind, the people of the permission
matrix) and tokens for its people."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from twinplan.accounts.services import api_token_create
from twinplan.workspace.tests.conftest import World, world  # noqa: F401  (fixture)


def make_token(user: Any, *, read_only: bool = False) -> str:
    """A working token of `user`; for an inactive account, one made while it was active."""
    was_active = user.is_active
    if not was_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    _token, secret = api_token_create(user=user, by=user, name="test", read_only=read_only)
    if not was_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return secret


class ApiClient:
    """The Django test client speaking JSON with a token (or none)."""

    def __init__(self, secret: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, url: str, **headers: str) -> Any:
        return self.client.get(url, headers={**self.headers, **headers})

    def post(self, url: str, data: Any, **headers: str) -> Any:
        return self.client.post(url, data, content_type="application/json",
                                headers={**self.headers, **headers})

    def patch(self, url: str, data: Any, **headers: str) -> Any:
        return self.client.patch(url, data, content_type="application/json",
                                 headers={**self.headers, **headers})

    def put(self, url: str, data: Any, **headers: str) -> Any:
        return self.client.put(url, data, content_type="application/json",
                               headers={**self.headers, **headers})


@pytest.fixture
def as_user():
    """`as_user(user)`: an API client with a token of `user` (None: anonymous)."""

    def build(user: Any, *, read_only: bool = False) -> ApiClient:
        return ApiClient(None if user is None else make_token(user, read_only=read_only))

    return build


@pytest.fixture
def api_world(world: World) -> World:  # noqa: F811
    return world
