"""Demo climate risks of the four towns and what the demo measure A1 (flood early warning
in Hội An) does against them. Neither seed document rates a risk or gives a figure, so
every entry is invented to show the feature and marked `is_demo_content`, with the demo
source. Each step looks its object up by natural key (town and hazard, partnership slug
and measure code) and adds only what is missing, so a second run changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from twinplan.adaptation.models import ClimateRisk, MeasureAdaptation
from twinplan.adaptation.services import (
    adaptation_effect_create,
    climate_risk_create,
    measure_adaptation_create,
)
from twinplan.municipalities.models import Municipality
from twinplan.programmes.models import Measure

RISK_SOURCE = (
    "twinplan-Demo: erfundene Einschätzung zur Veranschaulichung; keine Risikoanalyse "
    "der Stadt"
)
EFFECT_SOURCE = (
    "twinplan-Demo: erfundener Wert zur Veranschaulichung; die Quelldokumente nennen "
    "keine Zahlen"
)
DEMO_YEAR = 2018

_FLOODS_HOI_AN = (
    "In der Regenzeit tritt der Fluss Thu Bồn über die Ufer und überflutet die Gassen der "
    "Altstadt; Wohnhäuser, Läden und Werkstätten stehen unter Wasser."
)
_STORMS_HOI_AN = (
    "Taifune und tropische Stürme bringen Starkwind und Sturmflut an die Küste von Hội An."
)
_DROUGHTS_WERNIGERODE = (
    "Trockene Sommer schwächen die Fichtenwälder im Harz; Borkenkäfer und Waldbrandgefahr "
    "nehmen zu."
)
_FLOODS_RUMA = "Hochwasser der Save und Starkregen gefährden Felder und tiefer gelegene Straßen."
A1_DESCRIPTION = (
    "Pegelmessung am Fluss, Sirenen und SMS-Warnungen geben den Bewohnerinnen und "
    "Bewohnern der Altstadt Zeit, sich und ihr Hab und Gut in Sicherheit zu bringen."
)
A1_STATEMENT = (
    "Hausrat und Waren der Läden können vor dem Hochwasser in obere Stockwerke gebracht "
    "werden."
)

# (town, hazard, probability, impact, intensity, frequency, time frame, sectors, groups,
# description)
DEMO_RISKS: list[tuple[str, str, str, str, str, str, str, list[str], list[str], str]] = [
    ("hoi-an", "floods", "high", "high", "increase", "increase", "current",
     ["buildings", "tourism", "civil_protection_emergency", "transport"],
     ["elderly", "children", "low_income_households"], _FLOODS_HOI_AN),
    ("hoi-an", "storms", "high", "high", "increase", "unknown", "current",
     ["buildings", "energy", "agriculture_forestry"],
     ["low_income_households", "substandard_housing"], _STORMS_HOI_AN),
    ("hoi-an", "sea_level_rise", "moderate", "high", "increase", "increase", "long_term",
     ["tourism", "land_use_planning", "environment_biodiversity"],
     ["low_income_households"], ""),
    ("wernigerode", "droughts", "high", "high", "increase", "increase", "current",
     ["agriculture_forestry", "water", "tourism"], [], _DROUGHTS_WERNIGERODE),
    ("wernigerode", "extreme_heat", "moderate", "moderate", "increase", "increase",
     "medium_term", ["health"], ["elderly", "persons_with_chronic_diseases"], ""),
    ("wernigerode", "extreme_precipitation", "moderate", "moderate", "increase", "increase",
     "short_term", ["buildings", "transport"], [], ""),
    ("bersenbrueck", "droughts", "moderate", "moderate", "increase", "increase",
     "medium_term", ["agriculture_forestry", "water"], [], ""),
    ("bersenbrueck", "extreme_heat", "moderate", "low", "increase", "increase",
     "medium_term", ["health"], ["elderly"], ""),
    ("ruma", "extreme_heat", "high", "high", "increase", "increase", "current",
     ["health", "agriculture_forestry"], ["elderly", "persons_with_chronic_diseases"], ""),
    ("ruma", "droughts", "high", "high", "increase", "increase", "current",
     ["agriculture_forestry", "water"], [], ""),
    ("ruma", "floods", "moderate", "high", "increase", "unknown", "current",
     ["water", "agriculture_forestry", "civil_protection_emergency"], [], _FLOODS_RUMA),
]

# What A1 protects, per risk: (hazard, kind, figure, currency, statement).
A1_EFFECTS: list[tuple[str, str, Decimal | None, str, str]] = [
    ("floods", "people_protected", Decimal("3000"), "", ""),
    ("floods", "avoided_damage", Decimal("2500000000"), "VND", ""),
    ("floods", "statement", None, "", A1_STATEMENT),
    # The same people warned of storms: counted once in the partnership's total.
    ("storms", "people_protected", Decimal("3000"), "", ""),
]

# Their English, Serbian (Cyrillic) and Vietnamese translations (demo/translations.py).
ADAPTATION_TRANSLATIONS: dict[str, dict[str, str]] = {
    _FLOODS_HOI_AN: {
        "en": "In the rainy season the Thu Bồn river bursts its banks and floods the lanes "
              "of the old town; homes, shops and workshops stand under water.",
        "sr": "У кишној сезони река Thu Bồn излива се из корита и плави уличице старог "
              "града; куће, продавнице и радионице остају под водом.",
        "vi": "Vào mùa mưa, sông Thu Bồn tràn bờ và gây ngập các con phố của khu phố cổ; "
              "nhà ở, cửa hàng và xưởng nghề chìm trong nước.",
    },
    _STORMS_HOI_AN: {
        "en": "Typhoons and tropical storms bring strong winds and storm surges to the coast "
              "of Hội An.",
        "sr": "Тајфуни и тропске олује доносе јак ветар и олујни талас на обалу Hội An-а.",
        "vi": "Bão và áp thấp nhiệt đới mang theo gió mạnh và nước dâng do bão vào bờ biển "
              "Hội An.",
    },
    _DROUGHTS_WERNIGERODE: {
        "en": "Dry summers weaken the spruce forests of the Harz; bark beetles and the risk "
              "of forest fires are on the rise.",
        "sr": "Сушна лета слабе смрчеве шуме у Харцу; поткорњаци и опасност од шумских "
              "пожара су у порасту.",
        "vi": "Những mùa hè khô hạn làm suy yếu rừng vân sam ở vùng Harz; bọ vỏ cây và nguy "
              "cơ cháy rừng ngày càng gia tăng.",
    },
    _FLOODS_RUMA: {
        "en": "Floods of the Sava and heavy rain threaten fields and low-lying streets.",
        "sr": "Поплаве Саве и јаке кише угрожавају њиве и ниже улице.",
        "vi": "Lũ sông Sava và mưa lớn đe dọa đồng ruộng và những tuyến phố thấp.",
    },
    A1_DESCRIPTION: {
        "en": "Gauges on the river, sirens and text-message warnings give the residents of "
              "the old town time to bring themselves and their belongings to safety.",
        "sr": "Мерење водостаја на реци, сирене и упозорења путем SMS-а дају становницима "
              "старог града времена да себе и своју имовину склоне на сигурно.",
        "vi": "Trạm đo mực nước trên sông, còi báo động và tin nhắn SMS cảnh báo giúp người "
              "dân khu phố cổ có thời gian đưa bản thân và tài sản đến nơi an toàn.",
    },
    A1_STATEMENT: {
        "en": "Household goods and the shops' wares can be carried to upper floors before "
              "the flood.",
        "sr": "Покућство и роба из продавница могу се пре поплаве пренети на више спратове.",
        "vi": "Đồ đạc trong nhà và hàng hóa của các cửa hàng có thể được chuyển lên tầng "
              "trên trước khi lũ đến.",
    },
}


@transaction.atomic
def adaptation_demo(places: dict[str, Municipality]) -> None:
    """The towns' demo risks and A1's adaptation and effects, where missing."""
    for (town, hazard, probability, impact, intensity, frequency, time_frame, sectors,
         groups, description) in DEMO_RISKS:
        municipality = places[town]
        if ClimateRisk.objects.filter(municipality=municipality, hazard=hazard).exists():
            continue
        climate_risk_create(
            municipality=municipality, by=None, hazard=hazard, probability=probability,
            impact=impact, intensity_change=intensity, frequency_change=frequency,
            time_frame=time_frame, sectors=sectors, vulnerable_groups=groups,
            description=description, source=RISK_SOURCE, source_year=DEMO_YEAR,
            original_language="de", is_demo_content=True,
        )
    measure = Measure.objects.filter(programme__partnership__slug="wernigerode-hoi-an",
                                     code="A1").first()
    if measure is None or MeasureAdaptation.objects.filter(measure=measure).exists():
        return
    risks = {risk.hazard: risk
             for risk in ClimateRisk.objects.filter(municipality=places["hoi-an"])}
    measure_adaptation_create(
        measure=measure, by=None, risks=[risks["floods"], risks["storms"]],
        approaches=["reduce_exposure", "raise_adaptive_capacity"],
        description=A1_DESCRIPTION, original_language="de", is_demo_content=True,
    )
    for hazard, kind, quantity, currency, statement in A1_EFFECTS:
        fields: dict[str, Any] = {"quantity": quantity, "currency": currency,
                                  "statement": statement}
        adaptation_effect_create(
            measure=measure, by=None, risk=risks[hazard], kind=kind, source=EFFECT_SOURCE,
            source_year=DEMO_YEAR, original_language="de", is_demo_content=True, **fields,
        )
