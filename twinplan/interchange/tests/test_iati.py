"""The IATI 2.03 activity: valid against the schema, every coded attribute from its
codelist (both from ../shared/standards/iati-2.03/ beside the checkout), the content a
funder reads, and what is missing said plainly."""

from __future__ import annotations

import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from twinplan.core.services import translation_set
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.interchange.iati import IatiNotReady, iati_activities, iati_missing
from twinplan.money.models import FundingSource, Resource, ResourceKind
from twinplan.partnerships.models import FundingProgramme, Partnership
from twinplan.partnerships.services import funding_programme_iati_update
from twinplan.partnerships.tests.factories import FundingProgrammeFactory
from twinplan.programmes.models import ProgrammeStatus
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.reference.models import SdgGoal, SdgTarget

etree = pytest.importorskip("lxml.etree")

pytestmark = pytest.mark.django_db

STANDARD = Path(settings.BASE_DIR).parent / "shared" / "standards" / "iati-2.03"
XML_XSD = Path(__file__).parent / "data" / "xml.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# (XPath of the coded attribute, the codelist it takes its codes from)
CODED = [
    ("//reporting-org/@type", "OrganisationType"),
    ("//participating-org/@type", "OrganisationType"),
    ("//participating-org/@role", "OrganisationRole"),
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//recipient-country/@code", "Country"),
    ("//sector/@vocabulary", "SectorVocabulary"),
    ("//sector[@vocabulary='1']/@code", "Sector"),
    ("//tag/@vocabulary", "TagVocabulary"),
    ("//tag[@vocabulary='2']/@code", "UNSDG-Goals"),
    ("//tag[@vocabulary='3']/@code", "UNSDG-Targets"),
    ("//description/@type", "DescriptionType"),
    ("//budget/@type", "BudgetType"),
    ("//budget/@status", "BudgetStatus"),
    ("//value/@currency", "Currency"),
    ("//result/@type", "ResultType"),
    ("//indicator/@measure", "IndicatorMeasure"),
    ("//@xml:lang", "Language"),
]


def _standard() -> Path:
    if not (STANDARD / "iati-activities-schema.xsd").exists():
        pytest.skip(f"The IATI 2.03 schema and codelists are not at {STANDARD} (the "
                    "standards folder beside the checkout); nothing to validate against.")
    return STANDARD


@pytest.fixture
def schema(tmp_path: Path):
    """The activities schema; its import of xml.xsd is served from the tests' copy when
    the standards folder lacks that file (it is not fetched from the web)."""
    folder = tmp_path / "iati-2.03"
    shutil.copytree(_standard(), folder)
    if not (folder / "xml.xsd").exists():
        shutil.copy(XML_XSD, folder / "xml.xsd")
    return etree.XMLSchema(etree.parse(str(folder / "iati-activities-schema.xsd")))


def _codes(codelist: str) -> set[str]:
    tree = etree.parse(str(_standard() / "codelists" / f"{codelist}.xml"))
    return {code.strip() for code in tree.xpath("//codelist-item/code/text()")}


def _ready(programme: FundingProgramme) -> None:
    funding_programme_iati_update(
        programme, by=None, iati_identifier_prefix="XM-DAC-5-7",
        iati_reporting_org_ref="XM-DAC-5-7", iati_reporting_org_type="10",
        iati_reporting_org_name="Engagement Global",
    )


@pytest.fixture
def funded(partnership: Partnership) -> Partnership:
    """The fixture partnership with a published programme, measures, money and results."""
    programme = FundingProgrammeFactory(slug="klimapartnerschaften")
    _ready(programme)
    Partnership.objects.filter(pk=partnership.pk).update(
        funding_programme=programme, start_date="2011-05-01",
        description="Wernigerode und Hội An schützen gemeinsam das Klima.",
    )
    partnership.refresh_from_db()
    translation_set(obj=partnership, field="title", language="vi",
                    text="Đối tác khí hậu Wernigerode – Hội An", status="human")
    action = ActionProgrammeFactory(partnership=partnership, is_published=True,
                                    status=ProgrammeStatus.IMPLEMENTATION,
                                    period_start="2020-01-01", period_end="2025-12-31")
    solar = MeasureFactory(programme=action, code="E1", title="Solardach", is_published=True,
                           dac_sector="23230")
    MeasureFactory(programme=action, code="E2", title="Entwurf", is_published=False,
                   dac_sector="41010")
    solar.sdg_goals.set([SdgGoal.objects.get(code=7)])
    solar.sdg_targets.set([SdgTarget.objects.get(code="13.2")])
    Resource.objects.create(measure=solar, kind=ResourceKind.MONEY,
                            planned_amount=Decimal("25000.00"), currency="EUR",
                            source_of_funds=FundingSource.OWN_BUDGET, date="2021-03-01")
    indicator = Indicator.objects.create(
        measure=solar, name="Strom vom Dach", unit="MWh", baseline_value=Decimal("0"),
        baseline_year=2020, baseline_source="Stadtwerke 2020", target_value=Decimal("40"),
        target_year=2025, target_source="Ratsbeschluss 2021",
    )
    IndicatorValue.objects.create(indicator=indicator, date="2023-12-31",
                                  value=Decimal("18.5"), source="Stadtwerke 2023")
    return partnership


def test_the_activity_validates_against_the_iati_203_schema(funded, schema):
    document = etree.fromstring(iati_activities(funded))
    assert schema.validate(document), schema.error_log


def test_every_coded_attribute_uses_a_code_of_its_codelist(funded):
    document = etree.fromstring(iati_activities(funded))
    checked = 0
    for path, codelist in CODED:
        codes = _codes(codelist)
        for value in document.xpath(path, namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}):
            assert str(value) in codes, f"{path} = {value!r} is not in {codelist}"
            checked += 1
    assert checked >= 20


def test_the_activity_carries_what_a_funder_reads(funded):
    document = etree.fromstring(iati_activities(funded))
    activity = document.find("iati-activity")
    assert document.get("version") == "2.03"
    assert activity.findtext("iati-identifier") == "XM-DAC-5-7-wernigerode-hoi-an"
    assert activity.get("last-updated-datetime")
    titles = {n.get(XML_LANG): n.text for n in activity.findall("title/narrative")}
    assert titles == {"de": "Klimapartnerschaft Wernigerode – Hội An",
                      "vi": "Đối tác khí hậu Wernigerode – Hội An"}
    # Hội An is the partner outside the funder's country.
    assert [(c.get("code"), c.get("percentage")) for c in
            activity.findall("recipient-country")] == [("VN", "100")]
    # Only the published measure counts: its sector, SDG goal and target.
    assert [(s.get("code"), s.get("percentage")) for s in activity.findall("sector")] == [
        ("23230", "100")]
    assert {(t.get("vocabulary"), t.get("code")) for t in activity.findall("tag")} == {
        ("2", "7"), ("2", "13"), ("3", "13.2")}
    value = activity.find("budget/value")
    assert (value.text, value.get("currency"), value.get("value-date")) == (
        "25000", "EUR", "2021-01-01")
    assert activity.find("activity-status").get("code") == "2"
    assert {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")} == {
        "1": "2020-01-01", "2": "2011-05-01", "3": "2025-12-31"}
    indicator = activity.find("result/indicator")
    assert indicator.find("baseline").get("value") == "0"
    assert indicator.find("period/actual").get("value") == "18.5"
    assert indicator.findall("period")[-1].find("target").get("value") == "40"


def test_without_the_funding_programme_settings_the_export_says_what_is_missing(funded):
    FundingProgramme.objects.update(iati_identifier_prefix="", iati_reporting_org_name="")
    funded.refresh_from_db()
    with pytest.raises(IatiNotReady) as raised:
        iati_activities(funded)
    assert len(raised.value.missing) == 2
    assert "identifier prefix" in raised.value.missing[0]
    assert "organisation name" in raised.value.missing[1]


def test_a_partnership_without_a_funding_programme_is_not_ready(partnership):
    assert "no funding programme" in iati_missing(partnership)[0]


def test_the_command_writes_the_file_or_says_what_is_missing(funded, tmp_path: Path):
    path = tmp_path / "activity.xml"
    call_command("export_iati", funded.slug, "--output", str(path), stdout=StringIO())
    assert etree.parse(str(path)).find("iati-activity/iati-identifier") is not None
    FundingProgramme.objects.update(iati_reporting_org_type="")
    with pytest.raises(CommandError, match="reporting organisation type is not set"):
        call_command("export_iati", funded.slug, "--output", str(path))
    with pytest.raises(CommandError, match="No partnership"):
        call_command("export_iati", "nowhere", "--output", str(path))
