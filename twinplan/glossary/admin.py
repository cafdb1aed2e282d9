from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from twinplan.core.languages import content_language_codes, content_language_name
from twinplan.glossary.forms import (
    ADMIN_FIELDS,
    TRANSLATED_FIELDS,
    GlossaryTermAdminForm,
    translation_field_name,
)
from twinplan.glossary.models import GlossaryTerm


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """Global terms are edited here (network admins); a partnership's own terms also in its
    workspace. Each language has its fieldset; the original language's stays empty."""

    form = GlossaryTermAdminForm
    list_display = ("term", "key", "partnership", "original_language", "is_demo_content")
    list_filter = (
        ("partnership", admin.EmptyFieldListFilter), "original_language", "is_demo_content"
    )
    search_fields = ("term", "key", "forms", "definition")
    list_select_related = ("partnership",)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        original = [(None, {"fields": ADMIN_FIELDS})]
        return original + [
            (content_language_name(language), {
                "classes": ["collapse"],
                "fields": [translation_field_name(field, language) for field in TRANSLATED_FIELDS],
            })
            for language in content_language_codes()
            if translation_field_name("term", language) in GlossaryTermAdminForm.declared_fields
            and (obj is None or language != obj.original_language)
        ]
