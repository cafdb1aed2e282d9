"""The Django admin's user pages: adding a user works, passwords follow the validators."""

from __future__ import annotations

import pytest

from twinplan.accounts.models import User
from twinplan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/user/add/"
GOOD = "a-Long-pass-phrase-7781"


@pytest.fixture
def root(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def _add(client, username, **data):
    return client.post(ADD, {"username": username, "email": f"{username}@example.org",
                             "language": "en", "usable_password": "true",
                             "password1": GOOD, "password2": GOOD, **data})


def test_the_add_form_asks_for_the_e_mail_address(client, root):
    response = client.get(ADD)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_the_network_admin_adds_several_users(client, root):
    for name in ["newbie", "other", "third", "fourth"]:
        response = _add(client, name)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="fourth").email == "fourth@example.org"
    assert User.objects.get(username="fourth").check_password(GOOD)


def test_a_user_without_e_mail_is_refused_with_a_message(client, root):
    response = _add(client, "nomail", email="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.filter(username="nomail").exists()


def test_a_second_user_with_the_same_e_mail_is_refused(client, root):
    assert _add(client, "first").status_code == 302
    response = _add(client, "second", email="first@example.org")
    assert response.status_code == 200
    assert not User.objects.filter(username="second").exists()


@pytest.mark.parametrize("password", ["short7", "12345678901", "password123", "newbie12"])
def test_a_weak_password_is_refused_by_the_validators(client, root, password):
    response = _add(client, "newbie", password1=password, password2=password)
    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()


def test_changing_a_password_in_the_admin_follows_the_validators(client, root):
    user = UserFactory(username="lan")
    url = f"/admin/accounts/user/{user.pk}/password/"
    response = client.post(url, {"usable_password": "true", "password1": "12345678",
                                 "password2": "12345678"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("secret-password")
