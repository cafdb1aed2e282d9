"""Failed logins are counted in the database (django-axes): 10 for one user name from one
address lock that pair out for 15 minutes, with a page that says when to retry."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from twinplan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, language="en", ip="203.0.113.5"):
    with_prefix = f"/{language}/accounts/login/"
    return client.post(with_prefix, {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_ten_wrong_passwords_lock_the_user_name_out_with_a_clear_page(client):
    UserFactory(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "lan", "wrong").status_code == 200
    locked = _login(client, "lan", "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Too many failed logins" in text
    assert "try again in 15 minutes" in text
    assert 'class="site-footer"' in text  # the site's layout
    # Even the right password is refused now, and the state is in the database.
    assert _login(client, "lan", "secret-password").status_code == 429
    assert AccessAttempt.objects.filter(username="lan").exists()


def test_the_lockout_page_is_in_the_language_of_the_url(client):
    UserFactory(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "lan", "wrong", language="de")
    assert response.status_code == 429
    assert 'lang="de"' in response.content.decode()
    assert "Too many failed logins" not in response.content.decode()


def test_a_lockout_holds_for_one_user_name_from_one_address_only(client):
    UserFactory(username="lan")
    UserFactory(username="minh")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lan", "wrong")
    assert _login(Client(), "minh", "secret-password").status_code == 302
    assert _login(Client(), "lan", "secret-password", ip="198.51.100.7").status_code == 302


def test_a_successful_login_resets_the_count(client):
    UserFactory(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "lan", "wrong")
    assert _login(client, "lan", "secret-password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "lan", "wrong").status_code == 200


def test_login_still_redirects_to_the_workspace(client):
    UserFactory(username="lan")
    response = _login(client, "lan", "secret-password")
    assert response["Location"] == reverse("workspace:dashboard")


def test_a_wrong_password_does_not_say_nothing_was_saved(client):
    # The login form shares the workspace's error block; there is nothing to save here.
    UserFactory(username="lan")
    response = _login(client, "lan", "wrong")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Please enter a correct" in text
    assert "Nothing was saved" not in text
    assert "Nothing was saved" not in _login(client, "", "").content.decode()
    assert "This field is required" in _login(client, "", "").content.decode()
