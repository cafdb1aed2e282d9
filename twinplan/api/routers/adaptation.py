"""The climate adaptation of a partnership (`adaptation.selectors.adaptation_report`, the
report the public pages and the results report show): the member towns' climate risks,
the measures against them with their expected effects, the figures per risk and in total
without double counting. Published content only, whoever asks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import override
from ninja import Router

from twinplan.adaptation.selectors import EffectLine, Figure, adaptation_report
from twinplan.api.auth import READ
from twinplan.api.language import requested_language, text
from twinplan.api.routers.partnerships import public_url, visible_partnership
from twinplan.api.routers.programmes import READ_ERRORS

router = Router(tags=["climate adaptation"], auth=READ)

SCHEMA = "twinplan.adaptation-report/1"


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value).normalize():f}"


def _figure(figure: Figure) -> dict[str, Any]:
    return {"kind": figure.kind, "label": figure.label, "amount": _number(figure.amount),
            "unit": figure.unit, "source": figure.source,
            "is_demo_content": figure.is_demo_content}


def _effect(line: EffectLine, language: str) -> dict[str, Any]:
    effect = line.effect
    return {
        "id": effect.pk,
        "risk": effect.risk_id,
        "kind": effect.kind,
        "kind_label": effect.get_kind_display(),
        "quantity": _number(effect.quantity),
        "currency": effect.currency or None,
        "converted": _number(line.converted),
        "rate": _number(line.rate),
        "rate_date": line.rate_date,
        "rate_source": line.rate_source or None,
        "conversion_error": line.conversion_error or None,
        "statement": text(effect, "statement", language),
        "source": effect.source,
        "source_year": effect.source_year,
        "counted": effect.is_counted,
        "is_demo_content": effect.is_demo_content,
    }


@router.get("/partnerships/{slug}/adaptation", response={200: dict[str, Any], **READ_ERRORS},
            summary="Climate risks and adaptation")
def partnership_adaptation(request: HttpRequest, slug: str, lang: str | None = None) -> Any:
    """The climate risks of each member town (rated as in the Covenant of Mayors' risk
    and vulnerability assessment, each with its source and year), the published measures
    of the newest published action programme that address them, with what they do and
    their expected effects (avoided damage also converted to `currency` at a dated rate),
    and the figures per risk and in total, each measure counted once. Texts and labels
    in the language asked for (`lang` or Accept-Language)."""
    language = requested_language(request, lang)
    partnership = visible_partnership(request, slug)
    with override(language):
        report = adaptation_report(partnership, published_only=True,
                                   today=timezone.localdate())
        return {
            "schema": SCHEMA,
            "partnership": partnership.slug,
            "language": language,
            "currency": report.currency,
            "programme": None if report.programme is None else {
                "title": text(report.programme, "title", language),
                "edition": report.programme.edition},
            "municipalities": [{"municipality": m.slug, "name": m.name_in(language),
                                "country": m.country} for m in report.municipalities],
            "risks": [{
                "id": risk.pk,
                "municipality": risk.municipality.slug,
                "hazard": risk.hazard,
                "hazard_label": risk.get_hazard_display(),
                "probability": risk.probability,
                "impact": risk.impact,
                "intensity_change": risk.intensity_change,
                "frequency_change": risk.frequency_change,
                "time_frame": risk.time_frame,
                "sectors": list(risk.sectors or []),
                "vulnerable_groups": list(risk.vulnerable_groups or []),
                "description": text(risk, "description", language),
                "source": risk.source,
                "source_year": risk.source_year,
                "is_demo_content": risk.is_demo_content,
            } for risk in report.risks],
            "measures": [{
                "id": line.measure.pk,
                "code": line.measure.code,
                "title": text(line.measure, "title", language),
                "url": public_url(request, "public:measure", language, slug=partnership.slug,
                                  pk=line.measure.pk),
                "risks": [risk.pk for risk in line.risks],
                "approaches": list(line.adaptation.approaches or []),
                "approach_labels": line.adaptation.approach_labels,
                "description": text(line.adaptation, "description", language),
                "effects": [_effect(effect, language) for effect in line.effects],
                "counted": [_figure(figure) for figure in line.counted],
                "is_demo_content": line.measure.is_demo_content,
            } for line in report.measures],
            "by_risk": [{"risk": line.risk.pk, "measures": [m.pk for m in line.measures],
                         "figures": [_figure(figure) for figure in line.figures]}
                        for line in report.by_risk],
            "total": [_figure(figure) for figure in report.total],
            "conversion_errors": report.conversion_errors,
        }
