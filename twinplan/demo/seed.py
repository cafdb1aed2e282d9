"""The demo data: both seed partnerships with every fact their source documents state.

Facts come from the two seed documents and cite them; coordinates come from the packaged
GeoNames gazetteer. What the documents do not state stays empty. Titles that paraphrase
the documents, and everything invented to show a feature (the W–HA measures, a demo
school, the demo users), are flagged `is_demo_content` and shown with a "demo" badge.

Every step looks for its object by a natural key first and creates it only when missing,
and each partnership is built in one transaction, so running the seed again changes
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction

from twinplan.accounts.models import User
from twinplan.accounts.services import user_create
from twinplan.climate.models import ImpactEstimate
from twinplan.climate.parameters import ImpactTypeChoice
from twinplan.climate.services import measure_impact_set, travel_leg_create, travel_place
from twinplan.demo.adaptation import adaptation_demo
from twinplan.demo.glossary import glossary_terms_seed
from twinplan.demo.media import media_demo
from twinplan.demo.process import process_demo
from twinplan.demo.translations import demo_translations_apply
from twinplan.events.models import Event, EventKind, IdeaFate, OutcomeKind
from twinplan.events.services import (
    event_create,
    event_outcome_create,
    event_publish,
    idea_create,
)
from twinplan.indicators.services import indicator_create, indicator_value_create
from twinplan.money.models import FundingSource, ResourceKind
from twinplan.money.services import exchange_rates_load, resource_create
from twinplan.municipalities.gazetteer import place_by_geonameid
from twinplan.municipalities.models import Municipality, MunicipalityKind
from twinplan.municipalities.services import municipality_create, municipality_fact_create
from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.organisations.services import organisation_create
from twinplan.partnerships.models import (
    AgreementKind,
    FundingProgramme,
    Partnership,
    PartnershipKind,
    PhaseKind,
    RoleKind,
)
from twinplan.partnerships.services import (
    agreement_create,
    award_amount_create,
    award_create,
    funding_programme_create,
    partnership_create,
    partnership_publish,
    phase_create,
    programme_coordinator_grant,
    role_grant,
)
from twinplan.programmes.models import (
    ActionProgramme,
    ChallengeCategory,
    Measure,
    MeasureStatus,
    ProgrammeStatus,
    ProgressKind,
)
from twinplan.programmes.services import (
    baseline_create,
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
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reference.services import sdgs_sync
from twinplan.search.index import index_rebuild

SOURCE_BR = (
    "Folien „Kommunale Nachhaltigkeitspartnerschaften: Samtgemeinde Bersenbrück – Stadt Ruma“, "
    "Ergebniskonferenz Belgrad, 28.–30.11.2018"
)
SOURCE_WH = (
    "Artikel „Kommunale Klimapartnerschaft: Tropfen auf dem heißen Stein?“ "
    "(Marisa Hahn, Caroline Oelck)"
)
SEED_YEAR = 2018

# GeoNames ids of the places the seeds name (looked up once in the packaged data).
GEONAMES = {
    "wernigerode": 2810808,
    "hoi-an": 1580541,
    "bersenbrueck": 2949906,
    "ruma": 3191429,
    "gelsenkirchen": 2921466,
    "belgrade": 792680,
    "duesseldorf": 2934246,
    "leipzig": 2879139,
}

DEMO_PASSWORD = "twinplan-demo"  # noqa: S105 - printed on purpose: demo logins only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str


def _located(key: str) -> dict[str, Any]:
    place = place_by_geonameid(GEONAMES[key])
    return {
        "latitude": place.latitude,
        "longitude": place.longitude,
        "location_source": place.source,
    }


def _publish(*objects: Any) -> None:
    """Publish through each kind's own service."""
    services: dict[type, Any] = {
        Partnership: partnership_publish, ActionProgramme: programme_publish,
        Measure: measure_publish, Event: event_publish,
    }
    for obj in objects:
        services[type(obj)](obj, by=None, published=True)


# --- municipalities and organisations --------------------------------------------------


def _municipality(slug: str, *, located: str, seat_note: str = "", **fields: Any) -> Municipality:
    """The town of `slug`, created when missing with the coordinates of the gazetteer's
    place `located` (the gazetteer, a file of 150,000 places, is read only then)."""
    existing = Municipality.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    fields.update(_located(located))
    fields["location_source"] += seat_note
    facts = fields.pop("facts", [])
    municipality = municipality_create(by=None, slug=slug, **fields)
    for text, source in facts:
        municipality_fact_create(
            municipality=municipality,
            by=None,
            text=text,
            source=source,
            year=SEED_YEAR,
            original_language="de",
        )
    return municipality


def municipalities() -> dict[str, Municipality]:
    return {
        "wernigerode": _municipality(
            "wernigerode",
            name="Wernigerode",
            kind=MunicipalityKind.CITY,
            country="DE",
            region_code="DE-ST",
            region_name="Sachsen-Anhalt (Harz)",
            region_source=SOURCE_WH,
            population=33000,
            population_year=SEED_YEAR,
            population_source=SOURCE_WH,
            currency="EUR",
            working_languages=["de"],
            facts=[("Vietnamesen sind die größte Migrantengruppe in Wernigerode.", SOURCE_WH)],
            located="wernigerode",
        ),
        "hoi-an": _municipality(
            "hoi-an",
            name="Hội An",
            kind=MunicipalityKind.CITY,
            country="VN",
            region_code="VN-27",
            region_name="Quảng Nam (Zentralvietnam)",
            region_source=SOURCE_WH,
            population=92000,
            population_year=SEED_YEAR,
            population_source=SOURCE_WH,
            currency="VND",
            working_languages=["vi"],
            facts=[
                ("Ehemals einer der größten Häfen in Südostasien.", SOURCE_WH),
                ("UNESCO-Weltkulturerbe seit 1999.", SOURCE_WH),
            ],
            located="hoi-an",
        ),
        "bersenbrueck": _municipality(
            "bersenbrueck",
            name="Samtgemeinde Bersenbrück",
            kind=MunicipalityKind.ASSOCIATION,
            country="DE",
            # The slides name no region; GeoNames files Bersenbrück under admin1 code 06,
            # Lower Saxony, whose ISO 3166-2 code is DE-NI.
            region_code="DE-NI",
            region_name="Niedersachsen",
            region_source="GeoNames admin1 code 06 of Bersenbrück (geonameid 2949906)",
            population=30000,
            population_year=SEED_YEAR,
            population_source=SOURCE_BR,
            area_km2=Decimal("255"),
            area_year=SEED_YEAR,
            area_source=SOURCE_BR,
            currency="EUR",
            working_languages=["de"],
            located="bersenbrueck",
            seat_note="; the town of Bersenbrück, seat of the Samtgemeinde",
        ),
        "ruma": _municipality(
            "ruma",
            name="Рума",
            names={"Latn": "Ruma"},
            kind=MunicipalityKind.CITY,
            country="RS",
            # GeoNames files Ruma under admin1 code VO, the Autonomous Province of
            # Vojvodina, ISO 3166-2 RS-VO.
            region_code="RS-VO",
            region_name="Vojvodina",
            region_source="GeoNames admin1 code VO of Ruma (geonameid 3191429)",
            population=56000,
            population_year=SEED_YEAR,
            population_source=SOURCE_BR,
            area_km2=Decimal("550"),
            area_year=SEED_YEAR,
            area_source=SOURCE_BR,
            currency="RSD",
            working_languages=["sr", "sr-latn"],
            located="ruma",
        ),
    }


def _organisation(name: str, kind: str, **fields: Any) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    return existing or organisation_create(by=None, name=name, kind=kind, **fields)


def _funding_programme(slug: str, name: str, **fields: Any) -> FundingProgramme:
    existing = FundingProgramme.objects.filter(slug=slug).first()
    return existing or funding_programme_create(slug=slug, name=name, **fields)


# --- Bersenbrück – Ruma ----------------------------------------------------------------

BR_AGENDA_VALUE = "\n".join(
    [
        "Sensibilisierung der Politik und der Verwaltung für die Agenda 2030.",
        "Durch Öffentlichkeitsarbeit wird die Agenda in die Bevölkerung getragen.",
        "Bildungsträger werden zunehmend für die Agenda sensibilisiert und zu Multiplikatoren.",
        "Ziel: Weitere gemeinsame Projekte über den Förderzeitraum hinaus.",
    ]
)
BR_CHALLENGES = [
    (ChallengeCategory.LANGUAGE, "Sprachbarrieren erschweren die Projektumsetzung."),
    (ChallengeCategory.RESOURCES, "Die verfügbaren Ressourcen erschweren die Projektumsetzung."),
    (ChallengeCategory.THIRD_PARTIES, "Die Einbindung Dritter erschwert die Projektumsetzung."),
]


def _pilot_measure(
    *,
    programme: Any,
    code: str,
    title: str,
    goals: list[Any],
    sdg: int,
    context: str,
    actor_kinds: Sequence[str],
    school: Organisation | None,
) -> Measure:
    measure = measure_create(
        by=None, programme=programme,
        code=code,
        title=title,
        goals=goals,
        is_pilot=True,
        status=MeasureStatus.IN_PROGRESS,
        context=context,
        sdg_goals=[SdgGoal.objects.get(code=sdg)],
        is_demo_content=True,  # the slides give goals, not a title: the title paraphrases
    )
    for kind in actor_kinds:
        measure_actor_create(by=None, measure=measure, kind=kind)
    if school is not None:
        measure_actor_create(by=None, measure=measure, kind=OrganisationType.SCHOOL,
                             organisation=school)
    steps = [
        (ProgressKind.STEP, None, "Erste Ideensammlung auf der Auftaktveranstaltung in "
                                  "Gelsenkirchen."),
        (ProgressKind.STEP, None, "Vertiefung auf der ersten Delegationsreise in Ruma."),
        (ProgressKind.STEP, None, "Abstimmung eines gemeinsamen Vorgehens."),
        (ProgressKind.STEP, None, "Weitere Abstimmung auf der zweiten Delegationsreise."),
        (ProgressKind.MILESTONE, date(2018, 11, 28),
         "Projekt noch in der Umsetzungsphase (Stand der Ergebniskonferenz in Belgrad)."),
        (ProgressKind.OUTLOOK, None,
         "Möglichkeit der Einbindung des Projektes in Schulprojekten."),
    ]
    for kind, when, text in steps:
        progress_entry_create(by=None, measure=measure, kind=kind, date=when, text=text)
    for category, description in BR_CHALLENGES:
        challenge_create(by=None, measure=measure, category=category, description=description)
    return measure


@transaction.atomic
def bersenbrueck_ruma(places: dict[str, Municipality]) -> Partnership:
    existing = Partnership.objects.filter(slug="bersenbrueck-ruma").first()
    if existing is not None:
        return existing
    bersenbrueck, ruma = places["bersenbrueck"], places["ruma"]
    initiator = _organisation("Brücken bauen e.V.", OrganisationType.ASSOCIATION,
                              original_language="de")
    school = _organisation(
        "Demo-Schule Ruma", OrganisationType.SCHOOL, municipality=ruma,
        original_language="de", is_demo_content=True,
    )
    funding = _funding_programme("kommunale-nachhaltigkeitspartnerschaften",
                                 "Kommunale Nachhaltigkeitspartnerschaften",
                                 original_language="de")
    partnership = partnership_create(
        by=None,
        slug="bersenbrueck-ruma",
        title="Samtgemeinde Bersenbrück – Stadt Ruma",
        kind=PartnershipKind.SUSTAINABILITY,
        municipalities=[bersenbrueck, ruma],
        initiator=initiator,
        funding_programme=funding,
        working_languages=["de", "sr", "sr-latn"],
        original_language="de",
        summary="Kommunale Nachhaltigkeitspartnerschaft zwischen der Samtgemeinde Bersenbrück "
                "(Deutschland) und der Stadt Ruma (Serbien).",
        description="Die Partnerschaft wurde vom Verein Brücken bauen e.V. initiiert. "
                    "Reger Austausch auch außerhalb des Projektes kommunale "
                    "Nachhaltigkeitspartnerschaft.",
        agenda_2030_value=BR_AGENDA_VALUE,
    )
    agreement_create(
        partnership=partnership,
        by=None,
        kind=AgreementKind.FRIENDSHIP,
        title="Freundschaftsvertrag",
        signed_on=date(2017, 9, 23),
        parties=[bersenbrueck, ruma],
        source=SOURCE_BR,
    )
    phases = {
        kind: phase_create(partnership=partnership, by=None, kind=kind, title=title,
                           start_date=start, end_date=end, is_demo_content=True)
        for kind, title, start, end in [
            (PhaseKind.KICK_OFF, "Ideensammlung", None, None),
            (PhaseKind.EXCHANGE, "Delegationsreisen und Abstimmung", None, None),
            (PhaseKind.PILOT, "Umsetzung der Pilotmaßnahmen", None, None),
            (PhaseKind.RESULTS, "Ergebniskonferenz", date(2018, 11, 28), date(2018, 11, 30)),
        ]
    }

    programme = programme_create(
        by=None, partnership=partnership,
        title="Handlungsprogramm der Nachhaltigkeitspartnerschaft",
        # The slides show the pilot measures "noch in der Umsetzungsphase".
        status=ProgrammeStatus.IMPLEMENTATION,
        is_demo_content=True,  # the slides name no programme title
    )
    baseline_create(
        by=None, programme=programme,
        municipality=ruma,
        text="Regenerative Energien spielen in Serbien noch eine untergeordnete Rolle; "
             "der Strommarkt in Serbien ist im Umbruch.",
        year=SEED_YEAR,
        source=SOURCE_BR,
        original_language="de",
    )
    goal_energy = goal_create(
        by=None, programme=programme,
        title="Sensibilisierung der Bevölkerung für saubere und bezahlbare Energie",
        sdg_goals=[SdgGoal.objects.get(code=7)],
    )
    goal_transition = goal_create(by=None, programme=programme, title="Beitrag zur Energiewende")
    goal_climate = goal_create(
        by=None, programme=programme,
        title="Sensibilisierung der Bevölkerung für Klimaschutz",
        sdg_goals=[SdgGoal.objects.get(code=13)],
    )
    goal_co2 = goal_create(by=None, programme=programme,
                           title="Beitrag zur weltweiten CO₂-Reduktion")
    everyone = [OrganisationType.ADMINISTRATION, OrganisationType.SCHOOL,
                OrganisationType.ASSOCIATION, OrganisationType.COMPANY]
    energy = _pilot_measure(
        programme=programme,
        code="P1",
        title="Pilotmaßnahme „Saubere und bezahlbare Energie“",
        goals=[goal_energy, goal_transition],
        sdg=7,
        context="Regenerative Energien spielen in Serbien noch eine untergeordnete Rolle.\n"
                "Der Strommarkt in Serbien ist im Umbruch.",
        actor_kinds=everyone,
        school=school,
    )
    climate = _pilot_measure(
        programme=programme,
        code="P2",
        title="Pilotmaßnahme „Klimaschutz“",
        goals=[goal_climate, goal_co2],
        sdg=13,
        context="Klimaschutz rückt zunehmend in den Fokus auch von Kommunen.\n"
                "Insbesondere Industrieländer wie Deutschland haben eine globale Verantwortung.",
        actor_kinds=everyone[:3],
        school=None,
    )

    kick_off = event_create(
        partnership=partnership, by=None, kind=EventKind.KICK_OFF,
        phase=phases[PhaseKind.KICK_OFF],
        title="Auftaktveranstaltung in Gelsenkirchen", place_name="Gelsenkirchen", country="DE",
        description="Erste Ideensammlung.", source=SOURCE_BR, **_located("gelsenkirchen"),
    )
    for measure, idea in [(energy, "Saubere und bezahlbare Energie"), (climate, "Klimaschutz")]:
        idea_create(event=kick_off, by=None, title=idea, fate=IdeaFate.BECAME_MEASURE,
                    measure=measure, is_demo_content=True)
    first_trip = event_create(
        partnership=partnership, by=None, kind=EventKind.DELEGATION_TRIP,
        phase=phases[PhaseKind.EXCHANGE], title="Erste Delegationsreise nach Ruma",
        place_name="Ruma", country="RS", host_municipality=ruma, source=SOURCE_BR,
        **_located("ruma"),
    )
    event_outcome_create(event=first_trip, by=None, kind=OutcomeKind.RESULT,
                         text="Vertiefung der Ideen aus Gelsenkirchen; Abstimmung eines "
                              "gemeinsamen Vorgehens.", measures=[energy, climate])
    second_trip = event_create(
        partnership=partnership, by=None, kind=EventKind.DELEGATION_TRIP,
        phase=phases[PhaseKind.EXCHANGE], title="Zweite Delegationsreise", source=SOURCE_BR,
    )
    event_outcome_create(event=second_trip, by=None, kind=OutcomeKind.RESULT,
                         text="Weitere Abstimmung.", measures=[energy, climate])
    public_events = [
        event_create(
            partnership=partnership, by=None, kind=EventKind.PUBLIC_EVENT,
            phase=phases[PhaseKind.PILOT], title=f"Öffentlichkeitsveranstaltung in {name}",
            place_name=name, country=country, host_municipality=host, source=SOURCE_BR,
            **_located(key),
        )
        for key, name, country, host in [
            ("bersenbrueck", "Bersenbrück", "DE", bersenbrueck),
            ("ruma", "Ruma", "RS", ruma),
        ]
    ]
    results = event_create(
        partnership=partnership, by=None, kind=EventKind.RESULTS_CONFERENCE,
        phase=phases[PhaseKind.RESULTS],
        title="Ergebniskonferenz Kommunale Nachhaltigkeitspartnerschaften in Belgrad",
        start_date=date(2018, 11, 28), end_date=date(2018, 11, 30),
        place_name="Belgrad", country="RS", source=SOURCE_BR,
        description="Die Partnerschaft stellt ihre Pilotmaßnahmen, deren Prozessentwicklung "
                    "und Umsetzung sowie den Mehrwert der Agenda 2030 für die Kommune vor.",
        **_located("belgrade"),
    )
    _publish(partnership, programme, energy, climate, kick_off, first_trip, second_trip,
             *public_events, results)
    return partnership


# --- Wernigerode – Hội An --------------------------------------------------------------

WH_PROGRAMME_TEXT = (
    "Kommunen spielen eine zentrale Rolle in verschiedenen Bereichen der nachhaltigen "
    "Entwicklung.\nProjekte in diesem Bereich konzentrieren sich auf den fachlichen "
    "Austausch zwischen kommunalen Experten aus verschiedenen Themenbereichen.\nHierbei "
    "bringen sie ihr Fachwissen in technischer oder organisatorischer Hinsicht ein und "
    "nutzen und erweitern ihre interkulturellen und sprachlichen Fähigkeiten."
)
WH_AIMS = (
    "Gemeinsame Aktionsprogramme mit Zielen, konkreten Maßnahmen und zugeteilten Ressourcen "
    "für den Klimaschutz und Anpassung (siehe Handlungsprogramm).\nDieses legt die Grundlage "
    "für eine langfristige, konstruktive und systematische Zusammenarbeit zwischen den "
    "Partnergemeinden."
)


WH_EXCHANGE_PROGRESS = (
    "Erste kommunale Gebäude gemeinsam begangen; Sanierungsvorschläge in Arbeit."
)


@transaction.atomic
def wernigerode_hoi_an(places: dict[str, Municipality]) -> Partnership:
    existing = Partnership.objects.filter(slug="wernigerode-hoi-an").first()
    if existing is not None:
        return existing
    wernigerode, hoi_an = places["wernigerode"], places["hoi-an"]
    funding = _funding_programme(
        "kommunale-klimapartnerschaften", "Kommunale Klimapartnerschaften",
        description=WH_PROGRAMME_TEXT, original_language="de",
    )
    partnership = partnership_create(
        by=None,
        slug="wernigerode-hoi-an",
        title="Kommunale Klimapartnerschaft Wernigerode – Hội An",
        kind=PartnershipKind.CLIMATE,
        municipalities=[wernigerode, hoi_an],
        funding_programme=funding,
        working_languages=["de", "vi"],
        original_language="de",
        summary="Ausgezeichnet mit dem Deutschen Nachhaltigkeitspreis 2018 in der Kategorie "
                "„Kommunale Partnerschaften“.",
        description="Am Anfang der Kommunalen Klimapartnerschaft zwischen Hội An und "
                    "Wernigerode standen lediglich ein vietnamesisches Essen und eine Idee. "
                    "Mittlerweile konnten zahlreiche interkulturelle Projekte zusammen "
                    "umgesetzt werden.",
        aims=WH_AIMS,
    )
    award = award_create(
        partnership=partnership,
        by=None,
        name="Deutscher Nachhaltigkeitspreis 2018",
        category="Kommunale Partnerschaften",
        awarded_on=date(2018, 12, 7),
        place="Düsseldorf",
        awarded_by="Deutscher Nachhaltigkeitspreis, in Zusammenarbeit mit der Bundesregierung",
        description="Zum 11. Mal verliehen; prämiert wurden Spitzenleistungen der "
                    "Nachhaltigkeit in Wirtschaft, Kommunen und Forschung. In der Kategorie "
                    "„Kommunale Partnerschaften“ wurde der Preis erstmals vergeben; die "
                    "Partnerstädte erhielten jeweils 30.000 € für die Umsetzung gemeinsamer "
                    "Projekte.",
        source=SOURCE_WH,
    )
    for recipient in (wernigerode, hoi_an):
        award_amount_create(award=award, by=None, recipient=recipient,
                            amount=Decimal("30000"), currency="EUR")
    programme = programme_create(
        by=None, partnership=partnership,
        title="Handlungsprogramm – Maßnahmenplan der Städtepartnerschaft",
        status=ProgrammeStatus.IMPLEMENTATION,
        summary=WH_AIMS,
    )
    mitigation = field_of_action_create(by=None, programme=programme, title="Klimaschutz")
    adaptation = field_of_action_create(by=None, programme=programme, title="Klimaanpassung")
    goal_buildings = goal_create(
        by=None, programme=programme, field_of_action=mitigation,
        title="Energieverbrauch kommunaler Gebäude senken", is_demo_content=True,
        sdg_goals=[SdgGoal.objects.get(code=7), SdgGoal.objects.get(code=13)],
    )
    goal_floods = goal_create(
        by=None, programme=programme, field_of_action=adaptation,
        title="Altstadt und Bevölkerung vor Hochwasser schützen", is_demo_content=True,
        sdg_goals=[SdgGoal.objects.get(code=11), SdgGoal.objects.get(code=13)],
    )
    exchange = measure_create(
        by=None, programme=programme, code="K1", field_of_action=mitigation, goals=[goal_buildings],
        title="Fachaustausch zur Energieeffizienz kommunaler Gebäude",
        status=MeasureStatus.IN_PROGRESS,
        lead_municipality=wernigerode, implementing_municipalities=[wernigerode, hoi_an],
        sdg_goals=[SdgGoal.objects.get(code=7)], is_demo_content=True,
    )
    progress_entry_create(
        by=None, measure=exchange, kind=ProgressKind.STEP, progress_percent=40,
        text=WH_EXCHANGE_PROGRESS,
    )
    early_warning = measure_create(
        by=None, programme=programme, code="A1", field_of_action=adaptation, goals=[goal_floods],
        title="Hochwasser-Frühwarnung für die Altstadt von Hội An",
        status=MeasureStatus.PLANNED, lead_municipality=hoi_an,
        implementing_municipalities=[hoi_an],
        sdg_goals=[SdgGoal.objects.get(code=11), SdgGoal.objects.get(code=13)],
        is_demo_content=True,
    )
    ceremony = event_create(
        partnership=partnership, by=None, kind=EventKind.AWARD_CEREMONY,
        title="Verleihung des Deutschen Nachhaltigkeitspreises 2018",
        start_date=date(2018, 12, 7), end_date=date(2018, 12, 7),
        place_name="Düsseldorf", country="DE", source=SOURCE_WH,
        description="Wernigerode und Hội An werden in der Kategorie „Kommunale "
                    "Partnerschaften“ ausgezeichnet.",
        **_located("duesseldorf"),
    )
    leipzig = event_create(
        partnership=partnership, by=None, kind=EventKind.CONFERENCE,
        title="Konferenz „Bildkorrekturen“ in Leipzig",
        place_name="Leipzig", country="DE", source=SOURCE_WH,
        participants_text="Katrin Anders, Mitarbeiterin der Stadt Wernigerode",
        description="Welche Maßnahmen wurden für den Klimaschutz ergriffen? Inwieweit können "
                    "auch kleine Kommunen einen Beitrag zum Klimaschutz leisten, und wie geht "
                    "es nach dem Gewinn des Nachhaltigkeitspreises weiter?",
        **_located("leipzig"),
    )
    trip = event_create(
        partnership=partnership, by=None, kind=EventKind.DELEGATION_TRIP,
        title="Delegationsreise aus Wernigerode nach Hội An", place_name="Hội An",
        country="VN", host_municipality=hoi_an, is_demo_content=True, **_located("hoi-an"),
    )
    _publish(partnership, programme, exchange, early_warning, ceremony, leipzig, trip)
    return partnership


# --- impact and money (demo figures) ----------------------------------------------------
#
# Neither document gives a figure for the measures, trips or money, so every number here
# is invented to show the balance and is marked: `is_demo_content` on the impact
# parameters, travel legs and rates, and a "Demo" note on the resource lines. Each step
# looks its objects up by natural key (partnership slug + measure code, event title,
# resource description) and adds only what is missing, so a database seeded before these
# steps existed gets them too, and a second run changes nothing.

DEMO_SOURCE = (
    "twinplan-Demo: erfundener Wert zur Veranschaulichung der Bilanz; die Quelldokumente "
    "nennen keine Zahlen"
)

DEMO_IMPACTS: list[tuple[str, str, str, str, dict[str, Any], str]] = [
    # (partnership, measure code, takes effect in, impact type, parameters, note)
    ("bersenbrueck-ruma", "P1", "ruma", ImpactTypeChoice.PHOTOVOLTAIC, {"capacity_kwp": 30},
     "Photovoltaikanlage mit 30 kWp auf dem Dach der Demo-Schule Ruma (erfunden)."),
    ("bersenbrueck-ruma", "P2", "bersenbrueck", ImpactTypeChoice.AWARENESS,
     {"people_reached": 250},
     "Besucherinnen und Besucher der Öffentlichkeitsveranstaltungen (erfunden)."),
    ("wernigerode-hoi-an", "K1", "wernigerode", ImpactTypeChoice.HEAT_SAVED,
     {"heat_saved_kwh_per_year": 120_000, "fuel": "natural_gas", "lifetime_years": 20},
     "Erdgas, das kommunale Gebäude in Wernigerode nach dem Fachaustausch weniger "
     "verbrauchen (erfunden)."),
    ("wernigerode-hoi-an", "A1", "hoi-an", ImpactTypeChoice.AWARENESS,
     {"people_reached": 3_000},
     "Einwohnerinnen und Einwohner der Altstadt, die die Hochwasser-Frühwarnung erreicht "
     "(erfunden)."),
]

DEMO_TRIPS: list[tuple[str, str, str, str, str, int]] = [
    # (partnership, event title, from, to, mode, persons); all return trips. The second
    # Bersenbrück–Ruma trip names no destination, so it gets none.
    ("wernigerode-hoi-an", "Delegationsreise aus Wernigerode nach Hội An", "wernigerode",
     "hoi-an", "flight", 3),
    ("bersenbrueck-ruma", "Erste Delegationsreise nach Ruma", "bersenbrueck", "ruma",
     "flight", 4),
]

DEMO_RESOURCES: list[tuple[str, str, dict[str, Any]]] = [
    # (partnership, measure code, the line's fields); "provided_by" names a place, "award"
    # and "funding_programme" (True) link the partnership's first award / its programme.
    ("bersenbrueck-ruma", "P1", {
        "kind": ResourceKind.MONEY, "planned_amount": Decimal("25000"), "currency": "EUR",
        "source_of_funds": FundingSource.FUNDING_PROGRAMME, "funding_programme": True,
        "provided_by": "bersenbrueck", "date": date(2018, 6, 1),
        "description": "Demo: Förderung der PV-Anlage (erfunden)"}),
    ("bersenbrueck-ruma", "P1", {
        "kind": ResourceKind.MONEY, "planned_amount": Decimal("1200000"),
        "spent_amount": Decimal("1200000"), "currency": "RSD",
        "source_of_funds": FundingSource.OWN_BUDGET, "provided_by": "ruma",
        "date": date(2018, 9, 1), "description": "Demo: Eigenanteil der Stadt Ruma (erfunden)"}),
    ("wernigerode-hoi-an", "K1", {
        "kind": ResourceKind.MONEY, "planned_amount": Decimal("30000"),
        "spent_amount": Decimal("12000"), "currency": "EUR",
        "source_of_funds": FundingSource.AWARD, "award": True, "provided_by": "wernigerode",
        "date": date(2019, 3, 1),
        "description": "Demo: Preisgeld für die Gebäudesanierung (erfunden)"}),
    ("wernigerode-hoi-an", "K1", {
        "kind": ResourceKind.STAFF_DAYS, "planned_amount": Decimal("8"),
        "spent_amount": Decimal("5"), "source_of_funds": FundingSource.OWN_BUDGET,
        "provided_by": "wernigerode", "value_amount": Decimal("3200"),
        "value_currency": "EUR",
        "valuation": "8 Personentage × 400 EUR, kommunaler Tarif 2024 (erfunden)",
        "date": date(2019, 3, 1),
        "description": "Demo: Arbeitszeit der Bauverwaltung (erfunden)"}),
    ("wernigerode-hoi-an", "A1", {
        "kind": ResourceKind.MONEY, "planned_amount": Decimal("150000000"), "currency": "VND",
        "source_of_funds": FundingSource.OWN_BUDGET, "provided_by": "hoi-an",
        "date": date(2019, 3, 1),
        "description": "Demo: Eigenmittel für die Frühwarnanlage (erfunden)"}),
]


DEMO_INDICATOR = "Wärmeverbrauch der kommunalen Gebäude in Wernigerode"


def _demo_measure(slug: str, code: str) -> Measure | None:
    return Measure.objects.filter(programme__partnership__slug=slug, code=code).first()


def _demo_place(prefix: str, key: str) -> dict[str, Any]:
    return travel_place(prefix, place_by_geonameid(GEONAMES[key]))


@transaction.atomic
def impact_demo(places: dict[str, Municipality]) -> None:
    """Demo exchange rates, impact parameters, travel legs, an indicator and money, where
    missing."""
    rates = resources.files("twinplan.money").joinpath("data", "demo_rates.csv")
    # Through the loader of `./manage.py load_rates`; rates already stored for a day and
    # pair (say, real ones) are kept.
    exchange_rates_load(text=rates.read_text(encoding="utf-8"), is_demo_content=True,
                        keep_existing=True)
    for slug, code, place, impact_type, parameters, note in DEMO_IMPACTS:
        measure = _demo_measure(slug, code)
        if measure is None or ImpactEstimate.objects.filter(measure=measure).exists():
            continue
        measure_impact_set(
            measure=measure, by=None, impact_type=impact_type, parameters=parameters,
            municipality=places[place], parameters_source=DEMO_SOURCE,
            parameters_year=SEED_YEAR, note=note, is_demo_content=True,
        )
    for slug, title, origin, destination, mode, persons in DEMO_TRIPS:
        event = Event.objects.filter(partnership__slug=slug, title=title).first()
        if event is None or event.travel_legs.exists():
            continue
        travel_leg_create(
            event=event, by=None, **_demo_place("origin", origin),
            **_demo_place("destination", destination), mode=mode, persons=persons,
            return_trip=True, source=DEMO_SOURCE, is_demo_content=True,
        )
    heat = _demo_measure("wernigerode-hoi-an", "K1")
    if heat is not None and not heat.indicators.filter(name=DEMO_INDICATOR).exists():
        indicator = indicator_create(
            by=None, measure=heat, name=DEMO_INDICATOR, unit="MWh/a", ascending=False,
            baseline_value=Decimal("1450"), baseline_year=SEED_YEAR,
            baseline_source=DEMO_SOURCE, target_value=Decimal("1200"), target_year=2025,
            target_source=DEMO_SOURCE, original_language="de", is_demo_content=True,
        )
        indicator_value_create(by=None, indicator=indicator, date=date(2020, 12, 31),
                               value=Decimal("1380"), source=DEMO_SOURCE)
    for slug, code, line in DEMO_RESOURCES:
        measure = _demo_measure(slug, code)
        if measure is None or measure.resources.filter(description=line["description"]).exists():
            continue
        fields = dict(line, provided_by=places[line["provided_by"]])
        partnership = measure.programme.partnership
        if fields.pop("award", False):
            fields["award"] = partnership.awards.order_by("awarded_on", "pk").first()
        if fields.pop("funding_programme", False):
            fields["funding_programme"] = partnership.funding_programme
        resource_create(measure=measure, by=None, **fields)


# --- users -----------------------------------------------------------------------------


def _user(username: str, **fields: Any) -> User:
    existing = User.objects.filter(username=username).first()
    return existing or user_create(
        username=username, email=f"{username}@example.org", password=DEMO_PASSWORD, **fields
    )


def demo_users(places: dict[str, Municipality]) -> list[DemoLogin]:
    """One user per role; roles are granted only where missing."""
    _user("admin", display_name="Network admin (demo)", is_superuser=True, language="en")
    programme_user = _user("programme", display_name="Programme coordinator (demo)")
    for funding in FundingProgramme.objects.all():
        if not funding.coordinators.filter(user=programme_user).exists():
            programme_coordinator_grant(user=programme_user, funding_programme=funding)
    coordinators = [
        ("wernigerode", "wernigerode-hoi-an", "wernigerode", "de", "Europe/Berlin"),
        ("hoian", "wernigerode-hoi-an", "hoi-an", "vi", "Asia/Ho_Chi_Minh"),
        ("bersenbrueck", "bersenbrueck-ruma", "bersenbrueck", "de", "Europe/Berlin"),
        ("ruma", "bersenbrueck-ruma", "ruma", "sr-latn", "Europe/Belgrade"),
    ]
    logins = [DemoLogin("admin", "network admin"),
              DemoLogin("programme", "programme coordinator (both funding programmes)")]
    for username, slug, place, language, tz in coordinators:
        partnership = Partnership.objects.get(slug=slug)
        user = _user(username, display_name=f"Coordinator {places[place].name} (demo)",
                     language=language, time_zone=tz)
        if not partnership.roles.filter(user=user).exists():
            role_grant(user=user, partnership=partnership, role=RoleKind.COORDINATOR,
                       municipality=places[place])
        logins.append(DemoLogin(username, f"coordinator for {places[place].name} in {slug}"))
    school_user = _user("school", display_name="Demo school Ruma (demo)", language="sr-latn",
                        time_zone="Europe/Belgrade")
    partnership = Partnership.objects.get(slug="bersenbrueck-ruma")
    if not partnership.roles.filter(user=school_user).exists():
        role_grant(user=school_user, partnership=partnership, role=RoleKind.CONTRIBUTOR,
                   organisation=Organisation.objects.get(name="Demo-Schule Ruma"))
    logins.append(DemoLogin("school", "contributor (Demo-Schule Ruma) in bersenbrueck-ruma"))
    _user("outsider", display_name="Outsider (demo)")
    logins.append(DemoLogin("outsider", "a user without any role"))
    return logins


def glossary_seed() -> None:
    """Global glossary terms: "Nachhaltigkeit" and "Ressource" as the article defines them,
    "Handlungsprogramm" paraphrased (demo/glossary.py)."""
    glossary_terms_seed(source=SOURCE_WH)


def seed_demo() -> list[DemoLogin]:
    """Create whatever of the demo data is missing; returns the demo logins."""
    sdgs_sync(SdgGoal, SdgTarget)  # the data migration loads them; a flushed database not
    places = municipalities()
    bersenbrueck_ruma(places)
    wernigerode_hoi_an(places)
    impact_demo(places)
    adaptation_demo(places)
    glossary_seed()
    media_demo()  # placeholder pictures, drawn (demo/media.py)
    process_demo()
    logins = demo_users(places)
    demo_translations_apply()  # en, sr, vi of every German demo text, where missing
    index_rebuild()  # the full-text search over what is published now
    return logins
