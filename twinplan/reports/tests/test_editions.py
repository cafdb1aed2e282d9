"""Issuing freezes a document: numbered editions, the exact file kept, built by the task,
public editions with published content only, withdrawal that keeps the listing."""

import pytest
from django.core.exceptions import ValidationError

from twinplan.programmes.services import (
    measure_create,
    measure_publish,
    measure_update,
    programme_create,
    programme_publish,
)
from twinplan.reports import services
from twinplan.reports.models import Edition, EditionState
from twinplan.reports.tests.conftest import pdf_text


@pytest.fixture
def br(partnership):
    """A published programme with one published measure (P1) and its partnership."""
    programme = programme_publish(
        programme_create(by=None, partnership=partnership, title="Handlungsprogramm"), by=None)
    measure_publish(measure_create(by=None, programme=programme, code="P1", is_pilot=True,
                                   title="Pilotmaßnahme „Klimaschutz“"), by=None)
    partnership.agreements.create(kind="friendship", title="Freundschaftsvertrag")
    return partnership


def issue(partnership, **kwargs):
    arguments = {"by": None, "kind": "results", "languages": "de", "scope": "public",
                 "file_format": "html", **kwargs}
    return services.edition_issue(partnership=partnership, **arguments)


def content_of(edition: Edition) -> bytes:
    with edition.file.open("rb") as handle:
        return handle.read()


def test_issuing_builds_the_file_through_the_task_and_numbers_editions(br):
    first = issue(br)
    assert first.state == EditionState.READY
    assert first.progress_percent == 100
    assert first.number == 1
    assert first.languages == ["de"]
    html = content_of(first).decode()
    assert "Freundschaftsvertrag" in html
    assert first.file_sha256
    second = issue(br, languages="de,sr")
    assert second.number == 2
    assert second.languages == ["de", "sr"]
    # Numbers count per document kind.
    assert issue(br, kind="funder").number == 1


def test_an_issued_edition_does_not_change_when_the_content_does(br):
    edition = issue(br)
    before = content_of(edition)
    measure = br.programmes.get().measures.get(code="P1")
    measure_update(measure, by=None, expected_version=measure.version,
                   title="Ganz neuer Titel der Pilotmaßnahme")
    edition.refresh_from_db()
    assert content_of(edition) == before
    assert "Ganz neuer Titel" not in before.decode()
    assert "Ganz neuer Titel" in content_of(issue(br)).decode()


def test_a_public_edition_never_holds_unpublished_content(br):
    programme = br.programmes.get()
    measure_create(by=None, programme=programme, code="D1", title="Geheimer Entwurf D1")
    public = content_of(issue(br, kind="programme")).decode()
    assert "P1 " in public
    assert "Geheimer Entwurf D1" not in public
    internal = content_of(issue(br, kind="programme", scope="draft")).decode()
    assert "Geheimer Entwurf D1" in internal
    assert "[Entwurf]" in internal  # drafts are marked as such


@pytest.mark.slow
def test_a_public_pdf_edition_leaves_out_drafts_too(br):
    programme = br.programmes.get()
    measure_create(by=None, programme=programme, code="D1", title="Geheimer Entwurf D1")
    edition = issue(br, kind="programme", file_format="pdf")
    assert edition.filename == "wernigerode-hoi-an-programme-1-de.pdf"
    text = pdf_text(content_of(edition))
    assert "Pilotmaßnahme „Klimaschutz“" in text
    assert "Geheimer Entwurf" not in text


def test_a_public_edition_needs_a_published_partnership(br):
    br.is_published = False
    br.save(update_fields=["is_published"])
    with pytest.raises(ValidationError) as error:
        issue(br)
    assert "scope" in error.value.message_dict
    assert not Edition.objects.exists()
    assert issue(br, scope="draft").state == EditionState.READY


@pytest.mark.parametrize(
    ("languages", "message"),
    [("xx", "“xx” is not a content language"), ("de,sr,vi", "two side by side"),
     ("de,de", "listed twice"), ("", "Choose a language")],
)
def test_bad_languages_are_refused_and_nothing_is_issued(br, languages, message):
    with pytest.raises(ValidationError) as error:
        issue(br, languages=languages)
    assert message in " ".join(error.value.message_dict["languages"])
    assert not Edition.objects.exists()


def test_unknown_kind_is_refused(br):
    with pytest.raises(ValidationError) as error:
        issue(br, kind="poster")
    assert "kind" in error.value.message_dict


def test_withdrawing_keeps_the_edition_listed_as_withdrawn(br, alice):
    coordinator = alice
    edition = issue(br)
    services.edition_withdraw(edition, by=coordinator)
    edition.refresh_from_db()
    assert edition.is_withdrawn
    assert edition.withdrawn_by == coordinator
    assert edition.is_ready  # the file stays
    assert edition.history.first().history_user == coordinator


def test_an_internal_edition_is_not_withdrawn(br, alice):
    edition = issue(br, scope="draft")
    with pytest.raises(ValidationError):
        services.edition_withdraw(edition, by=alice)
    edition.refresh_from_db()
    assert not edition.is_withdrawn


def test_a_failed_build_says_so_and_keeps_no_file(br, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(services, "document", broken)
    edition = issue(br)
    assert edition.state == EditionState.FAILED
    assert "konnte nicht erstellt werden" in edition.error  # in the language issued in
    assert not edition.file


def test_a_build_runs_once(br):
    edition = issue(br)
    sha = edition.file_sha256
    again = services.edition_build(edition_id=edition.pk)
    assert again.file_sha256 == sha
