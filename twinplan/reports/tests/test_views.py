"""Who sees and does what on the document pages: a matrix over every view, and bad input
answered with a message and no change."""

import pytest
from django.urls import reverse

from twinplan.reports import services
from twinplan.reports.models import Edition

ANONYMOUS, OUTSIDER, CONTRIBUTOR, COORDINATOR = "anonymous", "olga", "charlie", "alice"


@pytest.fixture
def editions(partnership):
    public = services.edition_issue(partnership=partnership, by=None, kind="results",
                                    languages="de", scope="public", file_format="html")
    internal = services.edition_issue(partnership=partnership, by=None, kind="results",
                                      languages="de", scope="draft", file_format="html")
    return {"public": public, "internal": internal}


@pytest.fixture
def as_user(client, request, alice, charlie, olga):
    def login(who):
        if who != ANONYMOUS:
            client.force_login({"alice": alice, "charlie": charlie, "olga": olga}[who])
        return client
    return login


def _urls(slug, editions):
    public, internal = editions["public"].pk, editions["internal"].pk
    return {
        "public_documents": ("get", reverse("reports:public_documents", args=[slug])),
        "public_current": ("get", reverse("reports:public_current", args=[slug, "results"])),
        "public_download": ("get", reverse("reports:public_download", args=[slug, public])),
        "workspace_documents": ("get", reverse("reports:workspace_documents", args=[slug])),
        "preview": ("get", reverse("reports:preview", args=[slug, "funder"])),
        "status": ("get", reverse("reports:status", args=[slug, internal])),
        "workspace_download": ("get", reverse("reports:workspace_download",
                                              args=[slug, internal])),
        "issue": ("post", reverse("reports:issue", args=[slug])),
        "withdraw": ("post", reverse("reports:withdraw", args=[slug, public])),
    }


LOGIN = "login"
# view → expected status per user ("login": redirected to the login page).
MATRIX = {
    "public_documents": {ANONYMOUS: 200, OUTSIDER: 200, CONTRIBUTOR: 200, COORDINATOR: 200},
    "public_current": {ANONYMOUS: 200, OUTSIDER: 200, CONTRIBUTOR: 200, COORDINATOR: 200},
    "public_download": {ANONYMOUS: 200, OUTSIDER: 200, CONTRIBUTOR: 200, COORDINATOR: 200},
    "workspace_documents": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 200,
                            COORDINATOR: 200},
    "preview": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 200, COORDINATOR: 200},
    "status": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 200, COORDINATOR: 200},
    "workspace_download": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 200,
                           COORDINATOR: 200},
    "issue": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 403, COORDINATOR: 302},
    "withdraw": {ANONYMOUS: LOGIN, OUTSIDER: 403, CONTRIBUTOR: 403, COORDINATOR: 302},
}
ISSUE_FORM = {"kind": "programme", "language": "de", "second_language": "vi",
              "scope": "public", "file_format": "html"}


@pytest.mark.parametrize("who", [ANONYMOUS, OUTSIDER, CONTRIBUTOR, COORDINATOR])
@pytest.mark.parametrize("view", list(MATRIX))
def test_permission_matrix(view, who, partnership, editions, as_user):
    method, url = _urls(partnership.slug, editions)[view]
    client = as_user(who)
    response = client.post(url, ISSUE_FORM) if method == "post" else client.get(url)
    expected = MATRIX[view][who]
    if expected == LOGIN:
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    else:
        assert response.status_code == expected
    changed = Edition.objects.count() != 2 or Edition.objects.filter(
        withdrawn_at__isnull=False).exists()
    assert changed == (expected == 302)


def test_every_view_is_in_the_matrix():
    from twinplan.reports import urls

    assert {pattern.name for pattern in urls.urlpatterns} == set(MATRIX)


def test_coordinator_issues_and_sees_the_edition_listed(client, alice, partnership):
    client.force_login(alice)
    response = client.post(reverse("reports:issue", args=[partnership.slug]), ISSUE_FORM)
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert (edition.kind, edition.languages, edition.issued_by) == ("programme", ["de", "vi"],
                                                                    alice)
    page = client.get(reverse("reports:workspace_documents", args=[partnership.slug]))
    assert reverse("reports:workspace_download", args=[partnership.slug, edition.pk]) in \
        page.content.decode()


def test_bad_input_is_answered_at_the_field_and_issues_nothing(client, alice, partnership):
    client.force_login(alice)
    url = reverse("reports:issue", args=[partnership.slug])
    response = client.post(url, {**ISSUE_FORM, "second_language": "de", "language": "de"})
    assert response.status_code == 400
    assert "A language is listed twice." in response.content.decode()
    response = client.post(url, {**ISSUE_FORM, "kind": "poster", "language": "xx"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. poster is not one of the available choices." in html
    assert not Edition.objects.exists()


def test_public_page_with_a_bad_language_says_which(client, partnership):
    url = reverse("reports:public_current", args=[partnership.slug, "results"])
    response = client.get(url, {"lang": "de,xx"})
    assert response.status_code == 400
    assert "“xx” is not a content language of this installation" in response.content.decode()
    assert client.get(reverse("reports:public_current",
                              args=[partnership.slug, "poster"])).status_code == 404


def test_a_very_long_bad_language_is_quoted_back_shortened(client, partnership):
    url = reverse("reports:public_current", args=[partnership.slug, "results"])
    response = client.get(url, {"lang": "x" * 5000})
    assert response.status_code == 400
    html = response.content.decode()
    alert = html[html.index('role="alert"'):]
    alert = alert[:alert.index("</div>")]
    assert f"“{'x' * 20}…” is not a content language of this installation" in alert
    assert "x" * 21 not in alert


def test_internal_and_withdrawn_editions_are_not_offered_publicly(client, alice, partnership,
                                                                  editions):
    slug = partnership.slug
    internal = reverse("reports:public_download", args=[slug, editions["internal"].pk])
    assert client.get(internal).status_code == 404
    services.edition_withdraw(editions["public"], by=alice)
    public = reverse("reports:public_download", args=[slug, editions["public"].pk])
    assert client.get(public).status_code == 404
    listing = client.get(reverse("reports:public_documents", args=[slug])).content.decode()
    assert "withdrawn" in listing  # still listed, marked withdrawn
    assert public not in listing


def test_unpublished_partnership_has_no_public_document_pages(client, partnership):
    partnership.is_published = False
    partnership.save(update_fields=["is_published"])
    for name, args in (("reports:public_documents", [partnership.slug]),
                       ("reports:public_current", [partnership.slug, "results"])):
        assert client.get(reverse(name, args=args)).status_code == 404


def test_partnership_page_offers_the_latest_public_edition(client, partnership, editions):
    page = client.get(reverse("public:partnership", args=[partnership.slug])).content.decode()
    download = reverse("reports:public_download", args=[partnership.slug,
                                                        editions["public"].pk])
    assert download in page
    assert reverse("reports:public_download", args=[partnership.slug,
                                                    editions["internal"].pk]) not in page


def test_pending_edition_row_polls_and_page_reloads_without_javascript(client, alice,
                                                                       partnership):
    edition = Edition.objects.create(partnership=partnership, kind="results", number=1,
                                     languages=["de"], scope="public",
                                     issued_on="2026-12-01", progress_percent=40)
    client.force_login(alice)
    page = client.get(reverse("reports:workspace_documents", args=[partnership.slug]))
    html = page.content.decode()
    assert 'data-hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert 'value="40"' in html
    row = client.get(reverse("reports:status", args=[partnership.slug, edition.pk]))
    assert f'id="edition-{edition.pk}"' in row.content.decode()


def test_workspace_overview_links_the_documents(client, alice, partnership):
    client.force_login(alice)
    page = client.get(reverse("workspace:overview", args=[partnership.slug])).content.decode()
    assert reverse("reports:workspace_documents", args=[partnership.slug]) in page


def test_served_document_links_its_style_sheet(client, partnership):
    """The site's Content-Security-Policy allows no inline style; files embed it."""
    html = client.get(reverse("reports:public_current", args=[partnership.slug, "results"]),
                      {"lang": "de"}).content.decode()
    assert "reports/document.css" in html
    assert "<style>" not in html


def _programme_of_size(partnership, size):
    from datetime import date
    from decimal import Decimal

    from twinplan.indicators.services import indicator_create, indicator_value_create
    from twinplan.money.services import resource_create
    from twinplan.programmes.services import (
        challenge_create,
        field_of_action_create,
        goal_create,
        measure_actor_create,
        measure_create,
        measure_publish,
        programme_create,
        programme_publish,
        progress_entry_create,
    )
    from twinplan.reference.models import SdgGoal

    programme = partnership.programmes.first() or programme_publish(
        programme_create(by=None, partnership=partnership, title="Programm"), by=None)
    field = field_of_action_create(by=None, programme=programme, title=f"Feld {size}")
    goal = goal_create(by=None, programme=programme, field_of_action=field, title="Ziel",
                       sdg_goals=list(SdgGoal.objects.filter(code=13)))
    wernigerode = partnership.municipalities.first()
    for number in range(size):
        measure = measure_publish(measure_create(
            by=None, programme=programme, code=f"M{size}-{number}", title=f"Maßnahme {number}",
            field_of_action=field, goals=[goal], is_pilot=True,
            sdg_goals=list(SdgGoal.objects.filter(code=13)),
            lead_municipality=wernigerode), by=None)
        measure_actor_create(by=None, measure=measure, kind="school")
        progress_entry_create(by=None, measure=measure, kind="step", text="Schritt")
        challenge_create(by=None, measure=measure, category="language", description="Sprache")
        resource_create(measure=measure, by=None, kind="money", planned_amount=Decimal(100),
                        currency="EUR", source_of_funds="own_budget", date=date(2024, 1, 1),
                        provided_by=wernigerode)
        indicator = indicator_create(by=None, measure=measure, name="Besucher", unit="people")
        indicator_value_create(by=None, indicator=indicator, date=date(2024, 5, 1),
                               value=Decimal(10), source="Zählung")


@pytest.mark.parametrize("kind", ["results", "programme", "funder"])
def test_documents_read_in_a_fixed_number_of_queries(partnership, kind):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from twinplan.reports.render import document

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            html = document(partnership, kind=kind, languages=["de", "vi"], scope="draft",
                            today=date(2026, 12, 1), file_format="html")
        assert b"M2-1" in html or kind == "results"
        return len(captured)

    _programme_of_size(partnership, 2)
    small = queries()
    _programme_of_size(partnership, 6)
    assert queries() == small


def test_withdrawing_an_internal_edition_is_refused_with_a_message(client, alice, partnership,
                                                                   editions):
    client.force_login(alice)
    internal = editions["internal"]
    response = client.post(reverse("reports:withdraw", args=[partnership.slug, internal.pk]))
    assert response.status_code == 400
    assert "Only a public edition can be withdrawn" in response.content.decode()
    internal.refresh_from_db()
    assert not internal.is_withdrawn
