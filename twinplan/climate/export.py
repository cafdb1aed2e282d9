"""The impact report as plain data (for `./manage.py impact --format json`) and as text.

The keys are documented in docs/impact-json.md and stay stable: add keys, never rename
or remove one without raising `SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from twinplan import impact
from twinplan.climate.selectors import (
    ACHIEVED_STATUSES,
    PLANNED_STATUSES,
    FactorLine,
    ImpactReport,
    MeasureLine,
    MunicipalityLine,
    TripLine,
)
from twinplan.money.selectors import MoneyReport, MoneyRow

SCHEMA = "twinplan.impact-report/1"


def _factor(factor: impact.Factor) -> dict[str, Any]:
    return {
        "key": factor.key,
        "value": factor.value,
        "unit": factor.unit,
        "low": factor.low,
        "high": factor.high,
        "source": factor.source,
        "edition_year": factor.edition_year,
        "licence": factor.licence,
        "url": factor.url,
        "note": factor.note,
        "verified": factor.verified,
        "is_override": factor.is_override,
    }


def _reduction(reduction: impact.Reduction) -> dict[str, Any]:
    return {
        "co2e_t_per_year": reduction.t_per_year,
        "co2e_t_per_year_low": reduction.t_per_year_low,
        "co2e_t_per_year_high": reduction.t_per_year_high,
        "co2e_t_lifetime": reduction.t_lifetime,
        "people_reached": reduction.people_reached,
    }


def _measure(line: MeasureLine) -> dict[str, Any]:
    row, result = line.impact_row, line.result
    return {
        "id": line.measure.pk,
        "code": line.measure.code,
        "title": line.measure.title,
        "status": line.measure.status,
        "balance_status": line.balance_status.value,
        "counts_as_planned": line.counts_as_planned,
        "counts_as_achieved": line.counts_as_achieved,
        "municipality": row.municipality.slug,
        "impact_type": row.impact_type,
        "inputs": dict(row.parameters),
        "inputs_source": row.parameters_source,
        "inputs_year": row.parameters_year,
        "is_demo_content": row.is_demo_content or line.measure.is_demo_content,
        "error": line.error,
        "result": None if result is None else {
            "co2e_t_per_year": result.co2e_t_per_year,
            "co2e_t_per_year_low": result.co2e_t_per_year_low,
            "co2e_t_per_year_high": result.co2e_t_per_year_high,
            "lifetime_years": result.lifetime_years,
            "co2e_t_lifetime": result.co2e_t_lifetime,
            "co2e_t_lifetime_low": result.co2e_t_lifetime_low,
            "co2e_t_lifetime_high": result.co2e_t_lifetime_high,
            "people_reached": result.people_reached,
            "energy_saved_kwh_per_year": result.energy_saved_kwh_per_year,
            "renewable_energy_kwh_per_year": result.renewable_energy_kwh_per_year,
            "explanation": result.explanation,
            "factor_set_version": result.factor_set_version,
        },
        "factors": [] if result is None else [_factor(f) for f in result.factors_used],
    }


def _place(name: str, latitude: float, longitude: float, source: str) -> dict[str, Any]:
    return {"name": name, "latitude_deg": latitude, "longitude_deg": longitude, "source": source}


def _trip(line: TripLine) -> dict[str, Any]:
    leg, result = line.leg, line.result
    return {
        "id": leg.pk,
        "event": {
            "id": leg.event.pk,
            "title": leg.event.title,
            "start_date": leg.event.start_date.isoformat() if leg.event.start_date else None,
        },
        "origin": _place(leg.origin_name, leg.origin_latitude, leg.origin_longitude,
                         leg.origin_source),
        "destination": _place(leg.destination_name, leg.destination_latitude,
                              leg.destination_longitude, leg.destination_source),
        "inputs": {
            "mode": leg.mode,
            "persons": leg.persons,
            "return_trip": leg.return_trip,
            "route_distance_km": leg.route_distance_km,
            "cars": leg.cars,
            "radiative_forcing": leg.radiative_forcing,
        },
        "inputs_source": leg.source,
        "is_demo_content": leg.is_demo_content,
        "error": line.error,
        "result": None if result is None else {
            "geodesic_distance_km": result.geodesic_distance_km,
            "distance_one_way_km": result.distance_one_way_km,
            "legs": result.legs,
            "cars": result.cars,
            "flight_band": result.flight_band.value if result.flight_band else None,
            "radiative_forcing": result.radiative_forcing,
            "activity": result.activity,
            "activity_unit": result.activity_unit,
            "co2e_t": result.co2e_t,
            "explanation": result.explanation,
            "factor_set_version": result.factor_set_version,
        },
        "factors": [] if result is None else [_factor(f) for f in result.factors_used],
    }


def _municipality(line: MunicipalityLine) -> dict[str, Any]:
    m, emissions, share = line.municipality, line.emissions, line.share
    return {
        "slug": m.slug,
        "name": m.name,
        "country": m.country,
        "inputs": {
            "population": m.population,
            "population_year": m.population_year,
            "population_source": m.population_source,
            "inventory": None if line.inventory is None else {
                "total_co2e_t_per_year": float(line.inventory.total_co2e_t_per_year),
                "year": line.inventory.year,
                "method": line.inventory.method,
                "source": line.inventory.source,
                "is_demo_content": line.inventory.is_demo_content,
            },
        },
        "error": line.error,
        "emissions": None if emissions is None else {
            "co2e_t_per_year": emissions.co2e_t_per_year,
            "year": emissions.year,
            "method": emissions.method,
            "source": emissions.source,
            "is_estimate": emissions.is_estimate,
            "explanation": emissions.explanation,
            "factor_set_version": emissions.factor_set_version,
        },
        "factors": [] if emissions is None else [_factor(f) for f in emissions.factors_used],
        "reduction_planned": None if share is None else _reduction(share.planned),
        "reduction_achieved": None if share is None else _reduction(share.achieved),
        "share_planned": None if share is None else share.share_planned,
        "share_achieved": None if share is None else share.share_achieved,
    }


def _amounts(amounts: Mapping[str, impact.PlannedSpent]) -> dict[str, Any]:
    return {
        currency: {"planned": str(value.planned), "spent": str(value.spent)}
        for currency, value in amounts.items()
    }


def _rows(rows: list[MoneyRow]) -> list[dict[str, Any]]:
    return [{"key": row.key, "label": row.label, "amounts": _amounts(row.amounts)}
            for row in rows]


def _money(money: MoneyReport) -> dict[str, Any]:
    return {
        "currencies": list(money.currencies),
        "wanted_currencies": list(money.wanted_currencies),
        "line_count": money.line_count,
        "error": money.error,
        "total": None if money.total is None else _amounts(money.total),
        "by_measure": _rows(money.by_measure),
        "by_partner": _rows(money.by_partner),
        "by_source_of_funds": _rows(money.by_source_of_funds),
        "rates_used": [
            {
                "date": rate.date.isoformat(),
                "base": rate.base,
                "quote": rate.quote,
                "rate": f"{Decimal(rate.rate).normalize():f}",
                "source": rate.source,
                "is_demo_content": rate.is_demo_content,
            }
            for rate in money.rates_used
        ],
    }


def _factor_line(line: FactorLine) -> dict[str, Any]:
    return {
        **_factor(line.factor),
        "default": None if line.default is None else _factor(line.default),
        "used_by": list(line.used_by),
    }


def report_as_data(report: ImpactReport) -> dict[str, Any]:
    """The report as JSON-ready data; money amounts are decimal strings, tonnes floats."""
    b = report.balance
    return {
        "schema": SCHEMA,
        "partnership": {"slug": report.partnership.slug, "title": report.partnership.title},
        "programme": None if report.programme is None else {
            "id": report.programme.pk,
            "title": report.programme.title,
            "edition": report.programme.edition,
        },
        "scope": report.scope,
        "today": report.today.isoformat(),
        "factor_set_version": report.factor_set_version,
        "factor_set_versions": list(b.factor_set_versions),
        "statuses": {"planned": list(PLANNED_STATUSES), "achieved": list(ACHIEVED_STATUSES)},
        "balance": {
            "reduction_planned": _reduction(b.planned),
            "reduction_achieved": _reduction(b.achieved),
            "by_status": {row.status: _reduction(row.reduction) for row in report.by_status},
            "travel_co2e_t": b.travel_co2e_t,
            "net_planned_co2e_t_lifetime": b.net_planned_t_lifetime,
            "net_achieved_co2e_t_lifetime": b.net_achieved_t_lifetime,
            "years_to_offset_travel_planned": b.years_to_offset_travel_planned,
            "years_to_offset_travel_achieved": b.years_to_offset_travel_achieved,
        },
        "municipalities": [_municipality(line) for line in report.municipalities],
        "measures": [_measure(line) for line in report.measures],
        "measures_without_impact": [
            {"id": m.pk, "code": m.code, "title": m.title, "status": m.status}
            for m in report.measures_without_impact
        ],
        "trips": [_trip(line) for line in report.trips],
        "factors": [_factor_line(line) for line in report.factors],
        "money": None if report.money is None else _money(report.money),
        "issues": list(report.issues),
    }


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:,.4g} {unit}".rstrip() if abs(value) < 1000 else f"{value:,.0f} {unit}".rstrip()


def report_as_text(report: ImpactReport) -> str:
    """The report for a terminal: the balance, then every line with its inputs, the
    arithmetic and the factors (with source, edition and whether they were checked)."""
    data = report_as_data(report)
    b = report.balance
    out = [
        f"Impact balance: {report.partnership.title} ({report.partnership.slug})",
        f"scope: {report.scope} content; factor set {report.factor_set_version}; "
        f"today {report.today.isoformat()}",
        "planned = statuses " + ", ".join(PLANNED_STATUSES)
        + "; achieved = " + ", ".join(ACHIEVED_STATUSES),
        "",
        "BALANCE",
        f"  reduction planned   {_num(b.planned.t_per_year, 't CO2e/a')} "
        f"(range {_num(b.planned.t_per_year_low)} to {_num(b.planned.t_per_year_high)}); "
        f"lifetime {_num(b.planned.t_lifetime, 't CO2e')}",
        f"  reduction achieved  {_num(b.achieved.t_per_year, 't CO2e/a')} "
        f"(range {_num(b.achieved.t_per_year_low)} to {_num(b.achieved.t_per_year_high)}); "
        f"lifetime {_num(b.achieved.t_lifetime, 't CO2e')}",
        f"  travel emitted      {_num(b.travel_co2e_t, 't CO2e')}",
        f"  net over lifetime   planned {_num(b.net_planned_t_lifetime, 't CO2e')}, "
        f"achieved {_num(b.net_achieved_t_lifetime, 't CO2e')}",
        f"  years to offset travel: planned {_num(b.years_to_offset_travel_planned)}, "
        f"achieved {_num(b.years_to_offset_travel_achieved)}",
        f"  people reached      {b.planned.people_reached} (planned), "
        f"{b.achieved.people_reached} (achieved)",
    ]
    for row in report.by_status:
        out.append(f"  status {row.status:<13} {_num(row.reduction.t_per_year, 't CO2e/a')}")

    def factors(items: list[dict[str, Any]]) -> list[str]:
        return [
            f"      factor {f['key']} = {f['value']:g} {f['unit']}"
            + (f" [{f['low']:g}-{f['high']:g}]" if f["low"] is not None
               and f["high"] is not None else "")
            + f"; {f['source']}, {f['edition_year']}; {f['licence']}"
            + ("; OVERRIDE by the partnership" if f["is_override"] else "; default")
            + ("" if f["verified"] else "; NOT VERIFIED")
            for f in items
        ]

    out += ["", "MUNICIPALITIES"]
    for m in data["municipalities"]:
        out.append(f"  {m['name']} ({m['slug']})")
        if m["error"]:
            out.append(f"    ERROR: {m['error']}")
            continue
        out.append(f"    {m['emissions']['explanation']}")
        out.append(f"    source: {m['emissions']['source']}")
        out.append(f"    share planned {_share(m['share_planned'])}, "
                   f"achieved {_share(m['share_achieved'])}")
        out += factors(m["factors"])
    out += ["", "MEASURES"]
    for m in data["measures"]:
        out.append(f"  {m['code']} {m['title']} [{m['status']}] in {m['municipality']}: "
                   f"{m['impact_type']}{' (demo)' if m['is_demo_content'] else ''}")
        out.append("    inputs: " + ", ".join(f"{k}={v}" for k, v in m["inputs"].items())
                   + f" (source: {m['inputs_source']}, {m['inputs_year']})")
        if m["error"]:
            out.append(f"    ERROR: {m['error']}")
            continue
        out.append(f"    {m['result']['explanation']}")
        if m["result"]["co2e_t_lifetime"] is not None:
            out.append(f"    over {m['result']['lifetime_years']:g} years: "
                       f"{_num(m['result']['co2e_t_lifetime'], 't CO2e')}")
        out += factors(m["factors"])
    for m in data["measures_without_impact"]:
        out.append(f"  {m['code']} {m['title']} [{m['status']}]: no impact parameters")
    out += ["", "TRAVEL"]
    for t in data["trips"]:
        out.append(f"  {t['event']['title']}: {t['origin']['name']} -> "
                   f"{t['destination']['name']}, {t['inputs']['mode']}, "
                   f"{t['inputs']['persons']} person(s), "
                   f"{'return' if t['inputs']['return_trip'] else 'one way'}"
                   f"{' (demo)' if t['is_demo_content'] else ''}")
        if t["error"]:
            out.append(f"    ERROR: {t['error']}")
            continue
        out.append(f"    {t['result']['explanation']}")
        out += factors(t["factors"])
    if report.money is not None:
        out += ["", "MONEY"]
        money = data["money"]
        if money["error"]:
            out.append(f"  NOTE: {money['error']}")
        if money["total"]:
            for currency, amounts in money["total"].items():
                out.append(f"  total {currency}: planned {amounts['planned']}, "
                           f"spent {amounts['spent']}")
            for name in ("by_partner", "by_source_of_funds", "by_measure"):
                for row in money[name]:
                    out.append(f"  {name.removeprefix('by_')} {row['label']}: " + "; ".join(
                        f"{c} {a['planned']} planned / {a['spent']} spent"
                        for c, a in row["amounts"].items()
                    ))
        for rate in money["rates_used"]:
            out.append(f"  rate {rate['date']}: 1 {rate['base']} = {rate['rate']} "
                       f"{rate['quote']} ({rate['source']})"
                       f"{' (demo)' if rate['is_demo_content'] else ''}")
    for issue in report.issues:
        out.append(f"NOTE: {issue}")
    return "\n".join(out) + "\n"


def _share(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.4g} %"
