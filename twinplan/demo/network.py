"""A large generated network for measuring speed (`./manage.py generate_network`,
docs/performance.md): towns in many countries, partnerships of two towns each with a
published programme, measures with money, impact estimates and translations, events and
indicators with years of values.

Everything is invented and marked so: slugs start with `gen-`, every kind with a demo
flag has it set, titles say "(generated)". The data depend only on the seed
(`random.Random(seed)`; dates count from a fixed day, never from the clock), so two runs
with the same seed and sizes give the same rows.

The few objects of each partnership (the towns, the partnership, its programme, fields
and goals) are written through their services; the many (measures, resources, impact
estimates, events, indicators and their values) through `core.bulk.objects_insert_bulk`,
which validates each object as the services' `object_insert` does and writes the
history in bulk. Impact parameters are completed and checked by the climate service's
own functions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from twinplan.accounts.services import user_create
from twinplan.climate.models import ImpactEstimate
from twinplan.climate.parameters import ImpactTypeChoice
from twinplan.climate.selectors import partnership_factor_set
from twinplan.climate.services import impact_parameters_completed, impact_parameters_errors
from twinplan.core.bulk import links_insert_bulk, objects_insert_bulk
from twinplan.core.pagecache import public_generation_bump
from twinplan.core.translation import TranslationStatus, fingerprint
from twinplan.events.models import Event, EventKind
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import FundingSource, Resource, ResourceKind
from twinplan.municipalities.models import Municipality, MunicipalityKind
from twinplan.municipalities.services import municipality_create
from twinplan.partnerships.models import Partnership, PartnershipKind, RoleKind
from twinplan.partnerships.services import partnership_create, partnership_publish, role_grant
from twinplan.programmes.models import Measure, MeasureStatus, ProgrammeStatus
from twinplan.programmes.services import (
    field_of_action_create,
    goal_create,
    programme_create,
    programme_publish,
)
from twinplan.reference.models import SdgGoal

PREFIX = "gen-"
SOURCE = "Generated test data (twinplan generate_network), not a real figure"
# The fixed day everything counts from (never the clock: the data depend on the seed only).
EPOCH = date(2024, 1, 1)
PUBLISHED_AT = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)

# (country, currency, working language among the built-in content languages); 60
# countries.
COUNTRIES: list[tuple[str, str, str]] = [
    ("DE", "EUR", "de"), ("AT", "EUR", "de"), ("CH", "CHF", "de"), ("FR", "EUR", "en"),
    ("BE", "EUR", "en"), ("NL", "EUR", "en"), ("LU", "EUR", "en"), ("IT", "EUR", "en"),
    ("ES", "EUR", "en"), ("PT", "EUR", "en"), ("PL", "PLN", "en"), ("CZ", "CZK", "en"),
    ("SK", "EUR", "en"), ("HU", "HUF", "en"), ("SI", "EUR", "en"), ("HR", "EUR", "en"),
    ("RS", "RSD", "sr"), ("BA", "BAM", "sr"), ("ME", "EUR", "sr"), ("MK", "MKD", "en"),
    ("AL", "ALL", "en"), ("GR", "EUR", "en"), ("BG", "BGN", "en"), ("RO", "RON", "en"),
    ("MD", "MDL", "en"), ("UA", "UAH", "en"), ("GE", "GEL", "en"), ("AM", "AMD", "en"),
    ("TR", "TRY", "en"), ("DK", "DKK", "en"), ("SE", "SEK", "en"), ("NO", "NOK", "en"),
    ("FI", "EUR", "en"), ("EE", "EUR", "en"), ("LV", "EUR", "en"), ("LT", "EUR", "en"),
    ("VN", "VND", "vi"), ("TH", "THB", "en"), ("KH", "KHR", "en"), ("LA", "LAK", "en"),
    ("ID", "IDR", "en"), ("PH", "PHP", "en"), ("IN", "INR", "en"), ("BD", "BDT", "en"),
    ("NP", "NPR", "en"), ("LK", "LKR", "en"), ("MN", "MNT", "en"), ("GH", "GHS", "en"),
    ("NG", "NGN", "en"), ("KE", "KES", "en"), ("TZ", "TZS", "en"), ("UG", "UGX", "en"),
    ("RW", "RWF", "en"), ("ZA", "ZAR", "en"), ("NA", "NAD", "en"), ("MZ", "MZN", "en"),
    ("BR", "BRL", "en"), ("PE", "PEN", "en"), ("NI", "NIO", "en"), ("MX", "MXN", "en"),
]
SYLLABLES = ["ka", "lo", "mi", "ra", "sen", "tu", "vel", "bor", "an", "dro", "el", "fi",
             "gor", "hel", "is", "jan", "ko", "lin", "mar", "nor", "os", "pel", "ru", "sta"]
MEASURE_WORDS = ["Solar roofs", "Heat pumps", "Cycle lanes", "Tree planting", "LED lighting",
                 "Energy audits", "School gardens", "Rainwater tanks", "Bus routes",
                 "Insulation", "Composting", "Flood warning", "Repair café", "Mini-grids"]
PLACES = ["schools", "the town hall", "the market", "the harbour", "the old town",
          "sports halls", "kindergartens", "the hospital", "the library", "the river banks"]


@dataclass(frozen=True)
class Sizes:
    partnerships: int = 500
    towns_per_partnership: int = 2
    measures_per_partnership: int = 50
    events_per_partnership: int = 10
    indicators_per_partnership: int = 5
    values_per_indicator: int = 100
    countries: int = 60
    # Measures of the first partnership (gen-1) when it should differ from the others: the
    # bench gives gen-1 200 measures in the small and the large network alike, so its page
    # rows are those of "a 200-measure partnership" and growth is the network's size only.
    first_partnership_measures: int | None = None

    def measures_of(self, number: int) -> int:
        if number == 0 and self.first_partnership_measures is not None:
            return self.first_partnership_measures
        return self.measures_per_partnership

    @property
    def municipalities(self) -> int:
        return self.partnerships * self.towns_per_partnership


@dataclass(frozen=True)
class Generated:
    municipalities: int
    partnerships: int
    measures: int
    resources: int
    impact_estimates: int
    events: int
    indicators: int
    indicator_values: int
    coordinators: int


class AlreadyGenerated(Exception):
    """The database holds a generated network already (slugs starting with `gen-`)."""


def network_exists() -> bool:
    return Partnership.objects.filter(slug__startswith=PREFIX).exists()


def coordinator_username(number: int) -> str:
    """The coordinator account of partnership gen-<number> (numbered from 1): one per
    partnership, without a password (sign in with `Client.force_login`, or set one with
    `./manage.py changepassword`)."""
    return f"{PREFIX}coordinator-{number}"


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _municipalities(rng: random.Random, sizes: Sizes) -> list[Municipality]:
    countries = COUNTRIES[: max(1, min(sizes.countries, len(COUNTRIES)))]
    towns: list[Municipality] = []
    # municipality_create refuses a second town of the same name in a country: a name
    # drawn again is drawn anew (2–3 of 24 syllables collide now and then at 1,000 towns).
    used: set[tuple[str, str]] = set()
    for number in range(sizes.municipalities):
        country, currency, language = countries[number % len(countries)]
        name = f"{_name(rng)} (generated)"
        while (name.casefold(), country) in used:
            name = f"{_name(rng)} (generated)"
        used.add((name.casefold(), country))
        towns.append(municipality_create(
            by=None, slug=f"{PREFIX}town-{number + 1}", name=name,
            kind=rng.choice(MunicipalityKind.values), country=country, currency=currency,
            working_languages=[language], original_language="en",
            population=rng.randint(2_000, 900_000), population_year=2023,
            population_source=SOURCE,
            latitude=round(rng.uniform(-40, 65), 5), longitude=round(rng.uniform(-100, 140), 5),
            location_source=SOURCE,
        ))
    return towns


def _translations(rng: random.Random, texts: dict[str, str], language: str) -> dict[str, Any]:
    """Translations of `texts` into `language` as `core.services.translations_set` stores
    them (one in five left out, to show missing translations)."""
    if rng.random() < 0.2:
        return {}
    return {language: {
        field: {"text": f"[{language}] {text}", "status": TranslationStatus.MACHINE,
                "source_fingerprint": fingerprint(text)}
        for field, text in texts.items()
    }}


def _impact(rng: random.Random, number: int) -> tuple[str, dict[str, object]]:
    match number % 4:
        case 0:
            return ImpactTypeChoice.PHOTOVOLTAIC, {"capacity_kwp": rng.randint(5, 400)}
        case 1:
            return ImpactTypeChoice.HEAT_SAVED, {
                "heat_saved_kwh_per_year": rng.randint(5_000, 500_000),
                "fuel": "natural_gas", "lifetime_years": 20,
            }
        case 2:
            return ImpactTypeChoice.TREES_PLANTED, {"tree_count": rng.randint(50, 5_000),
                                                    "lifetime_years": 30}
        case _:
            return ImpactTypeChoice.AWARENESS, {"people_reached": rng.randint(50, 20_000)}


def _partnership(rng: random.Random, number: int, towns: list[Municipality], sizes: Sizes,
                 sdgs: list[SdgGoal]) -> dict[str, int]:
    partner_language = towns[-1].working_languages[0]
    if partner_language == "en":
        partner_language = rng.choice(["de", "sr", "vi"])
    partnership = partnership_create(
        by=None, slug=f"{PREFIX}{number + 1}",
        title=" – ".join(town.name.removesuffix(" (generated)") for town in towns)
        + " (generated)",
        kind=rng.choice(PartnershipKind.values), municipalities=towns,
        working_languages=["en"], original_language="en",
        summary="A generated partnership for speed measurements; nothing here is real.",
    )
    programme = programme_create(by=None, partnership=partnership,
                                 title="Action programme (generated)",
                                 status=ProgrammeStatus.IMPLEMENTATION, is_demo_content=True)
    fields = [field_of_action_create(by=None, programme=programme, title=title,
                                     is_demo_content=True)
              for title in ("Mitigation", "Adaptation", "Education")]
    goals = [goal_create(by=None, programme=programme, field_of_action=fields[i % 3],
                         title=f"Goal {i + 1} (generated)", is_demo_content=True)
             for i in range(5)]
    measures = []
    coordinator = user_create(username=coordinator_username(number + 1),
                              email=f"{PREFIX}coordinator-{number + 1}@example.invalid",
                              password=None,
                              display_name=f"Coordinator {number + 1} (generated)")
    role_grant(user=coordinator, partnership=partnership, role=RoleKind.COORDINATOR,
               municipality=towns[0])
    for i in range(sizes.measures_of(number)):
        title = f"{rng.choice(MEASURE_WORDS)} for {rng.choice(PLACES)} (generated {i + 1})"
        summary = "Generated measure for speed measurements."
        start = EPOCH + timedelta(days=rng.randint(0, 700))
        measures.append(Measure(
            programme=programme, field_of_action=fields[i % 3], code=f"M{i + 1}",
            title=title, summary=summary, original_language="en",
            translations=_translations(rng, {"title": title, "summary": summary},
                                       partner_language),
            status=rng.choice(MeasureStatus.values), weight=rng.randint(1, 10),
            planned_start=start, planned_end=start + timedelta(days=rng.randint(30, 900)),
            lead_municipality=towns[i % len(towns)], is_demo_content=True,
            is_published=True, published_at=PUBLISHED_AT,
        ))
    objects_insert_bulk(measures, by=None, scope=partnership)
    through = Measure.goals.through
    links_insert_bulk(through, [
        {"measure_id": m.pk, "goal_id": goals[i % 5].pk} for i, m in enumerate(measures)
    ])
    links_insert_bulk(Measure.sdg_goals.through, [
        {"measure_id": m.pk, "sdggoal_id": sdgs[(number + i) % len(sdgs)].pk}
        for i, m in enumerate(measures)
    ] if sdgs else [])
    resources = []
    for i, measure in enumerate(measures):
        town = towns[i % len(towns)]
        planned = Decimal(rng.randint(1_000, 250_000))
        resources.append(Resource(
            measure=measure, kind=ResourceKind.MONEY, planned_amount=planned,
            spent_amount=(planned * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("1")),
            currency=town.currency, source_of_funds=FundingSource.OWN_BUDGET,
            provided_by=town, date=EPOCH + timedelta(days=rng.randint(0, 700)),
            description="Own budget (generated)", original_language="en",
        ))
    objects_insert_bulk(resources, by=None, scope=partnership)
    factors = partnership_factor_set(partnership)
    estimates = []
    for i, measure in enumerate(measures):
        town = towns[i % len(towns)]
        impact_type, raw = _impact(rng, number + i)
        parameters = impact_parameters_completed(impact_type=impact_type, parameters=raw,
                                                 municipality=town, factors=factors)
        errors = impact_parameters_errors(impact_type=impact_type, parameters=parameters,
                                          factors=factors)
        if errors:
            raise ValueError(f"Generated impact parameters refused: {errors}")
        estimates.append(ImpactEstimate(
            measure=measure, impact_type=impact_type, parameters=parameters,
            municipality=town, parameters_source=SOURCE, parameters_year=2024,
            is_demo_content=True,
        ))
    # ImpactEstimate.clean asks the database, per object, whether the town is a member of
    # the measure's partnership; they are the towns of this partnership by construction.
    objects_insert_bulk(estimates, by=None, scope=partnership, model_clean=False)
    events = []
    for i in range(sizes.events_per_partnership):
        start = EPOCH + timedelta(days=rng.randint(0, 900))
        title = f"{rng.choice(EventKind.labels)} {i + 1} (generated)"
        host = towns[i % len(towns)]
        events.append(Event(
            partnership=partnership, kind=rng.choice(EventKind.values), title=str(title),
            start_date=start, end_date=start + timedelta(days=rng.randint(0, 4)),
            place_name=host.name, country=host.country, host_municipality=host,
            original_language="en", source=SOURCE, is_demo_content=True,
            is_published=True, published_at=PUBLISHED_AT,
        ))
    objects_insert_bulk(events, by=None, scope=partnership)
    indicators = []
    for i in range(sizes.indicators_per_partnership):
        indicators.append(Indicator(
            measure=measures[i % len(measures)] if measures else None,
            goal=None if measures else goals[i % 5],
            name=f"Indicator {i + 1} (generated)", unit="kWh", original_language="en",
            baseline_value=Decimal(rng.randint(100, 10_000)), baseline_year=2023,
            baseline_source=SOURCE, is_demo_content=True,
        ))
    objects_insert_bulk(indicators, by=None, scope=partnership)
    values = []
    for indicator in indicators:
        level = float(indicator.baseline_value or 0)
        for k in range(sizes.values_per_indicator):
            level = max(0.0, level * rng.uniform(0.97, 1.04))
            values.append(IndicatorValue(
                indicator=indicator, date=EPOCH + timedelta(days=7 * k),
                value=Decimal(f"{level:.2f}"), source=SOURCE,
            ))
    objects_insert_bulk(values, by=None, scope=partnership, batch_size=2000)
    programme_publish(programme, by=None)
    partnership_publish(partnership, by=None)
    return {"measures": len(measures), "resources": len(resources),
            "impact_estimates": len(estimates), "events": len(events),
            "indicators": len(indicators), "indicator_values": len(values),
            "coordinators": 1}


def generate_network(*, sizes: Sizes, seed: int, progress: Any = None) -> Generated:
    """Build the network; refused (AlreadyGenerated) when one exists already. Each
    partnership is written in one transaction."""
    if network_exists():
        raise AlreadyGenerated(
            "A generated network is in this database already (slugs starting with "
            f"“{PREFIX}”); use another database or delete it first."
        )
    rng = random.Random(seed)  # noqa: S311 - invented data, deterministic on purpose
    sdgs = list(SdgGoal.objects.order_by("code"))
    with transaction.atomic():
        towns = _municipalities(rng, sizes)
    totals = {"measures": 0, "resources": 0, "impact_estimates": 0, "events": 0,
              "indicators": 0, "indicator_values": 0, "coordinators": 0}
    per = sizes.towns_per_partnership
    for number in range(sizes.partnerships):
        with transaction.atomic():
            counts = _partnership(rng, number, towns[number * per:(number + 1) * per], sizes,
                                  sdgs)
        for key, value in counts.items():
            totals[key] += value
        if progress is not None:
            progress(number + 1, sizes.partnerships)
    public_generation_bump()
    return Generated(municipalities=len(towns), partnerships=sizes.partnerships, **totals)
