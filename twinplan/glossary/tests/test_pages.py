"""The glossary where people meet it: public pages, the workspace, the admin, the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus
from twinplan.events.tests.factories import EventFactory
from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.services import glossary_term_create, glossary_term_translate
from twinplan.glossary.tests.factories import GlossaryTermFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db

DEFINITION = "Nachhaltigkeit gilt als ökonomische oder soziale Entwicklung, die die Folgen …"


@pytest.fixture
def nachhaltigkeit():
    term = glossary_term_create(
        partnership=None, key="nachhaltigkeit", term="Nachhaltigkeit", definition=DEFINITION,
        source="Seed-Artikel", original_language="de",
    )
    return glossary_term_translate(
        glossary_term=term, language="en", term="Sustainability",
        definition="Sustainability is regarded as development that anticipates …",
    )


def test_the_partnership_page_marks_a_term_but_not_inside_the_prize(
    client, partnership, nachhaltigkeit
):
    partnership.description = (
        "Ausgezeichnet mit dem Deutschen Nachhaltigkeitspreis für Spitzenleistungen der "
        "Nachhaltigkeit."
    )
    partnership.save()
    page = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert "mit dem Deutschen Nachhaltigkeitspreis für" in page  # untouched
    assert page.count('class="gloss-term"') == 1
    assert (
        'der <span class="gloss"><button type="button" class="gloss-term" '
        'aria-describedby="gloss-1">Nachhaltigkeit</button><span role="tooltip" id="gloss-1" '
        f'class="gloss-def"><span class="gloss-name">Nachhaltigkeit</span>: {DEFINITION}'
    ) in page
    assert "glossary/glossary.js" in page


def test_an_english_reader_of_a_german_text_gets_the_english_definition(
    client, partnership, nachhaltigkeit
):
    partnership.aims = "Mehr Nachhaltigkeit."
    partnership.save()
    page = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert '<div lang="de"><p>Mehr <span class="gloss">' in page
    assert (
        'class="gloss-def" lang="en"><span class="gloss-name">Sustainability</span>: '
        "Sustainability is regarded"
    ) in page


def test_event_and_measure_texts_are_marked(client, partnership, nachhaltigkeit):
    EventFactory(partnership=partnership, description="Ein Abend zur Nachhaltigkeit.")
    measure = MeasureFactory(
        programme=ActionProgrammeFactory(partnership=partnership),
        description="Nachhaltigkeit im Rathaus.\n\nZweiter Absatz.", context="Nachhaltigkeit",
        original_language="de", is_published=True,
    )
    page = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert 'aria-describedby="gloss-1">Nachhaltigkeit</button>' in page
    page = client.get(
        f"/de/partnerships/{partnership.slug}/measures/{measure.pk}/"
    ).content.decode()
    assert page.count('class="gloss-term"') == 2
    assert 'id="gloss-1"' in page
    assert 'id="gloss-2"' in page
    assert "</span> im Rathaus.</p>\n\n<p>Zweiter Absatz.</p>" in page


def test_a_partnerships_own_term_replaces_the_global_one_on_its_pages(
    client, partnership, nachhaltigkeit
):
    glossary_term_create(partnership=partnership, key="nachhaltigkeit", term="Nachhaltigkeit",
                         definition="Unser Verständnis von Nachhaltigkeit.",
                         original_language="de")
    partnership.description = "Nachhaltigkeit"
    partnership.save()
    page = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert "Unser Verständnis von Nachhaltigkeit." in page
    assert DEFINITION not in page


def _terms(partnership, first: int, size: int) -> None:
    for index in range(first, first + size):
        term = GlossaryTermFactory(term=f"Begriff{index}", forms=f"Begriffe{index}")
        translation_set(obj=term, field="definition", language="en", text="Meaning",
                        status=TranslationStatus.HUMAN)
        GlossaryTermFactory(partnership=partnership, term=f"Eigener{index}")
    partnership.description = " ".join(
        f"Begriff{i} Begriffe{i} Eigener{i}" for i in range(first + size)
    )
    partnership.save()


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_glossary_costs_one_query_whatever_its_size(client, partnership):
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             description="Begriff1", is_published=True)
    pages = [f"/en/partnerships/{partnership.slug}/",
             f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/"]
    _terms(partnership, 0, 3)
    small = [_count(client, page) for page in pages]
    _terms(partnership, 3, 40)
    assert [_count(client, page) for page in pages] == small


# --- the workspace and the admin ------------------------------------------------------------


def test_a_coordinator_adds_a_term_of_the_partnership(client, partnership, alice):
    client.force_login(alice)
    url = f"/de/workspace/{partnership.slug}/glossaryterm/add/"
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "term": "Klimaanpassung", "forms": "Klimaanpassungen",
        "definition": "Anpassung an die Folgen des Klimawandels.", "source": "",
        "key": "", "original_language": "de",
    })
    assert response.status_code == 302
    term = GlossaryTerm.objects.get()
    assert (term.partnership, term.key, term.original_language) == (
        partnership, "klimaanpassung", "de"
    )
    overview = client.get(f"/de/workspace/{partnership.slug}/").content.decode()
    assert "Klimaanpassung" in overview
    assert f"/de/workspace/{partnership.slug}/glossaryterm/{term.pk}/edit/" in overview


def test_a_term_with_a_broken_form_is_refused_and_nothing_saved(client, partnership, alice):
    client.force_login(alice)
    response = client.post(f"/de/workspace/{partnership.slug}/glossaryterm/add/", {
        "term": "Nachhaltigkeit", "forms": "Nachhaltigkeits-", "definition": "…",
        "original_language": "de",
    })
    assert response.status_code == 400
    assert "“Nachhaltigkeits-”" in response.content.decode()  # at the forms field
    assert not GlossaryTerm.objects.exists()


def test_a_network_admin_writes_a_global_term_with_its_translations(admin_client):
    add_page = admin_client.get("/admin/glossary/glossaryterm/add/").content.decode()
    assert 'name="definition_vi"' in add_page
    assert 'name="term_sr-latn"' in add_page
    response = admin_client.post("/admin/glossary/glossaryterm/add/", {
        "partnership": "", "key": "ressource", "original_language": "de",
        "term": "Ressource", "forms": "Ressourcen", "definition": "Alle Mittel.",
        "source": "Artikel", "term_en": "Resource", "forms_en": "resources",
        "definition_en": "All means.", "term_vi": "", "forms_vi": "", "definition_vi": "",
        "term_de": "ignored: the original language",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    term = GlossaryTerm.objects.get()
    assert term.partnership is None
    assert set(term.translations) == {"en"}
    assert term.translations["en"]["definition"]["status"] == TranslationStatus.HUMAN
    assert term.forms_in("en") == ["Resource", "resources"]
    change = admin_client.get(f"/admin/glossary/glossaryterm/{term.pk}/change/")
    assert 'value="Resource"' in change.content.decode()
    assert 'name="term_de"' not in change.content.decode()  # the original is above
    assert admin_client.get("/admin/glossary/glossaryterm/").status_code == 200


def test_the_admin_refuses_a_translation_without_its_definition(admin_client):
    response = admin_client.post("/admin/glossary/glossaryterm/add/", {
        "partnership": "", "key": "ressource", "original_language": "de",
        "term": "Ressource", "definition": "Alle Mittel.", "term_en": "Resource",
    })
    assert response.status_code == 200
    assert "English: a term named in a language needs its definition" in (
        response.content.decode()
    )
    assert not GlossaryTerm.objects.exists()


# --- the demo ---------------------------------------------------------------------------------


def _glossary_dump() -> str:
    return serializers.serialize("json", GlossaryTerm.objects.order_by("pk"))


def test_the_demo_glossary_quotes_the_article_and_is_seeded_once(client):
    call_command("seed_demo", stdout=StringIO())
    first = _glossary_dump()
    call_command("seed_demo", stdout=StringIO())
    assert _glossary_dump() == first

    terms = {term.key: term for term in GlossaryTerm.objects.all()}
    assert set(terms) == {"nachhaltigkeit", "ressource", "handlungsprogramm"}
    assert all(term.partnership is None for term in terms.values())
    assert terms["nachhaltigkeit"].definition.startswith(
        "Nachhaltigkeit gilt als ökonomische oder soziale Entwicklung, die die Folgen der "
        "Entscheidungen in der Gegenwart für die Zukunft antizipiert"
    )
    assert "(z.B. fossile Brennstoffe)." in terms["ressource"].definition
    assert "Tropfen auf dem heißen Stein" in terms["ressource"].source
    assert not terms["ressource"].is_demo_content
    assert terms["handlungsprogramm"].is_demo_content
    for term in terms.values():
        assert set(term.translations) == {"en", "sr", "vi"}
        assert {entry["status"] for fields in term.translations.values()
                for entry in fields.values()} == {TranslationStatus.HUMAN}
    assert terms["ressource"].forms_in("sr-latn")[:2] == ["Resurs", "resursa"]
    assert "Handlungsprogramms" in terms["handlungsprogramm"].forms_in("de")

    page = client.get("/de/partnerships/wernigerode-hoi-an/").content.decode()
    assert 'aria-describedby="gloss-1">Ressourcen</button>' in page
    assert ">Handlungsprogramm</button>" in page
    assert "Gewinn des Nachhaltigkeitspreises" in page  # the compound stays a word
    vietnamese = client.get("/vi/partnerships/wernigerode-hoi-an/").content.decode()
    assert 'class="gloss-name">Tài nguyên</span>' in vietnamese


def test_the_translation_workspace_translates_a_term_of_the_partnership(
    client, partnership, alice
):
    term = glossary_term_create(partnership=partnership, key="klimaanpassung",
                                term="Klimaanpassung", forms="Klimaanpassungen",
                                definition="Anpassung an die Folgen des Klimawandels.",
                                original_language="de")
    client.force_login(alice)
    url = f"/de/workspace/{partnership.slug}/translations/glossaryterm/{term.pk}/vi/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    hidden = {field.name: field.value() for field in form.hidden_fields()}
    response = client.post(url, {
        **hidden,
        "translation__definition": "Thích ứng với hậu quả của biến đổi khí hậu.",
        "translation__term": "Thích ứng khí hậu",
        "translation__forms": "thích ứng với biến đổi khí hậu",
        "translation__source": "",
    })
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.forms_in("vi") == ["Thích ứng khí hậu", "thích ứng với biến đổi khí hậu"]
