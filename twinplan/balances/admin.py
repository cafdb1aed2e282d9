"""Admin for the impact inputs and exchange rates.

Besides their own lists, the inputs appear where people look for them: a measure's impact
parameters on the measure, travel legs on the event, inventories on the municipality and
factor overrides on the partnership. Those inlines are added to the other apps' admins
here, so that those apps need not know about this one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

# The admins the inlines are added to must be registered first.
import twinplan.events.admin
import twinplan.municipalities.admin
import twinplan.partnerships.admin
import twinplan.programmes.admin  # noqa: F401
from twinplan.balances.forms import MeasureImpactForm, TravelLegForm, measure_impact_fieldsets
from twinplan.balances.models import (
    ExchangeRate,
    FactorOverride,
    MeasureImpact,
    MunicipalInventory,
    TravelLeg,
)
from twinplan.events.models import Event
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure

TRAVEL_FIELDSETS: Any = [
    (None, {"fields": ["mode", "persons", "return_trip", "source", "is_demo_content"]}),
    (_("From"), {"fields": [
        "origin_geonameid", "origin_name", "origin_latitude", "origin_longitude", "origin_source",
    ]}),
    (_("To"), {"fields": [
        "destination_geonameid", "destination_name", "destination_latitude",
        "destination_longitude", "destination_source",
    ]}),
    (None, {"fields": ["route_distance_km", "cars", "radiative_forcing", "position"]}),
]


@admin.register(MeasureImpact)
class MeasureImpactAdmin(admin.ModelAdmin):
    form = MeasureImpactForm
    fieldsets: ClassVar[Any] = measure_impact_fieldsets(with_measure=True)
    list_display = ("measure", "impact_type", "municipality", "parameters_year",
                    "is_demo_content")
    list_filter = ("impact_type", "is_demo_content")
    list_select_related = ("measure", "municipality")
    search_fields = ("measure__title", "measure__code", "parameters_source")
    raw_id_fields = ("measure",)


class MeasureImpactInline(admin.StackedInline):
    model = MeasureImpact
    form = MeasureImpactForm
    fieldsets: ClassVar[Any] = measure_impact_fieldsets(with_measure=False)
    extra = 0
    max_num = 1


@admin.register(TravelLeg)
class TravelLegAdmin(admin.ModelAdmin):
    form = TravelLegForm
    fieldsets: ClassVar[Any] = [(None, {"fields": ["event"]}), *TRAVEL_FIELDSETS]
    list_display = ("__str__", "event", "persons", "return_trip", "is_demo_content")
    list_filter = ("mode", "is_demo_content")
    list_select_related = ("event",)
    raw_id_fields = ("event",)


class TravelLegInline(admin.StackedInline):
    model = TravelLeg
    form = TravelLegForm
    fieldsets: ClassVar[Any] = TRAVEL_FIELDSETS
    extra = 0


@admin.register(MunicipalInventory)
class MunicipalInventoryAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "total_co2e_t_per_year", "method", "source")
    list_filter = ("method",)
    list_select_related = ("municipality",)


class MunicipalInventoryInline(admin.TabularInline):
    model = MunicipalInventory
    extra = 0
    fields = ("year", "total_co2e_t_per_year", "method", "source", "url", "is_demo_content")


@admin.register(FactorOverride)
class FactorOverrideAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "unit", "partnership", "source", "edition_year")
    list_filter = ("partnership",)
    search_fields = ("key", "source")
    list_select_related = ("partnership",)


class FactorOverrideInline(admin.TabularInline):
    model = FactorOverride
    extra = 0
    fields = ("key", "value", "unit", "low", "high", "source", "edition_year", "licence",
              "url", "note")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("date", "base", "quote", "rate", "source", "is_demo_content")
    list_filter = ("base", "quote", "is_demo_content")
    search_fields = ("source",)
    date_hierarchy = "date"


def _add_inline(model: type[models.Model], inline: type[admin.options.InlineModelAdmin]) -> None:
    model_admin = admin.site.get_model_admin(model)
    if inline not in model_admin.inlines:
        # On this one registered instance only; the class stays as its app defined it.
        model_admin.inlines = [*model_admin.inlines, inline]  # type: ignore[misc]


_add_inline(Measure, MeasureImpactInline)
_add_inline(Event, TravelLegInline)
_add_inline(Municipality, MunicipalInventoryInline)
_add_inline(Partnership, FactorOverrideInline)
