"""The columns of the measure plan's sheets, their headers in every interface language and
what each cell may hold. The import template, the export and the import all read them from
here, so the three never disagree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from twinplan.climate.parameters import PARAMETER_SPECS, ImpactTypeChoice
from twinplan.core.languages import content_language_codes
from twinplan.money.models import FundingSource, ResourceKind
from twinplan.organisations.models import OrganisationType
from twinplan.programmes.models import MeasureStatus

FORMAT_VERSION = "1"
LIST_SEPARATOR = ";"

# What a cell holds: free text, a date, a number, a whole number, one of a list, a list.
TEXT, DATE, DECIMAL, INTEGER, CHOICE, LIST = "text", "date", "decimal", "integer", "choice", "list"


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    kind: str = TEXT
    language: str = ""  # the content language of a per-language text column
    required: bool = False
    explanation: Promise | str = ""
    allowed: Callable[[], str] | None = None  # the allowed values, for the template
    imported: bool = True  # False: exported for reading, left alone by the import

    def header(self, language: str) -> str:
        """The column's header in the interface language `language`."""
        with translation.override(language):
            label = str(self.label)
        return f"{label} ({self.language})" if self.language else label


def _choices(choices: Sequence[tuple[str, Any]]) -> Callable[[], str]:
    return lambda: "; ".join(f"{value} ({label})" for value, label in choices)


def _impact_parameters() -> str:
    lines = []
    for impact_type, specs in PARAMETER_SPECS.items():
        names = ", ".join(f"{spec.name}{'' if spec.required else '?'}" for spec in specs)
        lines.append(f"{impact_type}: {names}")
    return "\n".join(lines)


MEASURES_SHEET = _("Measures")
RESOURCES_SHEET = _("Resources")
INDICATOR_VALUES_SHEET = _("Indicator values")
EXPLANATION_SHEET = _("Explanation")


def measure_columns() -> list[Column]:
    """The measures sheet, with a title and a summary column per content language."""
    languages = content_language_codes()
    return [
        Column("code", _("reference"), required=True, explanation=_(
            "The measure's code, unique in the programme edition (such as K1 or A-03). A row "
            "whose code the edition has already updates that measure; a new code adds one."
        )),
        *[Column(f"title:{code}", _("title"), language=code, explanation=_(
            "The title in this language. A new measure needs a title in at least one "
            "language; the first language with a title is its original language."
        )) for code in languages],
        *[Column(f"summary:{code}", _("summary"), language=code, explanation=_(
            "A short summary in this language (at most 500 characters)."
        )) for code in languages],
        Column("field_of_action", _("field of action"), explanation=_(
            "The code or the title of one of the edition's fields of action."
        )),
        Column("goals", _("goals"), LIST, explanation=_(
            "Codes or titles of the edition's goals, separated by semicolons."
        )),
        Column("lead_municipality", _("lead partner"), explanation=_(
            "The name of the member municipality that leads the measure."
        )),
        Column("implementing_municipalities", _("implemented in"), LIST, explanation=_(
            "Names of the member municipalities where the measure is carried out, separated "
            "by semicolons."
        )),
        Column("actors", _("actors"), LIST, explanation=_(
            "Who takes part: names of organisations of the member municipalities, or types "
            "of actor, separated by semicolons. The import adds the ones the measure does "
            "not have yet and removes none."
        ), allowed=_choices(OrganisationType.choices)),
        Column("status", _("status"), CHOICE, explanation=_(
            "One of the allowed values, as code or as its name in any interface language."
        ), allowed=_choices(MeasureStatus.choices)),
        Column("progress_percent", _("progress (%)"), INTEGER, explanation=_(
            "A whole number from 0 to 100. When it differs from the measure's progress, the "
            "import adds a progress entry with this figure, dated on the day of the import."
        )),
        Column("progress_note", _("progress note"), explanation=_(
            "The text of that progress entry (optional)."
        )),
        Column("weight", _("weight"), INTEGER, explanation=_(
            "How much the measure counts in its goals' progress: 1 to 100."
        )),
        Column("planned_start", _("planned start"), DATE, explanation=_("A date.")),
        Column("planned_end", _("planned end"), DATE, explanation=_("A date.")),
        Column("actual_start", _("actual start"), DATE, explanation=_("A date.")),
        Column("actual_end", _("actual end"), DATE, explanation=_("A date.")),
        Column("sdg_goals", _("SDGs"), LIST, explanation=_(
            "Numbers of the Sustainable Development Goals, separated by semicolons "
            "(such as 7; 13)."
        )),
        Column("sdg_targets", _("SDG targets"), LIST, explanation=_(
            "Codes of SDG targets, separated by semicolons (such as 7.2; 13.1; 11.b)."
        )),
        Column("dac_sector", _("OECD DAC sector"), explanation=_(
            "A five-digit OECD DAC purpose code (such as 23230)."
        )),
        Column("impact_type", _("impact type"), CHOICE, explanation=_(
            "How the measure's impact is estimated. Left empty, the measure's estimate is "
            "left as it is."
        ), allowed=_choices(ImpactTypeChoice.choices)),
        Column("impact_parameters", _("impact parameters"), explanation=_(
            "The figures of the estimate as name=value, separated by semicolons (such as "
            "capacity_kwp=30; lifetime_years=25). The names each impact type takes (a "
            "question mark: optional):"
        ), allowed=_impact_parameters),
        Column("impact_source", _("source of the parameters"), explanation=_(
            "Where the figures come from (needed with an impact type)."
        )),
        Column("impact_year", _("year of the parameters"), INTEGER, explanation=_(
            "The year the figures refer to (needed with an impact type)."
        )),
        Column("is_demo_content", _("demo content"), imported=False, explanation=_(
            "In an export: “demo” marks a measure invented for the demonstration. The "
            "import leaves this column alone."
        )),
    ]


def resource_columns() -> list[Column]:
    return [
        Column("measure", _("measure reference"), imported=False),
        Column("kind", _("kind"), CHOICE, allowed=_choices(ResourceKind.choices),
               imported=False),
        Column("planned_amount", _("planned"), DECIMAL, imported=False),
        Column("spent_amount", _("spent"), DECIMAL, imported=False),
        Column("currency", _("currency"), imported=False),
        Column("source_of_funds", _("source of funds"), CHOICE,
               allowed=_choices(FundingSource.choices), imported=False),
        Column("provided_by", _("provided by"), imported=False),
        Column("value_amount", _("money value"), DECIMAL, imported=False),
        Column("value_currency", _("currency of the value"), imported=False),
        Column("date", _("date"), DATE, imported=False),
        Column("description", _("description"), imported=False),
    ]


def indicator_value_columns() -> list[Column]:
    return [
        Column("measure", _("measure reference"), imported=False),
        Column("indicator", _("indicator"), imported=False),
        Column("unit", _("unit"), imported=False),
        Column("date", _("date"), DATE, imported=False),
        Column("value", _("value"), DECIMAL, imported=False),
        Column("source", _("source"), imported=False),
        Column("note", _("note"), imported=False),
    ]


def interface_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def sheet_names(sheet: Promise) -> dict[str, str]:
    """The sheet's name in each interface language."""
    names = {}
    for language in interface_language_codes():
        with translation.override(language):
            names[language] = str(sheet)
    return names


def normalised(header: object) -> str:
    """A header as compared: case, surrounding space, a required mark and doubled spaces
    do not count."""
    text = " ".join(str(header or "").split()).casefold()
    return text.rstrip("*").strip()


def header_index(columns: list[Column]) -> dict[str, dict[str, Column]]:
    """For each interface language, its normalised headers → column; the keys themselves
    are accepted in any language (under "")."""
    index: dict[str, dict[str, Column]] = {"": {normalised(c.key): c for c in columns}}
    for language in interface_language_codes():
        index[language] = {normalised(c.header(language)): c for c in columns}
    return index
