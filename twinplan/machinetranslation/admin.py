from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from twinplan.machinetranslation.models import MachineTranslationJob


@admin.register(MachineTranslationJob)
class MachineTranslationJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are made by the request service and finished by the task queue."""

    list_display = (
        "created_at", "content_type", "object_id", "field", "source_language",
        "target_language", "state", "message", "requested_by", "finished_at",
    )
    list_filter = ("state", "target_language", "content_type")
    search_fields = ("message", "field", "object_id")
    list_select_related = ("content_type", "requested_by")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
