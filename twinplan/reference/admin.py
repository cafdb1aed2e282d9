from django.contrib import admin
from django.http import HttpRequest

from twinplan.reference.models import SdgGoal, SdgTarget


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "colour")
    readonly_fields = ("code", "colour", "names")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "goal")
    list_filter = ("goal",)
    readonly_fields = ("code", "goal", "titles")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
