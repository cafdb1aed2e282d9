"""Totals of the expected effects of adaptation measures, without double counting.

Pure Python (no Django, no project import; `lint-imports` holds it to that), so the rule
is tested on its own:

- **per risk**, each kind of figure (people protected, buildings, hectares, avoided damage)
  is the largest figure any measure gives against that risk: the people a flood threatens
  are the same people whichever measure protects them, so two measures against one flood
  do not protect the town's people twice;
- **the partnership's total** counts each measure once, with its largest figure of each
  kind over the risks it addresses (an early warning that protects 3,000 people from
  floods and the same 3,000 from storms protects 3,000 people), summed over the measures.

Money must be in one currency before it is counted here (the selector converts it with
`twinplan.impact`'s exchange rates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

COUNTED_KINDS = ("people_protected", "buildings_protected", "area_protected_ha",
                 "avoided_damage")


@dataclass(frozen=True, slots=True)
class CountedEffect:
    """One figure of one measure against one risk (keys as strings)."""

    measure: str
    risk: str
    kind: str
    amount: Decimal

    def __post_init__(self) -> None:
        if self.kind not in COUNTED_KINDS:
            raise ValueError(f"kind must be one of {COUNTED_KINDS}, not {self.kind!r}")
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValueError(f"amount must be a finite Decimal, not {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"amount must not be negative, not {self.amount}")


Figures = Mapping[str, Decimal]  # kind -> figure


@dataclass(frozen=True, slots=True)
class AdaptationTotals:
    by_risk: Mapping[str, Figures]
    by_measure: Mapping[str, Figures]
    total: Figures


def _largest(into: dict[str, dict[str, Decimal]], key: str, effect: CountedEffect) -> None:
    figures = into.setdefault(key, {})
    current = figures.get(effect.kind)
    if current is None or effect.amount > current:
        figures[effect.kind] = effect.amount


def adaptation_totals(effects: Iterable[CountedEffect]) -> AdaptationTotals:
    """Per risk the largest figure of each kind; per measure its largest figure of each kind;
    the total the sum of the measures' figures. Kinds without a figure are left out."""
    by_risk: dict[str, dict[str, Decimal]] = {}
    by_measure: dict[str, dict[str, Decimal]] = {}
    for effect in effects:
        _largest(by_risk, effect.risk, effect)
        _largest(by_measure, effect.measure, effect)
    total: dict[str, Decimal] = {}
    for figures in by_measure.values():
        for kind, amount in figures.items():
            total[kind] = total.get(kind, Decimal(0)) + amount
    ordered = {kind: total[kind] for kind in COUNTED_KINDS if kind in total}
    return AdaptationTotals(by_risk=by_risk, by_measure=by_measure, total=ordered)
