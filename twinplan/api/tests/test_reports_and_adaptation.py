"""The issued editions of a partnership as links, and its climate adaptation: published
content only, in the language asked for."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from twinplan.adaptation.tests.factories import (
    AdaptationEffectFactory,
    ClimateRiskFactory,
    MeasureAdaptationFactory,
)
from twinplan.api.tests.conftest import ApiClient
from twinplan.partnerships.models import Partnership
from twinplan.programmes.services import (
    measure_create,
    measure_publish,
    programme_create,
    programme_publish,
)
from twinplan.reports import services as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership):
    partnership.is_published = True
    partnership.save()
    programme = programme_publish(
        programme_create(by=None, partnership=partnership, title="Handlungsprogramm"), by=None)
    return partnership, programme


def _issue(partnership, **kwargs):
    arguments = {"by": None, "kind": "results", "languages": "de", "scope": "public",
                 "file_format": "html", **kwargs}
    return reports.edition_issue(partnership=partnership, **arguments)


def test_issued_public_editions_are_listed_as_links_and_withdrawn_ones_without(published):
    partnership, _programme = published
    first = _issue(partnership)
    second = _issue(partnership, languages="de,vi")
    _issue(partnership, scope="draft")  # internal: never listed
    programme = _issue(partnership, kind="programme", file_format="pdf")
    reports.edition_withdraw(first, by=None)
    client = ApiClient()
    body = client.get(f"/api/v1/partnerships/{partnership.slug}/reports?lang=de").json()
    assert body["count"] == 3
    rows = {(row["kind"], row["edition"]): row for row in body["results"]}
    assert set(rows) == {("results", 1), ("results", 2), ("programme", 1)}
    assert rows[("results", 2)]["languages"] == ["de", "vi"]
    assert rows[("results", 2)]["title"] == "Ergebnisbericht"
    assert rows[("results", 2)]["withdrawn"] is False
    assert rows[("results", 2)]["issued_on"] == second.issued_on.isoformat()
    assert rows[("results", 1)]["withdrawn"] is True
    assert rows[("results", 1)]["withdrawn_on"] is not None
    assert rows[("results", 1)]["url"] is None
    assert rows[("programme", 1)]["format"] == "pdf"
    # The link downloads the file; the withdrawn one's address is gone.
    download = client.client.get(rows[("results", 2)]["url"])
    assert download.status_code == 200
    assert b"<html" in b"".join(download.streaming_content)
    assert programme.pk != first.pk
    assert client.get(f"/api/v1/partnerships/{partnership.slug}/reports?lang=en").json()[
        "results"][0]["title"] in {"Results report", "Action programme"}


def test_editions_of_an_unpublished_partnership_are_not_listed_even_to_its_members(
        published, alice, as_user):
    partnership, _programme = published
    _issue(partnership)
    partnership.is_published = False
    partnership.save()
    url = f"/api/v1/partnerships/{partnership.slug}/reports"
    assert ApiClient().get(url).status_code == 404
    member = as_user(alice).get(url)
    assert member.status_code == 200
    assert member.json()["count"] == 0


def test_the_adaptation_report_gives_risks_measures_effects_and_totals(published, hoi_an,
                                                                       wernigerode):
    partnership, programme = published
    flood = ClimateRiskFactory(municipality=hoi_an, hazard="floods")
    ClimateRiskFactory(municipality=wernigerode, hazard="droughts", probability="medium")
    warning = measure_publish(measure_create(by=None, programme=programme, code="A1",
                                             title="Hochwasser-Frühwarnung",
                                             lead_municipality=hoi_an), by=None)
    MeasureAdaptationFactory(measure=warning, risks=[flood])
    AdaptationEffectFactory(measure=warning, risk=flood, quantity=Decimal("3000"))
    draft = measure_create(by=None, programme=programme, code="A2", title="Deich (Entwurf)",
                           lead_municipality=hoi_an)
    MeasureAdaptationFactory(measure=draft, risks=[flood])
    AdaptationEffectFactory(measure=draft, risk=flood, quantity=Decimal("90000"))

    body = ApiClient().get(f"/api/v1/partnerships/{partnership.slug}/adaptation?lang=de").json()
    assert body["schema"] == "twinplan.adaptation-report/1"
    assert body["language"] == "de"
    assert [m["municipality"] for m in body["municipalities"]] == ["wernigerode", "hoi-an"]
    risks = {r["hazard"]: r for r in body["risks"]}
    assert set(risks) == {"floods", "droughts"}
    assert risks["floods"]["municipality"] == "hoi-an"
    assert risks["floods"]["source"] == "Risikoanalyse der Stadt"
    assert risks["floods"]["source_year"] == 2022
    assert risks["floods"]["hazard_label"] == "Hochwasser und Überschwemmungen"
    # Published measures only: the draft and its effect count nowhere.
    assert [m["code"] for m in body["measures"]] == ["A1"]
    measure = body["measures"][0]
    assert measure["title"]["text"] == "Hochwasser-Frühwarnung"
    assert measure["risks"] == [flood.pk]
    assert measure["effects"][0]["quantity"] == "3000"
    assert measure["effects"][0]["source"] == "Planung des Bauamts"
    assert body["total"] == [{"kind": "people_protected", "label": "geschützte Personen",
                              "amount": "3000", "unit": "", "source": "",
                              "is_demo_content": False}]
    flood_line = next(line for line in body["by_risk"] if line["risk"] == flood.pk)
    assert flood_line["measures"] == [warning.pk]
    english = ApiClient().get(f"/api/v1/partnerships/{partnership.slug}/adaptation",
                              **{"Accept-Language": "en"}).json()
    assert english["language"] == "en"
    assert english["total"][0]["label"] == "people protected"


def test_adaptation_of_an_unknown_or_hidden_partnership_is_404_and_bad_language_400(
        published):
    partnership, _programme = published
    client = ApiClient()
    assert client.get("/api/v1/partnerships/nobody/adaptation").status_code == 404
    bad = client.get(f"/api/v1/partnerships/{partnership.slug}/adaptation?lang=xx")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["path"] == "query.lang"
    partnership.is_published = False
    partnership.save()
    assert client.get(f"/api/v1/partnerships/{partnership.slug}/adaptation").status_code == 404


READERS = ["anonymous", "outsider", "contributor", "contributor_elsewhere",
           "other_coordinator", "coordinator", "partner_coordinator", "programme_coordinator",
           "network_admin"]


@pytest.mark.parametrize("who", READERS)
def test_every_reader_sees_published_content_only_and_hidden_partnerships_stay_hidden(
        api_world, as_user, who):
    w = api_world
    user = w.users[who]
    client = as_user(user)
    draft = w.spare["measure"]
    draft.is_published = False
    draft.save()
    town = draft.lead_municipality or w.partnership.municipalities.first()
    risk = ClimateRiskFactory(municipality=town, hazard="storms")
    MeasureAdaptationFactory(measure=draft, risks=[risk])
    _issue(w.partnership, scope="draft")
    base = f"/api/v1/partnerships/{w.partnership.slug}"
    adaptation = client.get(f"{base}/adaptation")
    assert adaptation.status_code == 200
    assert draft.pk not in [m["id"] for m in adaptation.json()["measures"]]
    assert client.get(f"{base}/reports").json()["count"] == 0  # internal editions: never

    Partnership.objects.filter(pk=w.partnership.pk).update(is_published=False)
    visible = Partnership.objects.visible_to(user or AnonymousUser()).filter(
        pk=w.partnership.pk).exists()
    for url in (f"{base}/adaptation", f"{base}/reports"):
        assert client.get(url).status_code == (200 if visible else 404), url
    if who in ("anonymous", "outsider"):
        assert not visible
