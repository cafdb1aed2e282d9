"""Full-text search over published content, on SQLite (FTS5) and PostgreSQL: ranked,
accent- and script-insensitive, current after edits and deletes, and never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.events.tests.factories import EventFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import Measure
from twinplan.programmes.services import measure_delete, measure_publish, measure_update
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.search.selectors import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(django_capture_on_commit_callbacks):
    """Two published partnerships: Bersenbrück–Рума (German with Serbian translations) and
    Wernigerode–Hội An, each with a published edition and measures; indexed as they are
    written (the hooks run on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        return _network()


def _network():
    bersenbrueck = MunicipalityFactory(slug="bersenbrueck", name="Samtgemeinde Bersenbrück")
    ruma = MunicipalityFactory(slug="ruma", name="Рума", country="RS")
    first = PartnershipFactory(slug="bersenbrueck-ruma", title="Bersenbrück – Рума",
                               members=[bersenbrueck, ruma])
    hoi_an = MunicipalityFactory(slug="hoi-an", name="Hội An", country="VN")
    second = PartnershipFactory(slug="wernigerode-hoi-an", title="Wernigerode – Hội An",
                                members=[MunicipalityFactory(slug="wernigerode"), hoi_an])
    one = ActionProgrammeFactory(partnership=first)
    two = ActionProgrammeFactory(partnership=second)
    measures = {
        "title": MeasureFactory(programme=one, title="Photovoltaik auf dem Rathaus",
                                description="Eine Anlage für die Verwaltung."),
        "body": MeasureFactory(programme=two, title="Energieberatung",
                               description="Beratung, auch zu Photovoltaik und Speichern."),
        "serbian": MeasureFactory(programme=one, title="Schulgarten",
                                  translations={"sr": {"title": {
                                      "text": "Школска башта", "status": "human",
                                      "source_fingerprint": "x"}}}),
        "draft": MeasureFactory(programme=one, title="Geheimer Entwurf Photovoltaik",
                                is_published=False),
    }
    trip = EventFactory(partnership=second, title="Delegationsreise nach Hội An",
                        is_published=True)
    hidden = PartnershipFactory(slug="hidden", title="Unveröffentlichte Photovoltaik",
                                is_published=False)
    MeasureFactory(programme=ActionProgrammeFactory(partnership=hidden),
                   title="Photovoltaik im Verborgenen")
    MeasureFactory(programme=ActionProgrammeFactory(partnership=first, is_published=False),
                   title="Photovoltaik einer Entwurfsausgabe")
    return {"first": first, "second": second, "trip": trip, **measures}


def _found(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, str(hit.obj)) for hit in search(text).hits]


def test_a_title_hit_ranks_above_a_body_hit(network):
    hits = [hit.obj for hit in search("photovoltaik").hits]
    assert hits == [network["title"], network["body"]]


def test_unpublished_content_is_never_found(network):
    found = _found("photovoltaik") + _found("geheimer") + _found("verborgenen")
    assert all("Entwurf" not in title and "Verborgen" not in title and
               "Unveröffentlicht" not in title for _kind, title in found)
    assert _found("entwurfsausgabe") == []


def test_accents_and_script_do_not_matter(network):
    assert ("municipality", "Рума") in _found("Ruma")
    assert ("partnership", "Bersenbrück – Рума") in _found("ruma")
    assert ("municipality", "Hội An") in _found("Hoi An")
    assert ("event", "Delegationsreise nach Hội An") in _found("hoi an delegationsreise")
    assert ("partnership", "Bersenbrück – Рума") in _found("Bersenbruck")
    # A translation counts like the original; Latin finds the Cyrillic one.
    assert _found("skolska basta") == [("measure", "Schulgarten")]
    # A word finds the longer words it begins.
    assert ("measure", "Photovoltaik auf dem Rathaus") in _found("photo")


def test_an_edit_shows_up_and_a_delete_disappears(network, django_capture_on_commit_callbacks):
    measure = network["title"]
    with django_capture_on_commit_callbacks(execute=True):
        measure_update(measure, by=None, expected_version=None, title="Solarkraftwerk")
    assert _found("solarkraftwerk") == [("measure", "Solarkraftwerk")]
    assert ("measure", "Photovoltaik auf dem Rathaus") not in _found("rathaus")
    with django_capture_on_commit_callbacks(execute=True):
        measure_delete(Measure.objects.get(pk=measure.pk), by=None)
    assert _found("solarkraftwerk") == []


def test_publishing_and_withdrawing_change_what_is_found(network,
                                                         django_capture_on_commit_callbacks):
    draft = network["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        measure_publish(draft, by=None)
    assert ("measure", "Geheimer Entwurf Photovoltaik") in _found("geheimer")
    with django_capture_on_commit_callbacks(execute=True):
        partnership = Partnership.objects.get(pk=network["first"].pk)
        partnership.is_published = False
        partnership.save()
    assert _found("geheimer") == []
    assert _found("ruma") == []


@pytest.mark.parametrize("query", ["'", "*", "\"", "AND", "OR NOT", "(", "a" * 201,
                                   "x " * 30, "photovoltaik*", "NEAR(photo)", "\x00", "-"])
def test_odd_queries_give_a_message_or_results_never_an_error(client, network, query):
    response = client.get(reverse("public:search"), {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.query.message or results.query.words


def test_the_page_lists_ranked_links_with_a_constant_number_of_queries(
    client, network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("public:search"), {"q": "photovoltaik"})
    html = response.content.decode()
    first = reverse("public:measure", args=["bersenbrueck-ruma", network["title"].pk])
    second = reverse("public:measure", args=["wernigerode-hoi-an", network["body"].pk])
    assert first in html
    assert second in html
    assert html.index(first) < html.index(second)


def test_an_empty_search_shows_the_form_only(client, network):
    response = client.get(reverse("public:search"))
    assert response.status_code == 200
    assert response.context["results"].hits == []
    assert 'role="search"' in response.content.decode()


def test_the_command_rebuilds_the_index(network, capsys):
    from django.core.management import call_command

    from twinplan.search.models import SearchDocument

    SearchDocument.objects.all().delete()
    assert _found("photovoltaik") == []
    call_command("search_index")
    assert "documents" in capsys.readouterr().out
    assert [hit.obj for hit in search("photovoltaik").hits] == [network["title"],
                                                                network["body"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reindexes_of_one_partnership_at_once_both_succeed():
    """Two editors of one partnership save at once: the second reindex starts while the
    first has written its documents but not committed. It waits for the first instead of
    writing the same documents beside them (a duplicate key, seen as a 503 on PostgreSQL)."""
    import threading
    import time

    from django.db import connection, transaction

    from twinplan.search.index import partnership_reindex
    from twinplan.search.models import SearchDocument

    partnership = PartnershipFactory(slug="both", title="Beide speichern")
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership), title="Solar")
    written, errors = threading.Event(), []
    second_started = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                partnership_reindex(partnership.pk)
                written.set()
                second_started.wait(10)
                time.sleep(0.5)  # the second reaches its writes while this one is open
        except Exception as error:  # reported by the assert below
            errors.append(error)
        finally:
            written.set()
            connection.close()

    def second() -> None:
        written.wait(10)
        second_started.set()
        try:
            with transaction.atomic():
                partnership_reindex(partnership.pk)
        except Exception as error:  # reported by the assert below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    documents = list(SearchDocument.objects.filter(partnership_id=partnership.pk)
                     .values_list("kind", "object_id"))
    assert len(documents) == len(set(documents))
    assert "measure" in {kind for kind, _pk in documents}


def test_an_event_found_links_to_its_own_page(client, network):
    response = client.get(reverse("public:search"), {"q": "delegationsreise"})
    assert reverse("public:event", args=["wernigerode-hoi-an", network["trip"].pk]) in (
        response.content.decode())


def test_a_batch_of_new_measures_queues_the_reindex_of_its_partnership(
    network, django_capture_on_commit_callbacks
):
    from twinplan.programmes.services import (
        MeasureDraft,
        measures_check_bulk,
        measures_create_bulk,
    )
    from twinplan.search.hooks import Reindex

    programme = network["title"].programme
    batch = measures_check_bulk(programme=programme, by=None,
                                drafts=[MeasureDraft(fields={"title": "Windrad"})])
    with django_capture_on_commit_callbacks() as callbacks:
        measures_create_bulk(batch)
    assert Reindex(partnership_id=programme.partnership_id) in callbacks
