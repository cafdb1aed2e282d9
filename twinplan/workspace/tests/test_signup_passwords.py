"""Signing up through an invitation follows Django's password validators."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from twinplan.accounts.models import User

pytestmark = pytest.mark.django_db


def _link(client, world, alice) -> str:
    client.force_login(alice)
    client.post(reverse("workspace:invitations", args=[world.partnership.slug]),
                {"email": "lan@example.org", "role": "contributor",
                 "organisation": world.objects["organisation"].pk})
    client.logout()
    return mail.outbox[-1].body.split("\n")[3].strip().removeprefix("http://testserver")


@pytest.mark.parametrize(("password", "message"), [
    ("short7", "too short"),
    ("12345678901", "entirely numeric"),
    ("password123", "too common"),
    ("example1", "too similar"),
])
def test_a_weak_password_is_refused_with_a_message(client, world, alice, password, message):
    link = _link(client, world, alice)
    response = client.post(link, {"username": "lan", "display_name": "Lan",
                                  "password1": password, "password2": password})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username="lan").exists()


def test_the_service_refuses_a_weak_password_too(db):
    from django.core.exceptions import ValidationError

    from twinplan.accounts.services import user_create

    with pytest.raises(ValidationError) as error:
        user_create(username="lan", email="lan@example.org", password="12345678")
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="lan").exists()
    assert user_create(username="lan", email="lan@example.org",
                       password="a-long-pass-phrase-9").check_password("a-long-pass-phrase-9")


def test_a_password_like_the_name_shown_to_others_is_refused(client, world, alice):
    link = _link(client, world, alice)
    response = client.post(link, {"username": "lan", "display_name": "Nguyen Thi Lan",
                                  "password1": "nguyen12", "password2": "nguyen12"})
    assert response.status_code == 400
    assert "too similar" in response.content.decode()
