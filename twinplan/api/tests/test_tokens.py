"""Personal API tokens: stored hashed, shown once, listed and revoked by their owner in
the workspace; expired, revoked and inactive owners' tokens refused."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from twinplan.accounts.models import ApiToken
from twinplan.accounts.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from twinplan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_a_hash_is_stored_and_the_secret_works(olga):
    token, secret = api_token_create(user=olga, by=olga, name="script")
    assert secret.startswith("tp_")
    assert len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert api_token_authenticate(secret) == token
    assert api_token_authenticate(secret + "x") is None


def test_revoked_expired_and_inactive_owners_tokens_do_not_work(olga):
    revoked, revoked_secret = api_token_create(user=olga, by=olga, name="a")
    api_token_revoke(revoked, by=olga)
    assert api_token_authenticate(revoked_secret) is None
    expiring, expiring_secret = api_token_create(user=olga, by=olga, name="b",
                                                 expires_on=timezone.localdate())
    assert api_token_authenticate(expiring_secret) == expiring  # the last day still works
    ApiToken.objects.filter(pk=expiring.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1))
    assert api_token_authenticate(expiring_secret) is None
    _token, secret = api_token_create(user=olga, by=olga, name="c")
    olga.is_active = False
    olga.save()
    assert api_token_authenticate(secret) is None


def test_bad_input_is_refused_at_its_field(olga):
    with pytest.raises(ValidationError) as blank:
        api_token_create(user=olga, by=olga, name="  ")
    assert "name" in blank.value.message_dict
    with pytest.raises(ValidationError) as past:
        api_token_create(user=olga, by=olga, name="x",
                         expires_on=timezone.localdate() - timedelta(days=1))
    assert "expires_on" in past.value.message_dict
    other = UserFactory()
    with pytest.raises(ValidationError):
        api_token_create(user=olga, by=other, name="not yours")
    token, _secret = api_token_create(user=olga, by=olga, name="mine")
    with pytest.raises(ValidationError):
        api_token_revoke(token, by=other)
    assert not ApiToken.objects.filter(name="not yours").exists()


def test_the_workspace_page_makes_shows_once_lists_and_revokes(client, olga):
    client.force_login(olga)
    url = "/de/workspace/api-tokens/"
    assert client.get(url).status_code == 200
    made = client.post(url, {"name": "Berichtsskript", "read_only": "on"})
    assert made.status_code == 302
    assert made["Location"] == url
    shown = client.get(url)
    secret = shown.context["secret"]
    assert secret.startswith("tp_")
    assert secret in shown.content.decode()
    assert secret not in str(dict(client.session))  # shown, so no longer kept
    token = ApiToken.objects.get(user=olga)
    assert token.read_only
    assert token.name == "Berichtsskript"
    assert api_token_authenticate(secret) == token
    again = client.get(url).content.decode()
    assert secret not in again
    assert token.prefix in again
    response = client.post(f"/de/workspace/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert api_token_authenticate(secret) is None


def test_the_workspace_page_refuses_bad_input_and_others_tokens(client, olga):
    client.force_login(olga)
    url = "/vi/workspace/api-tokens/"
    bad = client.post(url, {"name": "", "expires_on": "not a date"})
    assert bad.status_code == 400
    assert bad.context["secret"] is None
    assert set(bad.context["form"].errors) == {"name", "expires_on"}
    past = client.post(url, {"name": "x", "expires_on": "2000-01-01"})
    assert past.status_code == 400
    assert not ApiToken.objects.exists()
    someone = UserFactory()
    theirs, _secret = api_token_create(user=someone, by=someone, name="theirs")
    assert client.post(f"/vi/workspace/api-tokens/{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert client.get(f"/vi/workspace/api-tokens/{theirs.pk}/revoke/").status_code == 405


def test_the_token_page_needs_a_login(client):
    response = client.get("/en/workspace/api-tokens/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_workspace_page_says_which_tokens_have_expired(client, olga):
    token, _secret = api_token_create(user=olga, by=olga, name="old script",
                                      expires_on=timezone.localdate())
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1))
    client.force_login(olga)
    page = client.get("/de/workspace/api-tokens/").content.decode()
    assert "abgelaufen" in page
    assert f"/de/workspace/api-tokens/{token.pk}/revoke/" not in page


def test_the_page_showing_a_new_secret_is_not_cached(client, olga):
    client.force_login(olga)
    made = client.post("/en/workspace/api-tokens/", {"name": "script"}, follow=True)
    assert made.redirect_chain == [("/en/workspace/api-tokens/", 302)]
    assert made.context["secret"]
    assert "no-store" in made["Cache-Control"]


def test_reloading_the_page_after_making_a_token_makes_no_second_one(client, olga):
    """POST, redirect, GET: the browser's reload repeats the GET, not the POST; the secret
    is shown on that one GET only, and a failed POST in between does not lose it."""
    client.force_login(olga)
    url = "/en/workspace/api-tokens/"
    made = client.post(url, {"name": "script"})
    assert made.status_code == 302
    assert client.post(url, {"name": ""}).status_code == 400  # a mistake before the GET
    first = client.get(url)
    secret = first.context["secret"]
    assert secret
    assert secret in first.content.decode()
    for _reload in range(2):
        reloaded = client.get(url)
        assert reloaded.status_code == 200
        assert reloaded.context["secret"] is None
        assert secret not in reloaded.content.decode()
    assert ApiToken.objects.filter(user=olga).count() == 1
    # Another user's session never sees it.
    client.force_login(UserFactory())
    assert client.get(url).context["secret"] is None
