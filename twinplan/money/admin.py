"""Admin for exchange rates and resource lines (shown on the measure)."""

from __future__ import annotations

from django.contrib import admin

# The admin the inline is added to must be registered first.
import twinplan.programmes.admin  # noqa: F401
from twinplan.core.admin import add_inline
from twinplan.money.models import CurrencyRate, Resource
from twinplan.programmes.models import Measure


@admin.register(CurrencyRate)
class CurrencyRateAdmin(admin.ModelAdmin):
    list_display = ("date", "base", "quote", "rate", "source", "is_demo_content")
    list_filter = ("base", "quote", "is_demo_content")
    search_fields = ("source",)
    date_hierarchy = "date"


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ("kind", "amount", "currency", "state", "source_of_funds", "provided_by",
              "provided_by_organisation", "date", "description")


add_inline(Measure, ResourceInline)
