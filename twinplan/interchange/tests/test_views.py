"""The calendar feed parsed back, the IATI downloads, the network admin's IATI settings,
and who may open which of these pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.services import translation_set
from twinplan.events.tests.factories import EventFactory
from twinplan.partnerships.models import FundingProgramme, Partnership
from twinplan.partnerships.tests.factories import FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def programme(partnership) -> FundingProgramme:
    programme = FundingProgrammeFactory(slug="klimapartnerschaften", name="Klimapartnerschaften")
    Partnership.objects.filter(pk=partnership.pk).update(funding_programme=programme,
                                                         start_date=date(2011, 5, 1))
    return programme


def _set_iati(programme: FundingProgramme) -> None:
    FundingProgramme.objects.filter(pk=programme.pk).update(
        iati_identifier_prefix="XM-DAC-5-7", iati_reporting_org_ref="XM-DAC-5-7",
        iati_reporting_org_type="10", iati_reporting_org_name="Engagement Global",
    )


# --- the calendar ------------------------------------------------------------------------


def test_the_calendar_holds_the_published_dated_events_in_the_readers_language(partnership):
    workshop = EventFactory(partnership=partnership, title="Klimawerkstatt",
                            start_date=date(2024, 5, 6), end_date=date(2024, 5, 8),
                            place_name="Wernigerode", country="DE",
                            description="Drei Tage Austausch.")
    translation_set(obj=workshop, field="title", language="vi", text="Hội thảo khí hậu",
                    status="human")
    EventFactory(partnership=partnership, title="Entwurf", start_date=date(2024, 6, 1),
                 is_published=False)
    EventFactory(partnership=partnership, title="Ohne Datum", start_date=None)

    response = _client().get(f"/vi/partnerships/{partnership.slug}/events.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Hội thảo khí hậu"]
    entry = entries[0]
    assert entry.decoded("DTSTART") == date(2024, 5, 6)
    assert entry.decoded("DTEND") == date(2024, 5, 9)  # the day after the last (RFC 5545)
    assert str(entry["LOCATION"]) == "Wernigerode, DE"
    assert str(entry["DESCRIPTION"]) == "Drei Tage Austausch."
    assert str(entry["UID"]).startswith(f"event-{workshop.pk}@")
    assert str(entry["URL"]).endswith(f"/vi/partnerships/{partnership.slug}/")


def test_a_demo_event_says_so_in_the_calendar(partnership):
    EventFactory(partnership=partnership, title="Demo", start_date=date(2024, 5, 6),
                 is_demo_content=True)
    response = _client().get(f"/de/partnerships/{partnership.slug}/events.ics")
    entry = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(entry["DESCRIPTION"]).startswith("[demo]")


def test_the_public_page_links_the_calendar_and_the_iati_file_when_it_can_be_written(
    partnership, programme
):
    page = _client().get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert f"/de/partnerships/{partnership.slug}/events.ics" in page
    assert "iati.xml" not in page
    _set_iati(programme)
    page = _client().get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert f"/de/partnerships/{partnership.slug}/iati.xml" in page


def test_an_unpublished_partnership_has_no_public_calendar_nor_iati(partnership, programme):
    _set_iati(programme)
    Partnership.objects.filter(pk=partnership.pk).update(is_published=False)
    assert _client().get(f"/de/partnerships/{partnership.slug}/events.ics").status_code == 404
    assert _client().get(f"/de/partnerships/{partnership.slug}/iati.xml").status_code == 404


# --- IATI downloads -----------------------------------------------------------------------


def test_the_iati_download_says_what_is_missing_instead_of_failing(partnership, programme,
                                                                   alice):
    response = _client(alice).get(f"/de/workspace/{partnership.slug}/iati.xml")
    assert response.status_code == 409
    text = response.content.decode()
    assert "IATI" in text
    assert "<li>" in text
    _set_iati(programme)
    response = _client(alice).get(f"/de/workspace/{partnership.slug}/iati.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b"<iati-identifier>XM-DAC-5-7-wernigerode-hoi-an</iati-identifier>" in \
        response.content


# --- the IATI settings page ----------------------------------------------------------------


def test_the_network_admin_keeps_the_iati_settings(programme, admin_user):
    url = reverse("interchange:funding_programme_iati", args=[programme.slug])
    response = _client(admin_user).post(url, {
        "iati_identifier_prefix": "XM-DAC-5-7", "iati_reporting_org_ref": "XM-DAC-5-7",
        "iati_reporting_org_type": "10", "iati_reporting_org_name": "Engagement Global",
    })
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.iati_reporting_org_name == "Engagement Global"


def test_bad_iati_settings_are_refused_at_their_field_and_nothing_is_saved(programme,
                                                                           admin_user):
    url = reverse("interchange:funding_programme_iati", args=[programme.slug])
    response = _client(admin_user).post(url, {
        "iati_identifier_prefix": "not valid / here", "iati_reporting_org_ref": "XM-DAC-5-7",
        "iati_reporting_org_type": "99", "iati_reporting_org_name": "Engagement Global",
    })
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"iati_identifier_prefix", "iati_reporting_org_type"}
    assert "Enter an IATI organisation identifier" in response.content.decode()
    programme.refresh_from_db()
    assert programme.iati_reporting_org_name == ""


# --- who may open what ---------------------------------------------------------------------

# Each page and the status per visitor: anonymous, outsider (olga), coordinator (alice),
# contributor (charlie), network admin. 302 = sent to the login page.
MATRIX = {
    "public_calendar": (200, 200, 200, 200, 200),
    "public_iati": (200, 200, 200, 200, 200),
    "workspace_iati": (302, 403, 200, 403, 200),
    "iati_settings": (302, 403, 403, 403, 200),
}


def _url(name: str, partnership: Partnership, programme: FundingProgramme) -> str:
    return {
        "public_calendar": f"/de/partnerships/{partnership.slug}/events.ics",
        "public_iati": f"/de/partnerships/{partnership.slug}/iati.xml",
        "workspace_iati": f"/de/workspace/{partnership.slug}/iati.xml",
        "iati_settings": f"/de/workspace/funding-programmes/{programme.slug}/iati/",
    }[name]


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, partnership, programme, olga, alice, charlie, admin_user):
    _set_iati(programme)
    visitors = [None, olga, alice, charlie, admin_user]
    got = tuple(
        _client(visitor).get(_url(name, partnership, programme)).status_code
        for visitor in visitors
    )
    assert got == MATRIX[name]
