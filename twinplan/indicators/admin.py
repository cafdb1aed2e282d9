from django.contrib import admin

from twinplan.indicators.models import Indicator, IndicatorValue


class ValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("date", "value", "note", "source")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "goal", "measure", "baseline_value", "target_value")
    inlines = [ValueInline]
