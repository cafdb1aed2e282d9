from django.contrib import admin

from twinplan.municipalities.models import Municipality, MunicipalityFact


class FactInline(admin.TabularInline):
    model = MunicipalityFact
    extra = 0
    fields = ("position", "text", "source", "year", "original_language")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "region_code", "population", "population_year")
    list_filter = ("country", "kind")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [FactInline]
