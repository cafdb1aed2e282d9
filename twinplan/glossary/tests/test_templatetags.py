"""The tooltip mark-up: accessible, escaped, unique ids, `lang` where the language changes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import linebreaks
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.core.translation import fingerprint
from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.selectors import Glossary

DEFINITION_DE = "Entwicklung, die die Folgen für die Zukunft <bedenkt>."


def nachhaltigkeit(**translations: dict) -> GlossaryTerm:
    """An unsaved global term: reading and marking up need no database."""
    return GlossaryTerm(
        key="nachhaltigkeit", term="Nachhaltigkeit", definition=DEFINITION_DE,
        source="Artikel", original_language="de", translations=translations,
    )


def english(status: str = "human") -> dict:
    return {
        "term": {"text": "Sustainability", "status": status,
                 "source_fingerprint": fingerprint("Nachhaltigkeit")},
        "definition": {"text": "Development that weighs the consequences.", "status": status,
                       "source_fingerprint": fingerprint(DEFINITION_DE)},
    }


def render(source: str, request=None, **context) -> str:
    if request is not None:
        context["request"] = request
    return Template("{% load glossary %}" + source).render(Context(context))


MARKS = "{% glossary_marks text language glossary %}"


def test_a_term_becomes_a_button_described_by_its_tooltip():
    glossary = Glossary([nachhaltigkeit()], "de")
    with translation.override("de"):
        out = render(MARKS, text="Spitzenleistungen der Nachhaltigkeit.", language="de",
                     glossary=glossary)
    assert out == (
        'Spitzenleistungen der <span class="gloss"><button type="button" class="gloss-term" '
        'aria-describedby="gloss-1">Nachhaltigkeit</button><span role="tooltip" id="gloss-1" '
        'class="gloss-def"><span class="gloss-name">Nachhaltigkeit</span>: Entwicklung, die '
        "die Folgen für die Zukunft &lt;bedenkt&gt;. "
        '<span class="gloss-note">Quelle: Artikel</span></span></span>.'
    )


def test_the_compound_of_the_seed_article_is_left_alone():
    glossary = Glossary([nachhaltigkeit()], "de")
    text = "mit dem Deutschen Nachhaltigkeitspreis ausgezeichnet"
    assert render(MARKS, text=text, language="de", glossary=glossary) == text


def test_ids_are_unique_across_one_request():
    glossary = Glossary([nachhaltigkeit()], "de")
    request = RequestFactory().get("/")
    first = render(MARKS + " " + MARKS, request, text="Nachhaltigkeit", language="de",
                   glossary=glossary)
    second = render(MARKS, request, text="Nachhaltigkeit", language="de", glossary=glossary)
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert ids == ["gloss-1", "gloss-2", "gloss-3"]
    assert re.findall(r'aria-describedby="([^"]+)"', first + second) == ids


def test_the_definition_in_the_readers_language_says_its_language():
    # A German text on an English page (a fallback): the English definition gets lang="en".
    glossary = Glossary([nachhaltigkeit(en=english())], "en")
    with translation.override("en"):
        out = render(MARKS, text="Nachhaltigkeit", language="de", glossary=glossary)
    assert 'class="gloss-def" lang="en"><span class="gloss-name">Sustainability</span>' in out
    assert '<span class="gloss-note">Source: Artikel</span>' in out


def test_a_definition_that_falls_back_says_its_language():
    # An English text on a Vietnamese page: no Vietnamese definition, so the German one.
    glossary = Glossary([nachhaltigkeit(en={**english(), "forms": {
        "text": "sustainable development", "status": "human",
        "source_fingerprint": fingerprint("")}})], "vi")
    with translation.override("vi"):
        out = render(MARKS, text="sustainable development", language="en", glossary=glossary)
    assert 'class="gloss-def" lang="de"><span class="gloss-name">Nachhaltigkeit</span>' in out
    assert '<span class="gloss-note" lang="vi">' in out


def test_the_content_language_the_reader_chose_wins():
    glossary = Glossary([nachhaltigkeit(en=english())], "de")
    out = render(MARKS, text="Nachhaltigkeit", language="de", glossary=glossary,
                 content_language="en")
    assert "Development that weighs the consequences." in out


def test_a_machine_translated_definition_says_so():
    glossary = Glossary([nachhaltigkeit(en=english(status="machine"))], "en")
    with translation.override("en"):
        out = render(MARKS, text="Nachhaltigkeit", language="de", glossary=glossary)
    assert "machine-translated" in out


def test_paragraphs_like_linebreaks():
    glossary = Glossary([nachhaltigkeit()], "de")
    text = "Erster <Absatz>\nmit Nachhaltigkeit.\n\nZweiter."
    out = render("{% glossary_linebreaks text language glossary %}", text=text,
                 language="de", glossary=glossary)
    assert out.startswith("<p>Erster &lt;Absatz&gt;<br>mit <span class=\"gloss\">")
    assert out.endswith("</span>.</p>\n\n<p>Zweiter.</p>")


def test_without_a_glossary_the_tags_are_escape_and_linebreaks():
    text = "a <b>\n\nc & d"
    assert render("{% glossary_linebreaks text 'de' missing %}", text=text) == linebreaks(
        text, autoescape=True
    )
    assert render("{% glossary_marks text 'de' %}", text=text) == html.escape(text)


class _TextOutsideTooltips(HTMLParser):
    """The text of marked-up HTML, leaving out what is inside role=tooltip elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.depth = 0  # > 0 inside a tooltip

    def handle_starttag(self, tag, attrs):
        if self.depth or ("role", "tooltip") in attrs:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


@settings(deadline=None)
@given(st.text(alphabet="Nachltigkeitsprei -.\n<>&\"'äß", max_size=60))
def test_the_marked_up_text_without_tags_and_tooltips_is_the_escaped_text(text):
    glossary = Glossary([nachhaltigkeit()], "de")
    out = render(MARKS, text=text, language="de", glossary=glossary)
    parser = _TextOutsideTooltips()
    parser.feed(out)
    parser.close()
    assert "".join(parser.parts) == html.escape(text)
