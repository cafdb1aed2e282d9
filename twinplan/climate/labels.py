"""What visitors read instead of the calculation package's keys and English lines: a name
for each factor key (`pv.yield.SRB` → "Photovoltaic yield, Serbia"), names for the coded
values of the inputs (fuels, modes, countries), and the calculation line of a measure, a
trip or a town written in the page's language (numbers in its format, words translated).

The keys, notes and English lines stay what the workspace, the JSON export and the tests
read; only the public pages go through here."""

from __future__ import annotations

import re
from collections.abc import Callable

import pycountry
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.reference.names import country_name

_FUELS: dict[str, Callable[[], str]] = {
    "natural_gas": lambda: _("natural gas"),
    "heating_oil": lambda: _("heating oil"),
    "diesel": lambda: _("diesel"),
    "petrol": lambda: _("petrol"),
    "lpg": lambda: _("liquefied petroleum gas"),
    "hard_coal": lambda: _("hard coal"),
    "lignite": lambda: _("lignite"),
    "brown_coal_briquettes": lambda: _("brown coal briquettes"),
    "kerosene": lambda: _("kerosene"),
    "residual_fuel_oil": lambda: _("residual fuel oil"),
    "peat": lambda: _("peat"),
    "wood": lambda: _("wood"),
    "biogas": lambda: _("biogas"),
    "electricity": lambda: _("electricity"),
}

_MODES: dict[str, Callable[[], str]] = {
    "rail": lambda: _("rail"),
    "coach": lambda: _("coach"),
    "bus": lambda: _("bus"),
    "tram": lambda: _("tram"),
    "car": lambda: _("car"),
    "bicycle": lambda: _("bicycle"),
    "walking": lambda: _("walking"),
    "flight": lambda: _("flight"),
    "short_haul": lambda: _("short-haul flight"),
    "medium_haul": lambda: _("medium-haul flight"),
    "long_haul": lambda: _("long-haul flight"),
}

_SPECIES: dict[str, Callable[[], str]] = {
    "default": lambda: _("trees in general"),
    "temperate_broadleaf": lambda: _("temperate broadleaf trees"),
}


def _language() -> str:
    return get_language() or "en"


def country_from_iso3(code: str) -> str:
    """A country's name in the page's language from its ISO 3166-1 alpha-3 code."""
    country = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else None
    return country_name(country.alpha_2, _language()) if country is not None else code


def _name(table: dict[str, Callable[[], str]], code: str) -> str:
    label = table.get(code)
    return label() if label is not None else code.replace("_", " ")


def factor_label(key: str) -> str:
    """The name of a factor for visitors, in the page's language."""
    parts = key.split(".")
    head, rest = parts[0], parts[1:]
    if head == "electricity" and rest[:1] == ["grid"] and len(rest) == 2:
        return _("Emissions of grid electricity, %(country)s") % {
            "country": country_from_iso3(rest[1])}
    if head == "pv" and rest[:1] == ["yield"] and len(rest) == 2:
        band = re.fullmatch(r"lat_(\d+)_(\d+)", rest[1])
        if band:
            return _("Photovoltaic yield between latitudes %(low)s° and %(high)s°") % {
                "low": int(band[1]), "high": int(band[2])}
        return _("Photovoltaic yield, %(country)s") % {"country": country_from_iso3(rest[1])}
    if key == "pv.lifetime_years":
        return _("Lifetime of a photovoltaic system")
    if head == "fuel" and len(rest) == 1:
        return _("Emissions of %(fuel)s") % {"fuel": _name(_FUELS, rest[0])}
    if head == "territorial" and rest[:1] == ["per_capita"] and len(rest) == 2:
        return _("Emissions per inhabitant, %(country)s") % {
            "country": country_from_iso3(rest[1])}
    if head == "flight" and len(rest) == 2 and rest[0] != "band":
        mode = _name(_MODES, rest[0])
        if rest[1] == "with_rf":
            return _("%(mode)s, with radiative forcing") % {"mode": mode}
        return _("%(mode)s, without radiative forcing") % {"mode": mode}
    if key == "flight.band.short_max_km":
        return _("Longest distance of a short-haul flight")
    if key == "flight.band.medium_max_km":
        return _("Longest distance of a medium-haul flight")
    if key == "transport.car.occupancy":
        return _("Persons per car")
    if head == "transport" and len(rest) == 1:
        return _("Emissions of travel by %(mode)s") % {"mode": _name(_MODES, rest[0])}
    if head == "tree" and rest[:1] == ["uptake"] and len(rest) == 2:
        return _("CO₂ taken up per tree, %(species)s") % {"species": _name(_SPECIES, rest[1])}
    if key == "user.co2e_t_per_year":
        return _("Figure given by the partnership")
    return _("Other factor")


def input_value(key: str, value: object) -> object:
    """A stored input as visitors read it: fuels, modes and countries by name, the rest as
    stored (numbers are formatted by the template)."""
    if not isinstance(value, str):
        return value
    if key.endswith("fuel"):
        return _name(_FUELS, value)
    if key.endswith("mode"):
        return _name(_MODES, value)
    if key == "country_iso3":
        return country_from_iso3(value)
    if key == "species_group":
        return _name(_SPECIES, value)
    if key == "km_unit":
        return _("passenger-km") if value == "pkm" else _("vehicle-km")
    return value


# --- calculation lines --------------------------------------------------------------------

# The words of the package's English lines (twinplan.impact: estimate, travel, municipal),
# longest first so that "leg(s)" is not cut by a shorter phrase.
_WORDS: list[tuple[str, Callable[[], str]]] = [
    ("people reached; awareness is not counted in tonnes",
     lambda: _("people reached; awareness is not counted in tonnes")),
    ("with radiative forcing", lambda: _("with radiative forcing")),
    ("without radiative forcing", lambda: _("without radiative forcing")),
    ("per-capita estimate", lambda: _("per-capita estimate")),
    ("own inventory", lambda: _("own inventory")),
    ("inhabitants", lambda: _("inhabitants")),
    ("surviving", lambda: _("surviving")),
    ("person(s)", lambda: _("person(s)")),
    ("persons/vehicle", lambda: _("persons/vehicle")),
    ("leg(s)", lambda: _("leg(s)")),
    ("car(s)", lambda: _("car(s)")),
    ("trees", lambda: _("trees")),
    ("given:", lambda: _("given:")),
    ("short_haul", lambda: _("short-haul flight")),
    ("medium_haul", lambda: _("medium-haul flight")),
    ("long_haul", lambda: _("long-haul flight")),
    (" of ", lambda: " " + _("of") + " "),
]

# A number as Python wrote it: 1,234,567 or 636.062 or 1.5e+03 (never part of a word).
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?(?![\w])")
_ISO3 = re.compile(r"(?<=\()([A-Z]{3})(?=[,)])")


def _localised_number(match: re.Match[str]) -> str:
    whole, fraction, exponent = match.group(1), match.group(2) or "", match.group(3) or ""
    digits = whole.replace(",", "")
    if exponent:
        value = float(f"{digits}{fraction}{exponent}")
        text = f"{value:.15g}"
        if "e" in text:
            return match.group(0)
        return number_format(float(text), decimal_pos=_decimals(text), force_grouping=True)
    before = match.string[max(0, match.start() - 2):match.start()]
    is_year = _is_year(digits) and (before.endswith("(") or before == ", ")
    if not fraction and (len(digits) < 4 or is_year):
        return digits  # small counts and years stay as they are: 12, (2021), (DEU, 2021)
    return number_format(
        float(f"{digits}{fraction}") if fraction else int(digits),
        decimal_pos=len(fraction) - 1 if fraction else None,
        force_grouping=True,
    )


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2100


def _decimals(text: str) -> int | None:
    return len(text.split(".")[1]) if "." in text else None


def _constant(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


def calculation_line(explanation: str) -> str:
    """A calculation line of the package in the page's language: "636.062 g" becomes
    "636,062 g" on a German page, "x" becomes "×", the words are translated and country
    codes named; units stay as they are written internationally."""
    text = _NUMBER.sub(_localised_number, explanation)
    for english, translate in _WORDS:
        if english in text:
            text = text.replace(english, translate())
    text = _ISO3.sub(lambda m: country_from_iso3(m.group(1)), text)
    # Only the codes the line holds are looked for and translated (a line names one or
    # two of the 25).
    for code, label in _FUELS.items():
        if code in text:
            text = re.sub(rf"(?<![\w.]){code}(?![\w])", _constant(label()), text)
    for code, label in _MODES.items():
        if code in text:
            text = re.sub(rf"(?<=kg CO2e/pkm ){code}(?![\w])", _constant(label()), text)
    return text.replace(" x ", " × ").replace("CO2", "CO₂")
