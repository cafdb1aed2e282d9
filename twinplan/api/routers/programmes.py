"""The action programme: its tree (fields → goals → measures), the measures with their
filters, and writes of measures and progress entries through programmes.services under
the editor pages' rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from twinplan.api.auth import READ, WRITE, caller_of, writer_of
from twinplan.api.common import (
    PagingQuery,
    decimal_text,
    envelope,
    forbidden,
    not_found,
    page,
    rendered,
    service_call,
    set_etag,
    unknown,
    versioned_update,
)
from twinplan.api.language import requested_language, text, values_text
from twinplan.api.permissions import (
    draft_partnerships_q,
    may_add_measure,
    may_add_progress,
    may_edit_measure,
    may_edit_progress,
    may_read_drafts,
)
from twinplan.api.routers.partnerships import public_url, public_urls, visible_partnership
from twinplan.api.schemas.common import Conflict, Error
from twinplan.api.schemas.programmes import (
    MeasureCreateIn,
    MeasureDetail,
    MeasureFieldsIn,
    MeasurePage,
    MeasurePatchIn,
    MeasurePutIn,
    ProgrammeOut,
    ProgressFieldsIn,
    ProgressOut,
    ProgressPatchIn,
    ProgressPutIn,
)
from twinplan.core.languages import content_language_codes
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import AnyUser
from twinplan.programmes import services
from twinplan.programmes.models import (
    ActionProgramme,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureStatus,
    ProgressEntry,
)
from twinplan.programmes.selectors import programme_tree
from twinplan.reference.models import SdgGoal, SdgTarget

router = Router(tags=["programmes and measures"], auth=READ)

READ_ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error, 429: Error}
WRITE_ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error,
                                428: Error, 429: Error}


# --- reading -----------------------------------------------------------------------------


def visible_measure_rows(user: AnyUser) -> QuerySet[Measure]:
    """Published measures, and all of the partnerships whose drafts `user` reads, in the
    lists' stable order."""
    return (
        Measure.objects.filter(
            Q(is_published=True, programme__is_published=True,
              programme__partnership__is_published=True)
            | draft_partnerships_q(user, "programme__partnership")
        )
        .order_by("programme__partnership__slug", "programme__edition", "code", "id")
    )


def visible_measures(user: AnyUser) -> QuerySet[Measure]:
    """`visible_measure_rows` as model instances with what a measure shows, in a fixed
    number of queries."""
    return (
        visible_measure_rows(user)
        .select_related("programme__partnership", "lead_municipality")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("id").order_by("id")),
            Prefetch("implementing_municipalities",
                     queryset=Municipality.objects.only("id", "slug").order_by("slug")),
            Prefetch("sdg_goals", queryset=SdgGoal.objects.order_by("code")),
            Prefetch("sdg_targets", queryset=SdgTarget.objects.order_by("sort_key")),
            Prefetch("actors", queryset=MeasureActor.objects.order_by("position", "id")),
        )
    )


def measure_data(request: HttpRequest, m: Measure, language: str) -> dict[str, Any]:
    partnership = m.programme.partnership
    return {
        "id": m.pk,
        "version": m.version,
        "partnership": partnership.slug,
        "programme": m.programme_id,
        "code": m.code,
        "title": text(m, "title", language),
        "summary": text(m, "summary", language),
        "status": m.status,
        "is_pilot": m.is_pilot,
        "weight": m.weight,
        "progress_percent": m.progress_percent,
        "planned_start": m.planned_start,
        "planned_end": m.planned_end,
        "actual_start": m.actual_start,
        "actual_end": m.actual_end,
        "field_of_action": m.field_of_action_id,
        "goals": [g.pk for g in m.goals.all()],
        "lead_municipality": m.lead_municipality.slug if m.lead_municipality else None,
        "implementing_municipalities": [t.slug for t in m.implementing_municipalities.all()],
        "actor_types": sorted({a.kind for a in m.actors.all()}),
        "sdg_goals": [g.code for g in m.sdg_goals.all()],
        "sdg_targets": [t.code for t in m.sdg_targets.all()],
        "dac_sector": m.dac_sector,
        "covenant_sector": m.covenant_sector,
        "reported_figures": {
            "energy_saved_mwh_per_year": decimal_text(m.energy_saved_mwh_per_year),
            "renewable_energy_mwh_per_year": decimal_text(m.renewable_energy_mwh_per_year),
            "co2_reduced_t_per_year": decimal_text(m.co2_reduced_t_per_year),
            "source": m.reported_figures_source,
        },
        "is_published": m.is_public,
        "is_demo_content": m.is_demo_content,
        "updated_at": m.updated_at,
        "url": public_url(request, "public:measure", language, slug=partnership.slug,
                          pk=m.pk),
    }


# The columns a list shows, fetched as values: model instances for a page of 100 measures
# (and their related rows) cost many times the fetch itself.
MEASURE_LIST_COLUMNS = (
    "id", "version", "programme_id", "programme__partnership__slug", "code", "title",
    "summary", "original_language", "translations", "status", "is_pilot", "weight",
    "progress_percent", "planned_start", "planned_end", "actual_start", "actual_end",
    "field_of_action_id", "lead_municipality__slug", "dac_sector", "covenant_sector",
    "energy_saved_mwh_per_year", "renewable_energy_mwh_per_year", "co2_reduced_t_per_year",
    "reported_figures_source", "is_published", "programme__is_published",
    "programme__partnership__is_published", "is_demo_content", "updated_at",
)


def _related_lists(ids: list[int]) -> dict[str, dict[int, list[Any]]]:
    """The measures' goals, implementing towns, SDGs, SDG targets and actor types, one
    query each, in the order `measure_data` gives them."""
    goals = Measure.goals.through.objects.filter(measure_id__in=ids).order_by("goal_id")
    towns = Measure.implementing_municipalities.through.objects.filter(
        measure_id__in=ids).order_by("municipality__slug")
    sdgs = Measure.sdg_goals.through.objects.filter(measure_id__in=ids).order_by(
        "sdggoal__code")
    targets = Measure.sdg_targets.through.objects.filter(measure_id__in=ids).order_by(
        "sdgtarget__sort_key")
    actors = MeasureActor.objects.filter(measure_id__in=ids).order_by()
    lists: dict[str, dict[int, list[Any]]] = {}
    for name, rows in (
        ("goals", goals.values_list("measure_id", "goal_id")),
        ("implementing_municipalities",
         towns.values_list("measure_id", "municipality__slug")),
        ("sdg_goals", sdgs.values_list("measure_id", "sdggoal__code")),
        ("sdg_targets", targets.values_list("measure_id", "sdgtarget__code")),
        ("actor_types", actors.values_list("measure_id", "kind")),
    ):
        by_measure: dict[int, list[Any]] = {pk: [] for pk in ids}
        for measure_id, value in rows:
            by_measure[measure_id].append(value)
        lists[name] = by_measure
    return lists


def measure_list_data(request: HttpRequest, rows: list[dict[str, Any]],
                      language: str) -> list[dict[str, Any]]:
    """`measure_data` of each measure, from the `MEASURE_LIST_COLUMNS` of a page of rows
    and a fixed number of queries for their related lists."""
    ids = [row["id"] for row in rows]
    lists = _related_lists(ids) if ids else {}
    url = public_urls(request, "public:measure", language)
    results = []
    for m in rows:
        pk = m["id"]
        slug = m["programme__partnership__slug"]
        results.append({
            "id": pk,
            "version": m["version"],
            "partnership": slug,
            "programme": m["programme_id"],
            "code": m["code"],
            "title": values_text(m, "title", language),
            "summary": values_text(m, "summary", language),
            "status": m["status"],
            "is_pilot": m["is_pilot"],
            "weight": m["weight"],
            "progress_percent": m["progress_percent"],
            "planned_start": m["planned_start"],
            "planned_end": m["planned_end"],
            "actual_start": m["actual_start"],
            "actual_end": m["actual_end"],
            "field_of_action": m["field_of_action_id"],
            "goals": lists["goals"][pk],
            "lead_municipality": m["lead_municipality__slug"],
            "implementing_municipalities": lists["implementing_municipalities"][pk],
            "actor_types": sorted(set(lists["actor_types"][pk])),
            "sdg_goals": lists["sdg_goals"][pk],
            "sdg_targets": lists["sdg_targets"][pk],
            "dac_sector": m["dac_sector"],
            "covenant_sector": m["covenant_sector"],
            "reported_figures": {
                "energy_saved_mwh_per_year": decimal_text(m["energy_saved_mwh_per_year"]),
                "renewable_energy_mwh_per_year": decimal_text(
                    m["renewable_energy_mwh_per_year"]),
                "co2_reduced_t_per_year": decimal_text(m["co2_reduced_t_per_year"]),
                "source": m["reported_figures_source"],
            },
            "is_published": (m["is_published"] and m["programme__is_published"]
                             and m["programme__partnership__is_published"]),
            "is_demo_content": m["is_demo_content"],
            "updated_at": m["updated_at"],
            "url": url(slug, pk),
        })
    return results


def progress_data(entry: ProgressEntry, language: str) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "version": entry.version,
        "measure": entry.measure_id,
        "kind": entry.kind,
        "date": entry.date,
        "text": text(entry, "text", language),
        "progress_percent": entry.progress_percent,
        "approved": entry.is_approved,
        "review_state": entry.review_state,
        "organisation": entry.organisation_id,
    }


def _progress_visible(user: AnyUser, measure: Measure) -> list[ProgressEntry]:
    entries = list(measure.progress.all())
    if may_read_drafts(user, measure.programme.partnership):
        return entries
    return [entry for entry in entries if entry.is_approved]


def measure_detail_data(request: HttpRequest, measure: Measure, language: str) -> dict[str, Any]:
    data = measure_data(request, measure, language)
    data["description"] = text(measure, "description", language)
    data["context"] = text(measure, "context", language)
    data["progress"] = [progress_data(entry, language)
                        for entry in _progress_visible(caller_of(request).user, measure)]
    return data


def _measure_for(request: HttpRequest, pk: int) -> Measure:
    measure = (
        visible_measures(caller_of(request).user)
        .prefetch_related(Prefetch("progress",
                                   queryset=ProgressEntry.objects.order_by("position", "id")))
        .filter(pk=pk)
        .first()
    )
    if measure is None:
        raise not_found()
    return measure


class MeasureFilters(Schema):
    partnership: str | None = Field(None, max_length=80, description="A partnership's slug.")
    programme: int | None = Field(None, ge=1, le=2**31 - 1)
    status: MeasureStatus | None = None
    field: int | None = Field(None, ge=1, le=2**31 - 1, description="A field of action's id.")
    sdg: int | None = Field(None, ge=1, le=17)
    partner: str | None = Field(
        None, max_length=80,
        description="A municipality's slug: measures it leads or implements.")
    actor_type: OrganisationType | None = None
    updated_since: datetime | None = Field(
        None, description="Measures changed at or after this moment (ISO 8601).")


@router.get("/measures", response={200: MeasurePage, **READ_ERRORS}, summary="Measures")
def measure_list(request: HttpRequest, paging: PagingQuery, filters: Query[MeasureFilters],
                 lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    rows = visible_measure_rows(caller_of(request).user)
    if filters.partnership:
        rows = rows.filter(programme__partnership__slug=filters.partnership)
    if filters.programme:
        rows = rows.filter(programme_id=filters.programme)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.field:
        rows = rows.filter(field_of_action_id=filters.field)
    if filters.sdg:
        rows = rows.filter(pk__in=Measure.sdg_goals.through.objects.filter(
            sdggoal__code=filters.sdg).values("measure_id"))
    if filters.partner:
        rows = rows.filter(
            Q(lead_municipality__slug=filters.partner)
            | Q(pk__in=Measure.implementing_municipalities.through.objects.filter(
                municipality__slug=filters.partner).values("measure_id"))
        )
    if filters.actor_type:
        rows = rows.filter(pk__in=MeasureActor.objects.filter(
            kind=filters.actor_type).values("measure_id"))
    if filters.updated_since:
        rows = rows.filter(updated_at__gte=filters.updated_since)
    total, found = page(rows.values(*MEASURE_LIST_COLUMNS), paging)
    return rendered(request, envelope(total, paging, measure_list_data(request, found, language)))


@router.get("/measures/{measure_id}", response={200: MeasureDetail, **READ_ERRORS},
            summary="One measure with its progress log")
def measure_detail(request: HttpRequest, response: HttpResponse, measure_id: int,
                   lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    measure = _measure_for(request, measure_id)
    set_etag(response, measure.version)
    return measure_detail_data(request, measure, language)


def _programme_data(request: HttpRequest, programme: ActionProgramme, language: str,
                    measures: list[Measure]) -> dict[str, Any]:
    tree = programme_tree(programme, measures)

    def item(m: Measure) -> dict[str, Any]:
        return {"id": m.pk, "code": m.code, "title": text(m, "title", language),
                "status": m.status, "progress_percent": m.progress_percent}

    fields = []
    for node in tree.fields:
        f = node.field_of_action
        fields.append({
            "id": f.pk if f else None,
            "code": f.code if f else "",
            "title": text(f, "title", language) if f else None,
            "goals": [{
                "id": g.goal.pk, "code": g.goal.code, "title": text(g.goal, "title", language),
                "sdg_goals": [s.code for s in g.goal.sdg_goals.all()],
                "progress_percent": g.progress_percent,
                "measures": [item(m) for m in g.measures],
            } for g in node.goals],
            "measures_without_goal": [item(m) for m in node.measures_without_goal],
        })
    return {
        "id": programme.pk, "version": programme.version,
        "partnership": programme.partnership.slug, "edition": programme.edition,
        "title": text(programme, "title", language),
        "summary": text(programme, "summary", language),
        "status": programme.status, "adopted_on": programme.adopted_on,
        "period_start": programme.period_start, "period_end": programme.period_end,
        "is_published": programme.is_published and programme.partnership.is_published,
        "fields": fields,
    }


@router.get("/partnerships/{slug}/programme", response={200: ProgrammeOut, **READ_ERRORS},
            summary="The partnership's action programme as a tree")
def programme_detail(request: HttpRequest, slug: str, lang: str | None = None,
                     edition: int | None = Query(None, ge=1, le=32767)) -> Any:
    """The newest edition the caller may see (published, or a draft for those who read the
    partnership's drafts), or the edition asked for: fields of action → goals → measures."""
    language = requested_language(request, lang)
    user = caller_of(request).user
    partnership = visible_partnership(request, slug)
    programmes = ActionProgramme.objects.filter(partnership=partnership).select_related(
        "partnership")
    if not may_read_drafts(user, partnership):
        programmes = programmes.filter(is_published=True, partnership__is_published=True)
    if edition is not None:
        programmes = programmes.filter(edition=edition)
    programme = programmes.order_by("-edition").first()
    if programme is None:
        raise not_found()
    measures = list(visible_measures(user).filter(programme=programme))
    return _programme_data(request, programme, language, measures)


# --- writing -----------------------------------------------------------------------------

MEASURE_PLAIN = (
    "code", "title", "summary", "description", "context", "status", "is_pilot", "weight",
    "planned_start", "planned_end", "actual_start", "actual_end", "dac_sector",
    "energy_saved_mwh_per_year", "renewable_energy_mwh_per_year", "co2_reduced_t_per_year",
    "reported_figures_source",
)


def _language(value: str | None, path: str) -> str | None:
    if value is None:
        return None
    if value not in content_language_codes():
        raise unknown(path, _("“%(code)s” is not a content language (known: %(known)s).") % {
            "code": value, "known": ", ".join(content_language_codes())})
    return value


def _municipality(partnership: Partnership, slug: str, path: str) -> Municipality:
    town = Municipality.objects.filter(slug=slug, memberships__partnership=partnership).first()
    if town is None:
        raise unknown(path, _("“%(slug)s” is not a member municipality of this "
                              "partnership.") % {"slug": slug})
    return town


def measure_arguments(payload: MeasureFieldsIn, programme: ActionProgramme,
                      given: set[str]) -> dict[str, Any]:
    """The schema's fields as the service's arguments: ids and slugs turned into the
    programme's and partnership's own objects (unknown ones refused at their path)."""
    data = payload.model_dump(include=given)
    args: dict[str, Any] = {name: data[name] for name in MEASURE_PLAIN if name in data}
    if "status" in args and args["status"] is not None:
        args["status"] = str(args["status"])
    partnership = programme.partnership
    if "covenant_sector" in data:
        args["covenant_sector"] = str(data["covenant_sector"] or "")
    if "original_language" in data and data["original_language"] is not None:
        args["original_language"] = _language(data["original_language"],
                                              "body.original_language")
    if "field_of_action" in data:
        pk = data["field_of_action"]
        field = None if pk is None else FieldOfAction.objects.filter(
            pk=pk, programme=programme).first()
        if pk is not None and field is None:
            raise unknown("body.field_of_action",
                          _("No field of action %(id)s in this programme.") % {"id": pk})
        args["field_of_action"] = field
    if "goals" in data:
        goals = list(Goal.objects.filter(pk__in=data["goals"], programme=programme))
        missing = set(data["goals"]) - {g.pk for g in goals}
        if missing:
            raise unknown("body.goals", _("No goal %(id)s in this programme.") % {
                "id": min(missing)})
        args["goals"] = goals
    if "lead_municipality" in data:
        slug = data["lead_municipality"]
        args["lead_municipality"] = None if slug is None else _municipality(
            partnership, slug, "body.lead_municipality")
    if "implementing_municipalities" in data:
        args["implementing_municipalities"] = [
            _municipality(partnership, slug, f"body.implementing_municipalities.{i}")
            for i, slug in enumerate(dict.fromkeys(data["implementing_municipalities"]))
        ]
    if "sdg_goals" in data:
        sdgs = list(SdgGoal.objects.filter(code__in=data["sdg_goals"]))
        missing = set(data["sdg_goals"]) - {g.code for g in sdgs}
        if missing:
            raise unknown("body.sdg_goals", _("There is no SDG %(code)s.") % {
                "code": min(missing)})
        args["sdg_goals"] = sdgs
    if "sdg_targets" in data:
        targets = list(SdgTarget.objects.filter(code__in=data["sdg_targets"]))
        missing = set(data["sdg_targets"]) - {t.code for t in targets}
        if missing:
            raise unknown("body.sdg_targets", _("There is no SDG target %(code)s.") % {
                "code": sorted(missing)[0]})
        args["sdg_targets"] = targets
    return args


MEASURE_NAMES = {"reported_figures_source": "reported_figures_source"}


@router.post("/measures", auth=WRITE, response={201: MeasureDetail, **WRITE_ERRORS},
             summary="Add a measure (a draft) to a programme")
def measure_create(request: HttpRequest, response: HttpResponse,
                   payload: MeasureCreateIn, lang: str | None = None) -> Any:
    caller = writer_of(request)
    language = requested_language(request, lang)
    programme = ActionProgramme.objects.select_related("partnership").filter(
        pk=payload.programme).first()
    if programme is None or not (
        (programme.is_published and programme.partnership.is_published)
        or may_read_drafts(caller.user, programme.partnership)
    ):
        raise unknown("body.programme", _("No programme %(id)s that you may see.") % {
            "id": payload.programme})
    if not may_add_measure(caller.user, programme):
        raise forbidden()
    args = measure_arguments(payload, programme, payload.model_fields_set - {"programme"}
                             | {"title"})
    with service_call(MEASURE_NAMES):
        measure = services.measure_create(programme=programme, by=caller.user, **args)
    set_etag(response, measure.version)
    fresh = _measure_for(request, measure.pk)
    return Status(201, measure_detail_data(request, fresh, language))


@router.patch("/measures/{measure_id}", auth=WRITE,
              response={200: MeasureDetail, 412: Conflict, **WRITE_ERRORS},
              summary="Change a measure (If-Match: its ETag)")
def measure_update(request: HttpRequest, response: HttpResponse, measure_id: int,
                   payload: MeasurePatchIn,
                   if_match: str | None = Header(None, alias="If-Match"),
                   lang: str | None = None) -> Any:
    """Only the fields sent are changed."""
    return _measure_write(request, response, measure_id, payload, if_match, lang)


@router.put("/measures/{measure_id}", auth=WRITE,
            response={200: MeasureDetail, 412: Conflict, **WRITE_ERRORS},
            summary="Replace a measure's fields (If-Match: its ETag)")
def measure_replace(request: HttpRequest, response: HttpResponse, measure_id: int,
                    payload: MeasurePutIn,
                    if_match: str | None = Header(None, alias="If-Match"),
                    lang: str | None = None) -> Any:
    """Every field is sent, as the measure is to be (a field left out is a 422); the
    same rules, locking and service as PATCH."""
    return _measure_write(request, response, measure_id, payload, if_match, lang)


def _measure_write(request: HttpRequest, response: HttpResponse, measure_id: int,
                   payload: MeasureFieldsIn, if_match: str | None, lang: str | None) -> Any:
    """PATCH and PUT of a measure: the fields sent (for PUT, all of them) through
    services.measure_update under optimistic locking."""
    caller = writer_of(request)
    language = requested_language(request, lang)
    measure = _measure_for(request, measure_id)
    versioned_update(
        measure, allowed=may_edit_measure(caller.user, measure), if_match=if_match,
        names=MEASURE_NAMES,
        shown=lambda shown: measure_detail_data(request, shown, language),
        reload=lambda: _measure_for(request, measure_id),
        update=lambda version: services.measure_update(
            measure, by=caller.user, expected_version=version,
            **measure_arguments(payload, measure.programme, payload.model_fields_set)),
    )
    fresh = _measure_for(request, measure_id)
    set_etag(response, fresh.version)
    return measure_detail_data(request, fresh, language)


def _progress_arguments(payload: ProgressFieldsIn, measure: Measure,
                        given: set[str]) -> dict[str, Any]:
    data = payload.model_dump(include=given)
    args: dict[str, Any] = {name: data[name] for name in ("date", "text", "progress_percent")
                            if name in data}
    if "kind" in data:
        args["kind"] = str(data["kind"])
    if data.get("original_language") is not None:
        args["original_language"] = _language(data["original_language"],
                                              "body.original_language")
    if "organisation" in data:
        pk = data["organisation"]
        organisation = None if pk is None else Organisation.objects.filter(pk=pk).first()
        if pk is not None and organisation is None:
            raise unknown("body.organisation", _("No organisation %(id)s.") % {"id": pk})
        args["organisation"] = organisation
    return args


def _entry_for(request: HttpRequest, pk: int) -> ProgressEntry:
    entry = ProgressEntry.objects.select_related("measure__programme__partnership").filter(
        pk=pk, measure__in=visible_measures(caller_of(request).user).values("pk")).first()
    if entry is None or entry not in _progress_visible(caller_of(request).user, entry.measure):
        raise not_found()
    return entry


@router.post("/measures/{measure_id}/progress", auth=WRITE,
             response={201: ProgressOut, **WRITE_ERRORS},
             summary="Add a progress entry to a measure's log")
def progress_create(request: HttpRequest, response: HttpResponse, measure_id: int,
                    payload: ProgressFieldsIn, lang: str | None = None) -> Any:
    caller = writer_of(request)
    language = requested_language(request, lang)
    measure = _measure_for(request, measure_id)
    if not may_add_progress(caller.user, measure):
        raise forbidden()
    args = _progress_arguments(payload, measure, payload.model_fields_set | {"text"})
    with service_call():
        entry = services.progress_entry_create(measure=measure, by=caller.user, **args)
    set_etag(response, entry.version)
    return Status(201, progress_data(entry, language))


@router.get("/progress/{entry_id}", response={200: ProgressOut, **READ_ERRORS},
            summary="One progress entry")
def progress_detail(request: HttpRequest, response: HttpResponse, entry_id: int,
                    lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    entry = _entry_for(request, entry_id)
    set_etag(response, entry.version)
    return progress_data(entry, language)


@router.patch("/progress/{entry_id}", auth=WRITE,
              response={200: ProgressOut, 412: Conflict, **WRITE_ERRORS},
              summary="Change a progress entry (If-Match: its ETag)")
def progress_update(request: HttpRequest, response: HttpResponse, entry_id: int,
                    payload: ProgressPatchIn,
                    if_match: str | None = Header(None, alias="If-Match"),
                    lang: str | None = None) -> Any:
    """Only the fields sent are changed."""
    return _progress_write(request, response, entry_id, payload, if_match, lang)


@router.put("/progress/{entry_id}", auth=WRITE,
            response={200: ProgressOut, 412: Conflict, **WRITE_ERRORS},
            summary="Replace a progress entry's fields (If-Match: its ETag)")
def progress_replace(request: HttpRequest, response: HttpResponse, entry_id: int,
                     payload: ProgressPutIn,
                     if_match: str | None = Header(None, alias="If-Match"),
                     lang: str | None = None) -> Any:
    """Every field is sent, as the entry is to be (a field left out is a 422); the same
    rules, locking and service as PATCH."""
    return _progress_write(request, response, entry_id, payload, if_match, lang)


def _progress_write(request: HttpRequest, response: HttpResponse, entry_id: int,
                    payload: ProgressFieldsIn, if_match: str | None,
                    lang: str | None) -> Any:
    """PATCH and PUT of a progress entry: the fields sent (for PUT, all of them) through
    services.progress_entry_update under optimistic locking."""
    caller = writer_of(request)
    language = requested_language(request, lang)
    entry = _entry_for(request, entry_id)
    saved = versioned_update(
        entry, allowed=may_edit_progress(caller.user, entry), if_match=if_match,
        shown=lambda shown: progress_data(shown, language),
        reload=lambda: ProgressEntry.objects.get(pk=entry_id),
        update=lambda version: services.progress_entry_update(
            entry, by=caller.user, expected_version=version,
            **_progress_arguments(payload, entry.measure, payload.model_fields_set)),
    )
    set_etag(response, saved.version)
    return progress_data(saved, language)
