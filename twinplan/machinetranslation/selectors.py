"""Reads the translation workspace shares: which machine-translation jobs exist for which
objects, and whether machine translation is offered at all."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from twinplan.machinetranslation.backends import machine_translation_available
from twinplan.machinetranslation.models import MachineTranslationJob

__all__ = [
    "JobKey",
    "jobs_for_object",
    "jobs_for_objects",
    "latest_jobs_for_objects",
    "machine_translation_available",
]

# (model label such as "programmes.measure", pk, field, target language)
JobKey = tuple[str, int, str, str]


def jobs_for_object(obj: Model) -> QuerySet[MachineTranslationJob]:
    """Every job for one object, newest first."""
    return jobs_for_objects([(type(obj), obj.pk)])


def jobs_for_objects(
    objects: Iterable[tuple[type[Model] | str, int]],
) -> QuerySet[MachineTranslationJob]:
    """Every job for the given (model, pk) pairs, newest first, in one query. A model is a
    class or its label ("programmes.measure")."""
    pks_by_model: dict[type[Model] | str, set[int]] = {}
    for model, pk in objects:
        pks_by_model.setdefault(model, set()).add(pk)
    condition = Q()
    for model, pks in pks_by_model.items():
        content_type = _content_type(model)
        condition |= Q(content_type=content_type, object_id__in=sorted(pks))
    if not pks_by_model:
        return MachineTranslationJob.objects.none()
    return MachineTranslationJob.objects.filter(condition).select_related(
        "content_type", "requested_by"
    )


def latest_jobs_for_objects(
    objects: Iterable[tuple[type[Model] | str, int]],
) -> dict[JobKey, MachineTranslationJob]:
    """The newest job per (model label, pk, field, target language): what the workspace
    shows next to each translation ("queued", "done", "failed: why")."""
    latest: dict[JobKey, MachineTranslationJob] = {}
    for job in jobs_for_objects(objects).order_by("created_at", "pk"):
        key = (
            f"{job.content_type.app_label}.{job.content_type.model}",
            job.object_id,
            job.field,
            job.target_language,
        )
        latest[key] = job
    return latest


def _content_type(model: type[Model] | str) -> ContentType:
    # ContentType's manager caches, so a page asks the database once per model at most.
    if isinstance(model, str):
        app_label, _dot, model_name = model.partition(".")
        return ContentType.objects.get_by_natural_key(app_label, model_name.lower())
    return ContentType.objects.get_for_model(model)
