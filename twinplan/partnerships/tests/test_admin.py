"""The partnership's admin pages open with the member inline that keeps two members."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_partnership_admin_pages_open(admin_client, partnership):
    change = admin_client.get(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    )
    add = admin_client.get(reverse("admin:partnerships_partnership_add"))

    assert (change.status_code, add.status_code) == (200, 200)
    assert 'name="members-MIN_NUM_FORMS" value="2"' in add.content.decode()
