from django.contrib import admin

from twinplan.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "iati_identifier", "is_demo_content")
    list_filter = ("kind", "country")
    search_fields = ("name", "iati_identifier")
