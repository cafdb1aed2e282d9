"""Who calls: a personal API token (`Authorization: Bearer tp_…`, accounts.ApiToken) or
nobody. A token sent but not working (unknown, revoked, expired, its owner inactive) is
refused with 401 whatever the endpoint, never taken for anonymous. Each token is throttled
per minute, the counts kept in the shared cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from twinplan.accounts.models import ApiToken, User
from twinplan.accounts.services import api_token_authenticate
from twinplan.api.errors import ApiError

DEFAULT_THROTTLE_PER_MINUTE = 600


@dataclass(frozen=True)
class Caller:
    """The user a request acts for and the token it came with (None: anonymous)."""

    user: User | AnonymousUser
    token: ApiToken | None = None

    @property
    def may_write(self) -> bool:
        return self.token is not None and not self.token.read_only


@dataclass(frozen=True)
class Writer:
    """The caller of a write: a token that may write, and its owner."""

    user: User
    token: ApiToken


def _throttle(token: ApiToken) -> None:
    limit = int(getattr(settings, "API_THROTTLE_PER_MINUTE", DEFAULT_THROTTLE_PER_MINUTE))
    now = time.time()
    key = f"api-throttle:{token.token_hash[:24]}:{int(now // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count > limit:
        retry = max(1, 60 - int(now % 60))
        raise ApiError(
            429,
            _("Too many requests with this token: at most %(limit)d a minute. "
              "Try again in %(seconds)d seconds.") % {"limit": limit, "seconds": retry},
            headers={"Retry-After": str(retry)},
        )


def _refused() -> ApiError:
    return ApiError(
        401,
        _("The API token is not valid: unknown, revoked, expired, or its account is "
          "inactive."),
        headers={"WWW-Authenticate": 'Bearer realm="twinplan"'},
    )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; a header that is there but is no working token is
    a 401, not anonymous."""

    def __call__(self, request: HttpRequest) -> Any:
        value = request.headers.get(self.header)
        if not value:
            return None
        scheme, _sep, secret = value.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise _refused()
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = api_token_authenticate(token)
        if found is None:
            raise _refused()
        _throttle(found)
        return Caller(user=found.user, token=found)


class Anonymous:
    """No token: reads of published content only. (Not a security scheme of its own: the
    OpenAPI document marks the token optional on reads, see api.TwinplanApi.)"""

    def __call__(self, request: HttpRequest) -> Caller:
        return Caller(user=AnonymousUser())


# Reads: a token when one is sent, else anonymous. Writes: a token.
READ = [TokenAuth(), Anonymous()]
WRITE = [TokenAuth()]


def caller_of(request: HttpRequest) -> Caller:
    caller = getattr(request, "auth", None)
    return caller if isinstance(caller, Caller) else Caller(user=AnonymousUser())


def writer_of(request: HttpRequest) -> Writer:
    """The caller of a write: a token that may write."""
    caller = caller_of(request)
    if caller.token is None:
        raise _refused()
    if caller.token.read_only:
        raise ApiError(403, _("This token is read-only: it cannot change anything."))
    return Writer(user=caller.token.user, token=caller.token)
