"""Machine translation against a LibreTranslate-compatible server on loopback: what a
coordinator who asks for one sees, and that a failure changes nothing."""

import threading

import pytest
from django.core.exceptions import ValidationError

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.services import translation_set
from twinplan.core.translation import fingerprint, translated
from twinplan.machinetranslation.backends import (
    LibreTranslateClient,
    MachineTranslationError,
    MachineTranslationNotConfigured,
    machine_translation_available,
    machine_translation_backend,
)
from twinplan.machinetranslation.models import JobState, MachineTranslationJob
from twinplan.machinetranslation.selectors import (
    jobs_for_object,
    jobs_for_objects,
    latest_jobs_for_objects,
)
from twinplan.machinetranslation.services import (
    machine_translation_job_run,
    machine_translation_request,
)
from twinplan.programmes.services import measure_update
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _request(measure, *, fields=("title",), languages=("vi",), **kwargs):
    return machine_translation_request(
        obj=measure, fields=list(fields), target_languages=list(languages),
        requested_by=kwargs.pop("requested_by", None), **kwargs,
    )


def _queued_job(measure, *, field="title", language="vi", **kwargs):
    """A job as the request service leaves it, not yet run by the queue."""
    return MachineTranslationJob.objects.create(
        content_type_id=_content_type_id(measure), object_id=measure.pk, field=field,
        source_language=measure.original_language, target_language=language, **kwargs,
    )


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


# --- the job stores a machine translation ------------------------------------------------


def test_job_stores_machine_translation_of_the_current_original(machine_translation_on, measure):
    [job] = _request(measure)

    assert job.state == JobState.DONE
    assert job.message == ""
    assert job.finished_at is not None
    assert job.task_result_id
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"] == {
        "text": "Năng lượng sạch cho trường học",
        "status": "machine",
        "source_fingerprint": fingerprint("Saubere Energie für Schulen"),
    }
    shown = translated(measure, "title", "vi")
    assert shown.is_machine
    assert not shown.is_outdated
    # LibreTranslate's API as it is spoken: plain text, the key, the language pair.
    [sent] = machine_translation_on.requests
    assert sent == {
        "q": ["Saubere Energie für Schulen"], "source": "de", "target": "vi",
        "format": "text", "api_key": "test-key",
    }


def test_several_fields_and_languages_make_one_job_each(machine_translation_on, measure):
    jobs = _request(measure, fields=["title", "summary"], languages=["vi", "en"])

    assert [(job.field, job.target_language, job.state) for job in jobs] == [
        ("title", "vi", "done"), ("title", "en", "done"),
        ("summary", "vi", "done"), ("summary", "en", "done"),
    ]
    measure.refresh_from_db()
    assert translated(measure, "title", "en").text == "Clean energy for schools"
    assert translated(measure, "summary", "vi").text == "PHOTOVOLTAIK AUF DREI SCHULDÄCHERN"


def test_serbian_latin_is_asked_as_serbian_and_transliterated(machine_translation_on, measure):
    [latin, cyrillic] = _request(measure, languages=["sr-latn", "sr"])

    assert (latin.state, cyrillic.state) == ("done", "done")
    assert [sent["target"] for sent in machine_translation_on.requests] == ["sr", "sr"]
    measure.refresh_from_db()
    assert measure.translations["sr-latn"]["title"]["text"] == "Čista energija za škole"
    assert measure.translations["sr"]["title"]["text"] == "Чиста енергија за школе"
    assert measure.translations["sr-latn"]["title"]["status"] == "machine"


def test_serbian_from_a_persons_translation_in_the_other_script_is_not_machine_translated(
    machine_translation_on, measure
):
    translation_set(obj=measure, field="title", language="sr", text="Чиста енергија",
                    status="human")

    assert _request(measure, languages=["sr-latn"]) == []
    assert translated(measure, "title", "sr-latn").text == "Čista energija"


def test_an_outdated_machine_translation_is_replaced(machine_translation_on, measure):
    translation_set(obj=measure, field="title", language="vi", text="cũ", status="machine")
    measure = measure_update(measure, by=None, expected_version=None,
                             title="Saubere Energie für alle Schulen")

    [job] = _request(measure)

    assert job.state == JobState.DONE
    measure.refresh_from_db()
    entry = measure.translations["vi"]["title"]
    assert entry["text"] == "SAUBERE ENERGIE FÜR ALLE SCHULEN"
    assert entry["source_fingerprint"] == fingerprint("Saubere Energie für alle Schulen")


def test_the_change_is_recorded_as_the_requesters(machine_translation_on, measure):
    alice = UserFactory(username="alice", language="de")

    _request(measure, requested_by=alice)

    last = measure.history.order_by("-history_date").first()
    assert last.history_user == alice
    assert "machine translation" in last.history_change_reason


def test_nothing_to_do_makes_no_job(machine_translation_on, measure):
    translation_set(obj=measure, field="title", language="vi", text="Bản dịch", status="machine")

    assert _request(measure, fields=["title", "description"], languages=["vi", "de"]) == []
    assert machine_translation_on.requests == []


def test_a_pending_job_is_not_asked_twice(machine_translation_on, measure, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    [first] = _request(measure)
    [again] = _request(measure, languages=["vi", "en"])[:1]

    assert first.state == again.state == JobState.QUEUED
    assert again.pk == first.pk
    assert MachineTranslationJob.objects.count() == 2  # vi (once) and en


def test_a_job_abandoned_by_its_worker_is_failed_and_asked_again(
    machine_translation_on, measure
):
    from datetime import timedelta

    from django.utils import timezone

    stuck = _queued_job(measure, state=JobState.RUNNING,
                        started_at=timezone.now() - timedelta(hours=2))

    [job] = _request(measure)

    assert job.pk != stuck.pk
    assert job.state == JobState.DONE
    stuck.refresh_from_db()
    assert stuck.state == JobState.FAILED
    assert "worker stopped" in stuck.message


# --- a person's translation wins -----------------------------------------------------------


@pytest.mark.parametrize("status", ["human", "reviewed"])
def test_a_current_translation_by_a_person_is_never_overwritten(
    machine_translation_on, measure, status
):
    translation_set(obj=measure, field="title", language="vi", text="Do người dịch",
                    status=status)
    before = dict(measure.translations)

    assert _request(measure) == []  # nothing is asked for
    # …and a job queued before the person saved leaves it alone when it runs.
    job = machine_translation_job_run(job_id=_queued_job(measure).pk)

    assert job.state == JobState.SKIPPED
    assert "kept" in job.message
    measure.refresh_from_db()
    assert measure.translations == before
    assert machine_translation_on.requests == []


def test_an_outdated_translation_by_a_person_is_replaced_only_when_asked(
    machine_translation_on, measure
):
    translation_set(obj=measure, field="title", language="vi", text="Do người dịch",
                    status="human")
    measure = measure_update(measure, by=None, expected_version=None,
                             title="Saubere Energie für alle Schulen")

    assert _request(measure) == []
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"]["text"] == "Do người dịch"

    [job] = _request(measure, replace_outdated=True)

    assert job.state == JobState.DONE
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"]["status"] == "machine"


def test_a_person_translating_while_the_server_works_wins(machine_translation_on, measure):
    job = _queued_job(measure)

    class PersonMeanwhile:
        def translate(self, texts, source, target):
            translation_set(obj=MeasureFactory._meta.model.objects.get(pk=measure.pk),
                            field="title", language="vi", text="Do người dịch", status="human")
            return ["máy"]

    job = machine_translation_job_run(job_id=job.pk, backend=PersonMeanwhile())

    assert job.state == JobState.SKIPPED
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"]["text"] == "Do người dịch"


def test_an_original_edited_while_the_server_works_is_not_mislabelled(
    machine_translation_on, measure
):
    job = _queued_job(measure)

    class EditMeanwhile:
        def translate(self, texts, source, target):
            fresh = MeasureFactory._meta.model.objects.get(pk=measure.pk)
            measure_update(fresh, by=None, expected_version=None, title="Neuer Titel")
            return ["bản dịch của tiêu đề cũ"]

    job = machine_translation_job_run(job_id=job.pk, backend=EditMeanwhile())

    assert job.state == JobState.FAILED
    assert "changed while it was being translated" in job.message
    measure.refresh_from_db()
    assert measure.title == "Neuer Titel"
    assert "vi" not in measure.translations


# --- failures: a clear state, nothing lost -------------------------------------------------


def test_server_down_fails_the_job_naming_the_address_and_changes_nothing(
    settings, refused_url, measure
):
    settings.LIBRETRANSLATE_URL = refused_url
    translation_set(obj=measure, field="title", language="vi", text="cũ", status="machine")
    measure = measure_update(measure, by=None, expected_version=None,
                             title="Saubere Energie für alle Schulen")
    measure.refresh_from_db()
    before = (measure.title, measure.translations, measure.version)

    [job] = _request(measure)

    assert job.state == JobState.FAILED
    assert refused_url in job.message
    assert "cannot be reached" in job.message
    assert "connection refused" in job.message
    assert job.finished_at is not None
    measure.refresh_from_db()
    assert (measure.title, measure.translations, measure.version) == before


def test_http_error_passes_on_the_servers_message(machine_translation_on, measure):
    machine_translation_on.failure = (
        400, '{"error": "Invalid request: missing q parameter"}'
    )

    [job] = _request(measure)

    assert job.state == JobState.FAILED
    assert "HTTP 400" in job.message
    assert "Invalid request: missing q parameter" in job.message
    assert machine_translation_on.url in job.message
    measure.refresh_from_db()
    assert measure.translations == {}


def test_a_wrong_api_key_is_reported(machine_translation_on, measure, settings):
    settings.LIBRETRANSLATE_API_KEY = "wrong"

    [job] = _request(measure)

    assert job.state == JobState.FAILED
    assert "HTTP 403" in job.message
    assert "Invalid API key" in job.message


def test_an_unsupported_language_pair_is_named(machine_translation_on, measure, settings):
    settings.CONTENT_LANGUAGES = [*settings.CONTENT_LANGUAGES, ("es", "Español")]

    [job] = _request(measure, languages=["es"])

    assert job.state == JobState.FAILED
    assert "does not translate from Deutsch into Español" in job.message


def test_a_server_that_does_not_answer_in_time(machine_translation_on, measure, settings):
    settings.LIBRETRANSLATE_TIMEOUT_S = 0.2
    machine_translation_on.hold = threading.Event()
    try:
        [job] = _request(measure)
    finally:
        machine_translation_on.hold.set()

    assert job.state == JobState.FAILED
    assert "did not answer within 0.2 seconds" in job.message
    measure.refresh_from_db()
    assert measure.translations == {}


def test_something_that_is_not_libretranslate(machine_translation_on, measure):
    machine_translation_on.failure = (200, "<html>It works!</html>")

    [job] = _request(measure)

    assert job.state == JobState.FAILED
    assert "not a LibreTranslate translation" in job.message


def test_a_deleted_object_fails_its_job(machine_translation_on, measure):
    job = _queued_job(measure)
    measure.delete()

    job = machine_translation_job_run(job_id=job.pk)

    assert job.state == JobState.FAILED
    assert "deleted" in job.message


def test_an_unexpected_error_fails_the_job_and_is_raised_for_the_log(
    machine_translation_on, measure
):
    job = _queued_job(measure)

    class Broken:
        def translate(self, texts, source, target):
            raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        machine_translation_job_run(job_id=job.pk, backend=Broken())

    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "unexpected error" in job.message


def test_a_finished_job_is_not_run_again(machine_translation_on, measure):
    [job] = _request(measure)
    machine_translation_on.requests.clear()

    assert machine_translation_job_run(job_id=job.pk).state == JobState.DONE
    assert machine_translation_on.requests == []


# --- without a backend the feature is off --------------------------------------------------


def test_without_a_url_there_is_no_backend_and_requests_are_refused(measure, settings):
    settings.LIBRETRANSLATE_URL = ""

    assert machine_translation_backend() is None
    assert not machine_translation_available()
    with pytest.raises(MachineTranslationNotConfigured) as refused:
        _request(measure)
    assert "not set up" in refused.value.message
    assert "TWINPLAN_LIBRETRANSLATE_URL" in refused.value.message
    assert MachineTranslationJob.objects.count() == 0


def test_a_url_that_is_not_http_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    from twinplan.machinetranslation.checks import check_libretranslate_url

    settings.LIBRETRANSLATE_URL = "ftp://translate.example.org"
    with pytest.raises(ImproperlyConfigured):
        machine_translation_backend()
    assert [error.id for error in check_libretranslate_url()] == ["machinetranslation.E001"]


def test_unknown_fields_and_languages_are_refused(machine_translation_on, measure):
    with pytest.raises(ValidationError):
        _request(measure, fields=["programme"])
    with pytest.raises(ValidationError):
        _request(measure, languages=["xx"])
    assert MachineTranslationJob.objects.count() == 0


def test_the_address_shown_to_people_hides_a_password():
    client = LibreTranslateClient("https://user:secret@translate.example.org/lt/")
    assert client.address == "https://translate.example.org/lt"


def test_client_translates_a_batch(libretranslate):
    client = LibreTranslateClient(libretranslate.url, api_key="test-key", timeout_s=5)

    assert client.translate(["eins", "zwei"], "de", "en") == ["EINS", "ZWEI"]
    assert client.languages()["de"] == {"en", "sr", "vi"}
    with pytest.raises(MachineTranslationError):
        LibreTranslateClient(libretranslate.url, timeout_s=5).translate(["eins"], "de", "en")


# --- the database backend and its worker ---------------------------------------------------


def test_with_the_database_backend_a_worker_runs_the_job(machine_translation_on, measure,
                                                         settings, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections it thinks stale; inside the test's transaction that
    # would be the test's own connection (PostgreSQL).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    [job] = _request(measure)
    assert job.state == JobState.QUEUED

    db_worker.Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()

    job.refresh_from_db()
    assert job.state == JobState.DONE
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"]["status"] == "machine"


# --- what the workspace reads --------------------------------------------------------------


def test_selectors_give_the_latest_job_per_field_and_language(
    settings, refused_url, machine_translation_on, measure, django_assert_num_queries
):
    other = MeasureFactory(title="Bäume pflanzen", original_language="de")
    settings.LIBRETRANSLATE_URL = refused_url
    [failed] = _request(measure)
    settings.LIBRETRANSLATE_URL = machine_translation_on.url
    [done] = _request(measure)
    [other_job] = _request(other, languages=["en"])

    assert list(jobs_for_object(measure)) == [done, failed]
    with django_assert_num_queries(1):
        latest = latest_jobs_for_objects(
            [(type(measure), measure.pk), ("programmes.measure", other.pk)]
        )
    assert latest == {
        ("programmes.measure", measure.pk, "title", "vi"): done,
        ("programmes.measure", other.pk, "title", "en"): other_job,
    }
    assert list(jobs_for_objects([])) == []
