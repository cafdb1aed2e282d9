"""Glossary terms in content as accessible tooltips.

`{% glossary_marks text language glossary %}` returns `text` escaped, each glossary term
in it wrapped in a button that shows the definition on hover and on keyboard focus, and
names it as its description for screen readers:

    <span class="gloss"><button type="button" class="gloss-term" aria-describedby="gloss-1">
    Nachhaltigkeit</button><span role="tooltip" id="gloss-1" class="gloss-def">…</span></span>

`{% glossary_linebreaks text language glossary %}` does the same in paragraphs, like
Django's `linebreaks` filter. Both are tags rather than filters because they number the
tooltips per request (ids stay unique on a page), which needs the template context.
Without a glossary they are plain `escape` and `linebreaks`.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.templatetags.twinplan import html_lang, reading_language, tr_text
from twinplan.glossary.matching import Span, mark_up
from twinplan.glossary.selectors import Glossary

register = template.Library()

_COUNTER = "_glossary_tooltip_ids"


def _next_id(context: template.Context) -> str:
    """gloss-1, gloss-2, … counted per request (else per rendering), so that two texts on
    one page never give two tooltips the same id."""
    request = context.get("request")
    if request is not None:
        counter = getattr(request, _COUNTER, None)
        if counter is None:
            counter = itertools.count(1)
            setattr(request, _COUNTER, counter)
    else:
        counter = context.render_context.get(_COUNTER)
        if counter is None:
            counter = itertools.count(1)
            context.render_context[_COUNTER] = counter
    return f"gloss-{next(counter)}"


def _tooltip(
    context: template.Context, glossary: Glossary, span: Span, matched: str, language: str
) -> str:
    entry = glossary.entry(span.key, reading_language(context, glossary.language))
    tooltip_id = _next_id(context)
    page_language = get_language() or glossary.language
    # The tooltip sits inside the text, whose language is `language`: say so when the
    # definition is in another one; and the notes are in the interface language.
    definition_lang = (
        format_html(' lang="{}"', html_lang(entry.language)) if entry.language != language else ""
    )
    notes_lang = (
        format_html(' lang="{}"', html_lang(page_language))
        if entry.language != page_language else ""
    )
    notes = []
    if entry.is_machine:
        notes.append(_("machine-translated"))
    if entry.is_demo_content:
        notes.append(_("demo content"))
    if entry.source:
        notes.append(_("Source: %(source)s") % {"source": entry.source})
    return format_html(
        '<span class="gloss"><button type="button" class="gloss-term" aria-describedby="{id}">'
        "{matched}</button>"
        '<span role="tooltip" id="{id}" class="gloss-def"{lang}>'
        '<span class="gloss-name">{term}</span>: {definition}{notes}</span></span>',
        id=tooltip_id,
        matched=matched,
        lang=definition_lang,
        term=entry.term,
        definition=mark_safe(html.escape(entry.definition).replace("\n", "<br>")),  # noqa: S308 - escaped first
        notes=format_html(
            ' <span class="gloss-note"{}>{}</span>', notes_lang, " · ".join(notes)
        ) if notes else "",
    )


def _marked(
    context: template.Context, text: str, language: str, glossary: Glossary, *, breaks: bool
) -> str:
    escape = (lambda part: html.escape(part).replace("\n", "<br>")) if breaks else html.escape
    return mark_up(
        text,
        glossary.find(text, language),
        lambda span, matched: _tooltip(context, glossary, span, matched, language),
        escape,
    )


@register.simple_tag(takes_context=True)
def glossary_marks(
    context: template.Context, text: Any, language: str, glossary: Glossary | None = None
) -> SafeString:
    """`text` (written in `language`) escaped, with its glossary terms as tooltips."""
    text = str(text or "")
    if not isinstance(glossary, Glossary):
        return SafeString(html.escape(text))
    return mark_safe(_marked(context, text, language, glossary, breaks=False))  # noqa: S308 - escaped in mark_up


@register.simple_tag(takes_context=True)
def glossary_linebreaks(
    context: template.Context, text: Any, language: str, glossary: Glossary | None = None
) -> SafeString:
    """Paragraphs like the `linebreaks` filter (escaping first), with glossary tooltips."""
    text = normalize_newlines(str(text or ""))
    if not isinstance(glossary, Glossary):
        return SafeString(linebreaks(text, autoescape=True))
    paragraphs = re.split("\n{2,}", text)
    return mark_safe(  # noqa: S308 - every part escaped in mark_up or format_html
        "\n\n".join(
            f"<p>{_marked(context, paragraph, language, glossary, breaks=True)}</p>"
            for paragraph in paragraphs
        )
    )


@register.simple_tag(takes_context=True)
def tr_paragraphs(
    context: template.Context, obj: Any, field: str, glossary: Glossary | None = None
) -> SafeString:
    """`{% tr_paragraphs measure "description" glossary %}`: a long text in the reader's
    language as paragraphs with glossary tooltips, in a `div` with `lang` when it is not in
    the page's language, followed by a note when it is machine-translated."""
    text = tr_text(context, obj, field)
    body = glossary_linebreaks(context, text.text, text.language, glossary)
    lang = format_html(' lang="{}"', html_lang(text.language)) if text.differs_from_page else ""
    note = (
        format_html('<p class="machine-note">({})</p>', _("machine translation"))
        if text.is_machine
        else ""
    )
    return format_html("<div{}>{}</div>{}", lang, body, note)
