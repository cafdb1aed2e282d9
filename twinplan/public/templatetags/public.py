from __future__ import annotations

from urllib.parse import quote

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from twinplan.core.templatetags.twinplan import html_lang, public_date

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


register.filter("html_lang", html_lang)
# Defined with the core tags so that the partials of lower apps (money, adaptation,
# search, network) can use it with `{% load twinplan %}`.
register.filter("public_date", public_date)


@register.simple_tag(takes_context=True)
def accessibility_feedback_href(context: template.Context) -> str:
    """The footer's "Report a barrier" link: a mail to TWINPLAN_ACCESSIBILITY_CONTACT naming
    the page, or the statement's feedback section when no address is set."""
    address = settings.TWINPLAN_ACCESSIBILITY_CONTACT
    request: HttpRequest | None = context.get("request")
    if not address:
        return ""
    page = request.build_absolute_uri() if request is not None else ""
    subject = _("Accessibility barrier on %(page)s") % {"page": page}
    return f"mailto:{address}?subject={quote(subject)}"
