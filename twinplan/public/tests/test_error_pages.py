"""400, 403, 404 and 500 in the site's layout and the language of the URL prefix, each
saying what happened and offering a way back; the 500 page needs no database."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from twinplan.public.errors import server_error

pytestmark = [pytest.mark.urls("twinplan.public.tests.error_urls")]


def _page(response) -> str:
    text = response.content.decode()
    assert 'class="site-footer"' in text  # the site's layout
    assert 'href="/' in text
    return text


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_404_in_the_language_of_the_prefix_with_a_way_home(client):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    text = _page(response)
    assert '<html lang="de">' in text
    assert "Seite nicht gefunden" in text
    assert 'href="/de/"' in text
    assert "/de/workspace/" not in text


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_404_offers_the_workspace_to_a_signed_in_user(client, olga):
    client.force_login(olga)
    response = client.get("/en/partnerships/nowhere/")
    assert response.status_code == 404
    text = _page(response)
    assert "Page not found" in text
    assert f'href="{reverse("workspace:dashboard")}"' in text


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_403_says_why(client, olga):
    client.force_login(olga)
    response = client.get("/de/fails/403/")
    assert response.status_code == 403
    text = _page(response)
    assert "Zugriff verweigert" in text
    assert "Sie dürfen dies nicht veröffentlichen." in text


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_403_for_a_workspace_without_a_role(client, olga, partnership):
    client.force_login(olga)
    response = client.get(reverse("workspace:overview", args=[partnership.slug]))
    assert response.status_code == 403
    assert "Access denied" in _page(response)


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_400_for_a_bad_request():
    response = Client().get("/de/fails/400/")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in _page(response)


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_a_refused_form_gets_the_403_page_saying_to_reload():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "reload the page" in _page(response)


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_500_in_the_language_of_the_prefix():
    response = Client(raise_request_exception=False).get("/vi/fails/500/")
    assert response.status_code == 500
    text = _page(response)
    assert '<html lang="vi">' in text
    assert "Something went wrong" not in text
    assert 'href="/vi/"' in text


def test_500_renders_without_the_database_or_a_session():
    """No django_db mark: any query would fail this test."""
    request = RequestFactory().get("/de/fails/500/")
    response = server_error(request)
    assert response.status_code == 500
    text = _page(response)
    assert '<html lang="de">' in text
    assert 'href="/de/workspace/"' in text
