from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The current page in each interface language, for the language switcher."""
    request: HttpRequest = context["request"]
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
            }
        )
    return links


@register.filter
def html_lang(code: str) -> str:
    """Django's "sr-latn" as the BCP 47 tag "sr-Latn" for lang attributes."""
    language, _, script = (code or "").partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else code
