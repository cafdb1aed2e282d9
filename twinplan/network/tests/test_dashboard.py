"""The network dashboard: what each audience sees, money, sorting, filters, CSV, pages,
and a query count that does not grow with the number of partnerships."""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.translation import fingerprint
from twinplan.money.tests.factories import CurrencyRateFactory, ResourceFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.network import dashboard
from twinplan.network.selectors import PAGE_SIZE
from twinplan.partnerships.models import (
    FundingProgrammeCoordinator,
    PartnershipKind,
    Phase,
    PhaseKind,
    PhaseStatus,
)
from twinplan.partnerships.tests.factories import FundingProgrammeFactory, PartnershipFactory
from twinplan.programmes.models import MeasureStatus, ProgrammeStatus
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.reference.models import SdgGoal

pytestmark = pytest.mark.django_db

PUBLIC_URL = "/en/network/"
PUBLIC_CSV = "/en/network/partnerships.csv"
WORKSPACE_URL = "/en/workspace/network/dashboard/"


def build(n, *, programme=None, kind=PartnershipKind.CLIMATE, title="Partnership",
          published=True, country="RS", currency="RSD"):
    """`n` partnerships, each with a programme of three measures (two in implementation,
    one planned, one a draft), money in EUR and in the partner's currency, an SDG and a
    phase under way."""
    made = []
    for i in range(n):
        partnership = PartnershipFactory(
            title=f"{title} {i}", kind=kind, funding_programme=programme,
            is_published=published,
            members=[MunicipalityFactory(country="DE"),
                     MunicipalityFactory(country=country, currency=currency)],
        )
        ap = ActionProgrammeFactory(partnership=partnership, edition=1,
                                    status=ProgrammeStatus.IMPLEMENTATION,
                                    adopted_on=datetime.date(2020, 1, 1))
        first = MeasureFactory(programme=ap, status=MeasureStatus.IN_PROGRESS)
        first.sdg_goals.add(SdgGoal.objects.get(code=7))
        MeasureFactory(programme=ap, status=MeasureStatus.IN_PROGRESS)
        MeasureFactory(programme=ap, status=MeasureStatus.PLANNED)
        MeasureFactory(programme=ap, status=MeasureStatus.IDEA, is_published=False)
        ResourceFactory(measure=first, planned_amount=Decimal("1000"), currency="EUR",
                        date=datetime.date(2020, 6, 1))
        ResourceFactory(measure=first, planned_amount=Decimal("11840"), currency=currency,
                        spent_amount=Decimal("5920"), date=datetime.date(2020, 6, 1))
        Phase.objects.create(partnership=partnership, kind=PhaseKind.IMPLEMENTATION,
                             title="Umsetzung", status=PhaseStatus.CURRENT)
        made.append(partnership)
    return made


@pytest.fixture
def rate(db):
    return CurrencyRateFactory(date=datetime.date(2020, 1, 1), base="EUR", quote="RSD",
                               rate=Decimal("118.40"))


def rows_of(response):
    return [row.partnership.slug for row in response.context["rows"]]


# --- the query count -----------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_public_dashboard_reads_the_same_number_of_queries_for_2_and_6(
        client, rate, django_assert_num_queries):
    build(2)
    two = _count(client, PUBLIC_URL)
    assert two == 11  # 8 for the rows, 3 for the filters' choices
    build(4, title="More")
    assert len(client.get(PUBLIC_URL).context["rows"]) == 6
    with django_assert_num_queries(two):
        client.get(PUBLIC_URL)
    with django_assert_num_queries(two):  # sorted and filtered alike
        client.get(PUBLIC_URL + "?sort=planned&dir=desc&kind=climate&sdg=7")


def test_the_workspace_dashboard_reads_the_same_number_of_queries_for_2_and_6(
        client, rate, django_assert_num_queries):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    build(2, published=False)
    two = _count(client, WORKSPACE_URL)
    assert two == 13  # and the session with its user
    build(4, title="More", published=False)
    assert len(client.get(WORKSPACE_URL).context["rows"]) == 6
    with django_assert_num_queries(two):
        client.get(WORKSPACE_URL)


def test_the_csv_reads_the_same_number_of_queries_for_2_and_6(
        client, rate, django_assert_num_queries):
    build(2)
    two = _count(client, PUBLIC_CSV)
    assert two == 11
    build(4, title="More")
    with django_assert_num_queries(two):
        client.get(PUBLIC_CSV)


# --- who sees what -------------------------------------------------------------------------


def test_the_public_sees_published_partnerships_and_published_measures_only(client, rate):
    (shown,) = build(1, title="Shown")
    build(1, title="Hidden", published=False)
    response = client.get(PUBLIC_URL)
    assert rows_of(response) == [shown.slug]
    (row,) = response.context["rows"]
    assert row.status_counts == {MeasureStatus.IN_PROGRESS: 2, MeasureStatus.PLANNED: 1}
    assert "Hidden 0" not in response.content.decode()


def test_a_programme_coordinator_sees_the_drafts_of_their_programme_only(client, rate):
    programme = FundingProgrammeFactory(slug="fkks")
    (own,) = build(1, programme=programme, title="Own", published=False)
    build(1, programme=FundingProgrammeFactory(), title="Other", published=False)
    coordinator = UserFactory(username="petra")
    FundingProgrammeCoordinator.objects.create(user=coordinator, funding_programme=programme)
    client.force_login(coordinator)
    response = client.get(WORKSPACE_URL)
    assert rows_of(response) == [own.slug]
    (row,) = response.context["rows"]
    assert row.measures_total == 4  # the draft measure counts in the workspace
    page = response.content.decode()
    assert "Other 0" not in page
    assert "draft" in page


def test_the_workspace_dashboard_is_refused_to_people_without_a_programme(client, olga, alice):
    assert client.get(WORKSPACE_URL).status_code == 302  # to the login
    client.force_login(olga)
    assert client.get(WORKSPACE_URL).status_code == 403
    client.force_login(alice)  # a partnership coordinator, not a programme's
    assert client.get(WORKSPACE_URL).status_code == 403
    assert client.get(WORKSPACE_URL + "partnerships.csv").status_code == 403


def test_the_workspace_start_page_links_the_dashboard_for_programme_coordinators(client):
    programme = FundingProgrammeFactory()
    coordinator = UserFactory(username="petra")
    FundingProgrammeCoordinator.objects.create(user=coordinator, funding_programme=programme)
    client.force_login(coordinator)
    assert reverse("network:dashboard") in client.get("/en/workspace/").content.decode()


def test_the_home_page_and_the_directory_link_the_dashboard(client):
    build(1)
    for url in ("/en/partnerships/", "/en/"):
        assert reverse("public:network") in client.get(url).content.decode()


# --- what a row says -----------------------------------------------------------------------


def test_money_is_converted_to_euros_with_the_stored_rate(client, rate):
    build(1)
    (row,) = client.get(PUBLIC_URL).context["rows"]
    assert row.money_converted
    assert row.planned_eur == Decimal("1100.00")  # 1,000 EUR + 11,840 RSD at 118.40
    assert row.spent_eur == Decimal("50.00")
    assert "€1,100.00" in client.get(PUBLIC_URL).content.decode()


def test_without_a_rate_the_money_is_shown_per_currency_and_says_so(client):
    build(1)
    response = client.get(PUBLIC_URL)
    (row,) = response.context["rows"]
    assert not row.money_converted
    assert row.planned_eur is None
    assert row.money_by_currency["RSD"] == (Decimal("11840"), Decimal("5920"))
    assert "an exchange rate is missing" in response.content.decode()


def test_a_row_shows_phase_sdgs_towns_and_the_impact_link(client, rate):
    (partnership,) = build(1)
    page = client.get(PUBLIC_URL).content.decode()
    assert "Implementation" in page
    assert "SDG 7" in page
    assert "Serbia" in page
    assert "Germany" in page
    assert reverse("public:partnership_impact", args=[partnership.slug]) in page


def test_numbers_and_dates_follow_the_page_language(client, rate):
    build(1)
    page = client.get("/de/network/").content.decode()
    assert "1.100,00\xa0€" in page


def test_demo_content_is_marked(client, rate):
    (partnership,) = build(1)
    partnership.programmes.get().measures.filter(status=MeasureStatus.PLANNED).update(
        is_demo_content=True)
    page = client.get(PUBLIC_URL).content.decode()
    assert "contains demo content" in page


# --- sorting, filters, pages ---------------------------------------------------------------


def test_sorting_by_a_column_and_its_aria_sort(client, rate):
    small, large = build(2, title="Sort")
    MeasureFactory(programme=large.programmes.get(), status=MeasureStatus.COMPLETED)
    response = client.get(PUBLIC_URL + "?sort=measures&dir=desc")
    assert rows_of(response) == [large.slug, small.slug]
    assert 'aria-sort="descending"' in response.content.decode()
    assert rows_of(client.get(PUBLIC_URL + "?sort=measures&dir=asc")) == [small.slug, large.slug]
    # the column heading links to the other direction
    assert "sort=measures&amp;dir=asc" in response.content.decode()


def test_filters_by_programme_country_kind_phase_and_sdg(client, rate):
    programme = FundingProgrammeFactory(slug="fkks")
    (climate,) = build(1, programme=programme, title="Climate")
    (twinning,) = build(1, kind=PartnershipKind.TWINNING, title="Twinning", country="VN",
                        currency="VND")
    twinning.phases.update(kind=PhaseKind.MONITORING)
    assert rows_of(client.get(PUBLIC_URL + "?funding_programme=fkks")) == [climate.slug]
    assert rows_of(client.get(PUBLIC_URL + "?country=VN")) == [twinning.slug]
    assert rows_of(client.get(PUBLIC_URL + "?kind=twinning")) == [twinning.slug]
    assert rows_of(client.get(PUBLIC_URL + "?phase=monitoring")) == [twinning.slug]
    assert rows_of(client.get(PUBLIC_URL + "?sdg=7")) == sorted([climate.slug, twinning.slug])
    assert rows_of(client.get(PUBLIC_URL + "?sdg=13")) == []


def test_a_filter_value_that_does_not_exist_is_refused_at_its_field(client, rate):
    build(1)
    response = client.get(PUBLIC_URL + "?country=XX&sdg=abc&sort=nonsense&page=zz")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_country_error"' in page
    assert 'id="id_sdg_error"' in page
    assert len(response.context["rows"]) == 1  # the bad filters filter nothing


def test_pages_of_fifty_rows(client, rate, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 2)
    build(3)
    first = client.get(PUBLIC_URL + "?sort=title")
    assert len(first.context["rows"]) == 2
    assert "page=2" in first.content.decode()
    assert len(client.get(PUBLIC_URL + "?sort=title&page=2").context["rows"]) == 1
    assert PAGE_SIZE == 50  # what the page uses outside this test


# --- CSV -----------------------------------------------------------------------------------


def test_the_csv_has_a_bom_unformatted_numbers_and_the_same_filters(client, rate):
    build(1, title="Climate")
    build(1, title="Twinning", kind=PartnershipKind.TWINNING)
    response = client.get("/de/network/partnerships.csv?kind=climate")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    header, *lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(lines) == 1
    record = dict(zip(header, lines[0], strict=True))
    assert record["Partnerschaft"] == "Climate 0"
    assert record["Geld geplant (EUR)"] == "1100.00"
    assert record["Maßnahmen"] == "3"
    assert record["SDGs"] == "7"
    assert record["Länder"] == "DE; RS"


def test_the_csv_names_the_funding_programme_in_the_readers_language(client, rate):
    programme = FundingProgrammeFactory(
        name="Kommunale Klimapartnerschaften", original_language="de",
        translations={"vi": {"name": {"text": "Đối tác khí hậu đô thị", "status": "human",
                                      "source_fingerprint": fingerprint(
                                          "Kommunale Klimapartnerschaften")}}})
    build(1, programme=programme)
    for language, name in (("vi", "Đối tác khí hậu đô thị"),
                           ("de", "Kommunale Klimapartnerschaften")):
        body = client.get(f"/{language}/network/partnerships.csv").content.decode()
        _header, line = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        assert name in line, language


def test_the_csv_keeps_a_title_that_looks_like_a_formula_as_text(client, rate):
    build(1, title="=HYPERLINK(1)")
    body = client.get(PUBLIC_CSV).content.decode("utf-8").lstrip("\ufeff")
    _header, line = list(csv.reader(io.StringIO(body)))
    assert line[0] == "'=HYPERLINK(1) 0"


# --- pages: every partnership one click away, money read for the rows shown ----------------


def _next(html):
    found = re.search(r'<a href="\?([^"]*)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_pages_reach_the_last_partnership_with_its_money(client, rate, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 2)
    made = build(5)
    seen, query, pages = [], "sort=title", 0
    while query is not None:
        response = client.get(f"{PUBLIC_URL}?{query}")
        pages += 1
        for row in response.context["rows"]:
            seen.append(row.partnership.slug)
            assert row.planned_eur == Decimal("1100.00")  # read for the page shown
        query = _next(response.content.decode())
    assert pages == 3
    assert seen == [partnership.slug for partnership in made]
    assert "5 partnerships." in response.content.decode()


def test_sorting_by_money_reads_every_rows_money(client, rate, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 1)
    build(1, title="Small")
    big = build(1, title="Big")[0]
    ResourceFactory(measure=big.programmes.get().measures.first(),
                    planned_amount=Decimal("5000"), currency="EUR",
                    date=datetime.date(2020, 6, 1))
    assert rows_of(client.get(PUBLIC_URL + "?sort=planned&dir=desc")) == [big.slug]


def test_the_csv_holds_every_partnership_of_every_page(client, rate, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 2)
    made = build(5)
    body = client.get(PUBLIC_CSV).content.decode("utf-8").lstrip("\ufeff")
    header, *lines = list(csv.reader(io.StringIO(body)))
    assert [line[0] for line in lines] == [p.title for p in made]
    planned = header.index("Money planned (EUR)")
    assert {line[planned] for line in lines} == {"1100.00"}


def test_the_queries_stay_the_same_for_3_and_30_partnerships_over_pages(
        client, rate, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 10)
    build(3)
    three = _count(client, PUBLIC_URL)
    assert three == 11
    build(27, title="More")
    for query in ("", "?page=3", "?sort=spent&page=2"):
        with django_assert_num_queries(three):
            client.get(PUBLIC_URL + query)
