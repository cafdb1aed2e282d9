from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext as _

from twinplan.core.templatetags.twinplan import html_lang, public_date
from twinplan.indicators.models import Indicator

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The current page in each interface language, for the language switcher."""
    request: HttpRequest = context["request"]
    full_path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {"code": code, "name_local": info["name_local"],
             "url": page_in_language(request, full_path, code)}
        )
    return links


def page_in_language(request: HttpRequest, full_path: str, code: str) -> str:
    """What `translate_url(full_path, code)` gives, from the view the request was resolved
    to instead of resolving the path again for every language (a fifth of the layout's
    time); `translate_url` itself where the request resolved to no view (a 404)."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(full_path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return full_path
    parts = urlsplit(full_path)
    return urlunsplit(("", "", path, parts.query, parts.fragment))


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


@register.simple_tag
def indicator_value_rows(indicator: Indicator) -> SafeString:
    """`{% indicator_value_rows indicator %}`: the rows of the measure page's table of an
    indicator's values (its approved values, prefetched): date, value, source, as
    `|public_date`, `|floatformat:"-4g"` and `{{ }}` write them. In one go: a template loop
    cost about 20 µs a row, and a year of weekly values is 52 rows."""
    return format_html_join(
        "", '<tr><td>{}</td><td class="num">{}</td><td>{}</td></tr>',
        ((public_date(value.date), floatformat(value.value, "-4g"), value.source)
         for value in indicator.values.all()),
    )
