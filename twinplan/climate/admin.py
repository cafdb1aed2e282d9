"""Admin for the impact inputs.

Besides their own lists, the inputs appear where people look for them: a measure's impact
parameters on the measure, travel legs on the event, inventories on the municipality and
factor overrides on the partnership. Those inlines are added to the other apps' admins
here, so that those apps need not know about this one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The admins the inlines are added to must be registered first.
import twinplan.events.admin
import twinplan.municipalities.admin
import twinplan.partnerships.admin
import twinplan.programmes.admin  # noqa: F401
from twinplan.climate.forms import MeasureImpactForm, TravelLegForm, measure_impact_fieldsets
from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.core.admin import add_inline
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


@admin.register(ImpactEstimate)
class ImpactEstimateAdmin(admin.ModelAdmin):
    form = MeasureImpactForm
    fieldsets: ClassVar[Any] = measure_impact_fieldsets(with_measure=True)
    list_display = ("measure", "impact_type", "municipality", "parameters_year",
                    "is_demo_content")
    list_filter = ("impact_type", "is_demo_content")
    list_select_related = ("measure", "municipality")
    search_fields = ("measure__title", "measure__code", "parameters_source")
    raw_id_fields = ("measure",)


class ImpactEstimateInline(admin.StackedInline):
    model = ImpactEstimate
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


@admin.register(PartnershipFactor)
class PartnershipFactorAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "unit", "partnership", "source", "edition_year")
    list_filter = ("partnership",)
    search_fields = ("key", "source")
    list_select_related = ("partnership",)


class PartnershipFactorInline(admin.TabularInline):
    model = PartnershipFactor
    extra = 0
    fields = ("key", "value", "unit", "low", "high", "source", "edition_year", "licence",
              "url", "note")


add_inline(Measure, ImpactEstimateInline)
add_inline(Event, TravelLegInline)
add_inline(Municipality, MunicipalInventoryInline)
add_inline(Partnership, PartnershipFactorInline)
