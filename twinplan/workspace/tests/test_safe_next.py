"""A `next` from the request is followed only when it stays on this site."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOREIGN = ["https://evil.example/", "//evil.example", "///evil.example", "javascript:alert(1)",
           "http://testserver.evil.example/"]


@pytest.mark.parametrize("target", FOREIGN)
def test_publishing_never_follows_a_foreign_next(client, world, alice, target):
    client.force_login(alice)
    measure = world.objects["measure"]
    url = reverse("workspace:measure_publish", args=[world.partnership.slug, measure.pk])
    response = client.post(url, {"publish": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workspace:measure_detail", args=[world.partnership.slug, measure.pk])


def test_publishing_follows_a_next_on_this_site(client, world, alice):
    client.force_login(alice)
    measure = world.objects["measure"]
    url = reverse("workspace:measure_publish", args=[world.partnership.slug, measure.pk])
    here = reverse("workspace:overview", args=[world.partnership.slug]) + "?tab=1"
    response = client.post(url, {"publish": "1", "next": here})
    assert response["Location"] == here


@pytest.mark.parametrize("target", FOREIGN)
def test_login_never_follows_a_foreign_next(client, olga, target):
    response = client.post(reverse("login"), {"username": "olga", "password": "secret-password",
                                              "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:dashboard")


@pytest.mark.parametrize("target", FOREIGN)
def test_changing_the_language_never_follows_a_foreign_next(client, target):
    response = client.post("/i18n/setlang/", {"language": "de", "next": target})
    assert response.status_code == 302
    assert "evil" not in response["Location"]
