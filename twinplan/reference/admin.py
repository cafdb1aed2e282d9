from django.contrib import admin

from twinplan.reference.models import SdgGoal, SdgTarget


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "colour")
    readonly_fields = ("code", "colour", "names")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "goal")
    list_filter = ("goal",)
    readonly_fields = ("code", "goal", "titles")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
