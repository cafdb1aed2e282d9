"""Asking for machine translations and running the jobs that make them.

The workspace calls `machine_translation_request`; the task queue calls
`machine_translation_job_run`. A machine translation never replaces a person's current
translation, and a failed job leaves the object and its translations as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinplan.core.languages import content_language_name, validate_content_language
from twinplan.core.models import TranslatableModel
from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus, field_label, fingerprint
from twinplan.machinetranslation.backends import (
    MachineTranslationBackend,
    MachineTranslationError,
    MachineTranslationNotConfigured,
    machine_translation_available,
    machine_translation_backend,
)
from twinplan.machinetranslation.models import JobState, MachineTranslationJob

if TYPE_CHECKING:
    from twinplan.accounts.models import User

logger = logging.getLogger(__name__)

_BY_A_PERSON = (TranslationStatus.HUMAN, TranslationStatus.REVIEWED)
# A job still "running" this long after it started lost its worker (killed, restarted).
ABANDONED_AFTER = timedelta(minutes=30)
_OTHER_SERBIAN_SCRIPT = {"sr": "sr-latn", "sr-latn": "sr"}


def _reason_not_to_translate(
    obj: TranslatableModel, field: str, language: str, *, replace_outdated: bool
) -> str | None:
    """None when a machine translation of `field` into `language` is wanted; else why not.
    The request and the job both ask, the job again right before it writes."""
    original = getattr(obj, field) or ""
    label = field_label(obj, field)
    if not original.strip():
        return _("The %(field)s is empty: there is nothing to translate.") % {"field": label}
    if language == obj.original_language:
        return _("The %(field)s is written in %(language)s: that is the original.") % {
            "field": label, "language": content_language_name(language)
        }
    if _OTHER_SERBIAN_SCRIPT.get(language) == obj.original_language:
        return _(
            "The %(field)s is written in Serbian; the other script is derived from it by "
            "transliteration."
        ) % {"field": label}
    entry = (obj.translations or {}).get(language, {}).get(field)
    if isinstance(entry, dict) and entry.get("text"):
        is_current = entry.get("source_fingerprint") == fingerprint(original)
        if entry.get("status") in _BY_A_PERSON:
            if is_current:
                return _(
                    "A person's translation into %(language)s is there and current; "
                    "it was kept."
                ) % {"language": content_language_name(language)}
            if not replace_outdated:
                return _(
                    "A person's translation into %(language)s is there (outdated); it was "
                    "kept. Update it by hand, or ask again allowing outdated translations "
                    "to be replaced."
                ) % {"language": content_language_name(language)}
        elif is_current:
            return _("A current machine translation into %(language)s is already there.") % {
                "language": content_language_name(language)
            }
        return None
    other_script = _OTHER_SERBIAN_SCRIPT.get(language)
    if other_script is not None:
        other = (obj.translations or {}).get(other_script, {}).get(field)
        if (
            isinstance(other, dict)
            and other.get("text")
            and other.get("status") in _BY_A_PERSON
            and other.get("source_fingerprint") == fingerprint(original)
        ):
            # Read in this script, a person's current translation in the other script is
            # transliterated; that beats a machine translation of the original.
            return _(
                "A person's current translation into %(other)s is there; %(language)s is "
                "derived from it."
            ) % {
                "other": content_language_name(other_script),
                "language": content_language_name(language),
            }
    return None


def machine_translation_request(
    *,
    obj: TranslatableModel,
    fields: Iterable[str],
    target_languages: Iterable[str],
    requested_by: User | None,
    replace_outdated: bool = False,
) -> list[MachineTranslationJob]:
    """Queue a job per field and language that needs a machine translation (missing, or an
    outdated machine one; an outdated person's one only with `replace_outdated`).
    Returns the jobs that will provide them: the new ones and any already queued. Fields
    and languages that need nothing get no job. Raises MachineTranslationNotConfigured
    when no backend is set up, ValidationError for an unknown field or language.
    Permissions are the caller's to check."""
    if not machine_translation_available():
        raise MachineTranslationNotConfigured()
    fields, target_languages = list(dict.fromkeys(fields)), list(dict.fromkeys(target_languages))
    for field in fields:
        if field not in obj.translatable_fields:
            raise ValidationError(
                _("“%(field)s” is not a translatable field of %(model)s."),
                params={"field": field, "model": obj._meta.verbose_name},
            )
    for language in target_languages:
        validate_content_language(language)

    content_type = ContentType.objects.get_for_model(obj)
    pending: dict[tuple[str, str], MachineTranslationJob] = {}
    abandoned_before = timezone.now() - ABANDONED_AFTER
    for job in MachineTranslationJob.objects.filter(
        content_type=content_type,
        object_id=obj.pk,
        state__in=(JobState.QUEUED, JobState.RUNNING),
    ):
        if job.state == JobState.RUNNING and job.started_at and job.started_at < abandoned_before:
            _finish(job, JobState.FAILED, _(
                "The worker stopped while this job was running; it was asked for again."
            ))
            continue
        pending[job.field, job.target_language] = job
    jobs: list[MachineTranslationJob] = []
    new_jobs: list[MachineTranslationJob] = []
    for field in fields:
        for language in target_languages:
            if (field, language) in pending:
                jobs.append(pending[field, language])
                continue
            if _reason_not_to_translate(
                obj, field, language, replace_outdated=replace_outdated
            ) is not None:
                continue
            job = MachineTranslationJob.objects.create(
                content_type=content_type,
                object_id=obj.pk,
                field=field,
                source_language=obj.original_language,
                target_language=language,
                replace_outdated=replace_outdated,
                requested_by=requested_by,
            )
            jobs.append(job)
            new_jobs.append(job)

    # Imported here: the task module imports this one to run the jobs.
    from twinplan.machinetranslation.tasks import run_machine_translation_job

    for job in new_jobs:
        try:
            result = run_machine_translation_job.enqueue(job.pk)
        except Exception:
            _finish(job, JobState.FAILED, _("The job could not be put on the task queue."))
            raise
        MachineTranslationJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
    # The immediate backend (tests, or a site without a worker) has already run them.
    fresh = MachineTranslationJob.objects.in_bulk([job.pk for job in jobs])
    return [fresh[job.pk] for job in jobs]


def machine_translation_job_run(
    *, job_id: int, backend: MachineTranslationBackend | None = None
) -> MachineTranslationJob:
    """Run one queued job: translate the field's current original and store it with status
    "machine". The job ends done, skipped (with why) or failed (with why); when it fails,
    the object is unchanged. A job that is no longer queued is left alone."""
    claimed = MachineTranslationJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    job = MachineTranslationJob.objects.select_related("content_type", "requested_by").get(
        pk=job_id
    )
    if not claimed:
        return job
    # Messages are stored in the language of the person who asked.
    language = getattr(job.requested_by, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            state, message = _translate_and_store(job, backend)
        except MachineTranslationError as error:
            state, message = JobState.FAILED, error.message
        except ValidationError as error:
            state, message = JobState.FAILED, " ".join(error.messages)
        except Exception:
            logger.exception("Machine-translation job %s failed", job_id)
            _finish(job, JobState.FAILED, _(
                "The translation stopped with an unexpected error; nothing was changed. "
                "The administrator finds the details in the task log."
            ))
            raise
    _finish(job, state, message)
    return job


def _finish(job: MachineTranslationJob, state: str, message: str) -> None:
    job.state = state
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "finished_at", "source_language"])


def _translate_and_store(
    job: MachineTranslationJob, backend: MachineTranslationBackend | None
) -> tuple[str, str]:
    backend = backend or machine_translation_backend()
    if backend is None:
        raise MachineTranslationNotConfigured()
    try:
        model = apps.get_model(job.content_type.app_label, job.content_type.model)
    except LookupError:
        model = None
    if model is None or not issubclass(model, TranslatableModel):
        raise MachineTranslationError(_("This kind of content can no longer be translated."))
    obj = model._default_manager.filter(pk=job.object_id).first()
    if obj is None:
        raise MachineTranslationError(
            _("The %(kind)s was deleted before it could be translated.")
            % {"kind": model._meta.verbose_name}
        )
    if job.field not in obj.translatable_fields:
        raise MachineTranslationError(
            _("“%(field)s” is not a translatable field of %(model)s.")
            % {"field": job.field, "model": model._meta.verbose_name}
        )
    skip = _reason_not_to_translate(
        obj, job.field, job.target_language, replace_outdated=job.replace_outdated
    )
    if skip is not None:
        return JobState.SKIPPED, skip

    original, source = getattr(obj, job.field), obj.original_language
    job.source_language = source  # the original may have changed language since the request
    # The slow part, outside any transaction: nothing is locked while the server works.
    [text] = backend.translate([original], source, job.target_language)
    if not text.strip():
        raise MachineTranslationError(
            _("The translation server returned an empty text; nothing was changed.")
        )

    with transaction.atomic():
        fresh: Any = model._default_manager.select_for_update().filter(pk=obj.pk).first()
        if fresh is None:
            raise MachineTranslationError(
                _("The %(kind)s was deleted while it was being translated.")
                % {"kind": model._meta.verbose_name}
            )
        if (
            fresh.original_language != source
            or fingerprint(getattr(fresh, job.field) or "") != fingerprint(original)
        ):
            raise MachineTranslationError(
                _("The original text changed while it was being translated; nothing was "
                  "stored. Ask for the translation again.")
            )
        # Someone may have translated it by hand meanwhile: ask again under the lock.
        skip = _reason_not_to_translate(
            fresh, job.field, job.target_language, replace_outdated=job.replace_outdated
        )
        if skip is not None:
            return JobState.SKIPPED, skip
        # Recorded in the change history as the requester's edit (django-simple-history).
        fresh._history_user = job.requested_by
        fresh._change_reason = f"machine translation into {job.target_language}"
        translation_set(
            obj=fresh,
            field=job.field,
            language=job.target_language,
            text=text,
            status=TranslationStatus.MACHINE,
        )
    return JobState.DONE, ""
