"""The lossless partnership file: everything a partnership owns as one JSON document, and
back (docs/partnership-file.md).

What the file carries is declared once, in `OWNED` (the partnership's own rows, parents
before children) and `SHARED` (what the partnership refers to but does not own: towns,
organisations, funding programmes, user accounts by e-mail, SDGs). Every concrete field
of a declared model is written, so a new field travels without further code; covering a
new model is one `Owned(...)` line. `tests/test_partnership_file.py` walks the installed
models and fails for a partnership-owned model that is neither declared nor in
`NOT_CARRIED` with its reason.

Rows refer to each other by position (`"measures:3"`, the third measure of the file), not
by database keys, so exporting an imported partnership gives the same document.

Importing writes every row with `core.writes.object_insert` (full validation, the history
author) or the owning app's create service, inside one transaction: any problem means
nothing is written, and the message names the section, row and field.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from twinplan.accounts.services import user_create
from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.core.languages import content_language_codes, forget_content_languages
from twinplan.core.models import ContentLanguage
from twinplan.core.services import content_language_add
from twinplan.core.writes import object_insert
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.media.models import MediaItem
from twinplan.media.services import media_create
from twinplan.money.models import CurrencyRate, Resource
from twinplan.money.services import exchange_rate_add
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    FundingProgramme,
    Partnership,
    PartnershipMember,
    PartnershipRole,
    Phase,
)
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureComment,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.reference.models import SdgGoal, SdgTarget

FORMAT = "twinplan-partnership"
FORMAT_VERSION = 2
# Version 1 (before media and adaptation) reads as a version 2 file without those sections.
READABLE_VERSIONS = (1, 2)

# Never written: the database's own bookkeeping. The version restarts at 1 with the
# history, which the file does not carry.
SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})


@dataclass(frozen=True)
class Owned:
    """A model whose rows belong to a partnership. `path` is the lookup from the model to
    its partnership (several for a model with alternative parents, such as an indicator of
    a goal or of a measure)."""

    model: type[models.Model]
    section: str
    path: tuple[str, ...]

    def rows(self, partnership: Partnership) -> models.QuerySet[Any]:
        query = models.Q()
        for lookup in self.path:
            query |= models.Q(**{lookup: partnership})
        return self.model._default_manager.filter(query).order_by("pk")


def _owned(model: type[models.Model], section: str, *path: str) -> Owned:
    return Owned(model, section, path)


# Parents before children, and what a row refers to before the row.
OWNED: list[Owned] = [
    _owned(PartnershipMember, "members", "partnership"),
    _owned(PartnershipRole, "roles", "partnership"),
    _owned(Phase, "phases", "partnership"),
    _owned(Agreement, "agreements", "partnership"),
    _owned(Award, "awards", "partnership"),
    _owned(AwardAmount, "award_amounts", "award__partnership"),
    _owned(ActionProgramme, "programmes", "partnership"),
    _owned(ProgrammeAdoption, "programme_adoptions", "programme__partnership"),
    _owned(ProgrammeBaseline, "baselines", "programme__partnership"),
    _owned(FieldOfAction, "fields_of_action", "programme__partnership"),
    _owned(Goal, "goals", "programme__partnership"),
    _owned(Measure, "measures", "programme__partnership"),
    _owned(MeasureActor, "measure_actors", "measure__programme__partnership"),
    _owned(ProgressEntry, "progress_entries", "measure__programme__partnership"),
    _owned(Challenge, "challenges", "measure__programme__partnership"),
    _owned(MeasureComment, "measure_comments", "measure__programme__partnership"),
    _owned(Resource, "resources", "measure__programme__partnership"),
    _owned(ImpactEstimate, "impact_estimates", "measure__programme__partnership"),
    _owned(MeasureAdaptation, "measure_adaptations", "measure__programme__partnership"),
    _owned(AdaptationEffect, "adaptation_effects", "measure__programme__partnership"),
    _owned(Indicator, "indicators", "goal__programme__partnership",
           "measure__programme__partnership"),
    _owned(IndicatorValue, "indicator_values", "indicator__goal__programme__partnership",
           "indicator__measure__programme__partnership"),
    _owned(Event, "events", "partnership"),
    _owned(EventOutcome, "event_outcomes", "event__partnership"),
    _owned(Idea, "ideas", "event__partnership"),
    _owned(TravelLeg, "travel_legs", "event__partnership"),
    _owned(PartnershipFactor, "factor_overrides", "partnership"),
    _owned(GlossaryTerm, "glossary", "partnership"),
    _owned(MediaItem, "media", "partnership"),
]

# Partnership-owned models the file leaves out on purpose, with the reason.
NOT_CARRIED: dict[str, str] = {
    "partnerships.invitation": (
        "a single-use link for one person with a secret token, valid for days; it means "
        "nothing on another installation (invite again there)"
    ),
    "reports.edition": (
        "an issued edition records that this installation issued a document on a date, "
        "by one of its accounts, with the checksum of its file; on another installation it "
        "would claim an issue that never happened there. The content it was made from "
        "travels, so the other installation issues its own editions"
    ),
    "digest.workspacevisit": (
        "when one person last opened the partnership on this installation, to list the "
        "changes since then from this installation's history, which does not travel"
    ),
    "spreadsheets.sheetimport": (
        "the record of one spreadsheet upload being checked and imported on this "
        "installation (its file, progress and problems); what it imported travels as the "
        "measures, resources and values themselves"
    ),
}


class PartnershipFileError(Exception):
    """The file cannot be imported; the message says what and where. Nothing was written."""


# --- shared things: linked on import when present, created when not -------------------


@dataclass
class _Shared:
    section: str
    model: type[models.Model]
    sort_key: Callable[[dict[str, Any]], Any]


SHARED: list[_Shared] = [
    _Shared("towns", Municipality, lambda row: (row["country"], row["name"], row["slug"])),
    _Shared("organisations", Organisation,
            lambda row: (row["name"], row.get("municipality") or "", row["kind"])),
    _Shared("funding_programmes", FundingProgramme, lambda row: row["slug"]),
    _Shared("users", get_user_model(), lambda row: row["email"].lower()),
]
_SHARED_BY_MODEL = {entry.model: entry for entry in SHARED}
_OWNED_BY_MODEL = {entry.model: entry for entry in OWNED}
_TOWN_PARTS = (
    (MunicipalityFact, "facts", "municipality"),
    (MunicipalInventory, "inventories", "municipality"),
    (ClimateRisk, "climate_risks", "municipality"),
)
_TOWN_PART_KEYS = frozenset(key for _model, key, _parent in _TOWN_PARTS)
# A media item's file is carried in "file" (base64, with its checksum); these are made
# again by media.services on import.
_MEDIA_MADE = frozenset({"key", "file", "renditions"})
_USER_FIELDS = ("email", "display_name", "language", "time_zone")
# "GeoNames (geonameid 2810808), via …" as the gazetteer writes it, or "GeoNames 2810808".
_GEONAMES_ID = re.compile(r"geonames\s*(?:\(\s*geonameid\s*)?(\d+)", re.IGNORECASE)


def _writable_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS
    ]


def _links(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    """Many-to-many fields with a plain link table (a link table of its own, such as the
    partnership's members, is a model of its own in `OWNED`)."""
    return [
        f for f in model._meta.many_to_many
        if isinstance(f, models.ManyToManyField)
        and f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]


# --- export -----------------------------------------------------------------------------


class _Exporter:
    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership
        self.owned_refs: dict[tuple[type[models.Model], int], str] = {}
        self.shared: dict[type[models.Model], dict[int, dict[str, Any]]] = {
            entry.model: {} for entry in SHARED
        }

    def ref(self, target: models.Model) -> Any:
        model = type(target)
        if model is SdgGoal:
            return target.code  # type: ignore[attr-defined]
        if model is SdgTarget:
            return target.code  # type: ignore[attr-defined]
        if model is Partnership:
            return "partnership"
        if model is ClimateRisk:
            # A town's own data: named by its town and hazard (one per hazard and town).
            self.ref(target.municipality)  # type: ignore[attr-defined]
            return ("risk", target.municipality_id, target.hazard)  # type: ignore[attr-defined]
        if model in _OWNED_BY_MODEL:
            key = (model, target.pk)
            if key not in self.owned_refs:
                raise PartnershipFileError(
                    f"{model._meta.label} {target.pk} belongs to another partnership."
                )
            return self.owned_refs[key]
        if model in _SHARED_BY_MODEL:
            if model is get_user_model() and not getattr(target, "email", ""):
                return None
            rows = self.shared[model]
            if target.pk not in rows:
                rows[target.pk] = {}  # reserved before encoding, in case of cycles
                rows[target.pk] = self.shared_row(target)
            return ("shared", model, target.pk)
        raise PartnershipFileError(
            f"{model._meta.label} is not declared in the partnership file (OWNED or SHARED)."
        )

    def value(self, obj: models.Model, f: models.Field[Any, Any]) -> Any:
        if f.is_relation:
            target = getattr(obj, f.name)
            if (f.name == "template_source" and target is not None
                    and (type(target), target.pk) not in self.owned_refs):
                return None  # a library template of another partnership stays behind
            return None if target is None else self.ref(target)
        raw = f.value_from_object(obj)
        if raw is None:
            return None
        if isinstance(raw, Decimal):
            return format(raw, "f")
        if isinstance(raw, datetime):
            return raw.isoformat()
        if isinstance(raw, date):
            return raw.isoformat()
        return raw

    def row(self, obj: models.Model, *, skip: Iterable[str] = ()) -> dict[str, Any]:
        skipped = set(skip)
        if isinstance(obj, MediaItem):
            skipped |= _MEDIA_MADE
        data = {
            f.name: self.value(obj, f)
            for f in _writable_fields(type(obj)) if f.name not in skipped
        }
        for link in _links(type(obj)):
            data[link.name] = _Links(
                self.ref(target) for target in getattr(obj, link.name).all()
            )
        if isinstance(obj, MediaItem):
            data["file"] = _media_file(obj)
        return data

    def shared_row(self, obj: models.Model) -> dict[str, Any]:
        if isinstance(obj, get_user_model()):
            return {name: getattr(obj, name) for name in _USER_FIELDS}
        data = self.row(obj)
        if isinstance(obj, Municipality):
            for model, key, parent in _TOWN_PARTS:
                data[key] = [
                    self.row(part, skip=[parent])
                    for part in model._default_manager.filter(**{parent: obj}).order_by("pk")
                ]
        return data

    def document(self) -> dict[str, Any]:
        sections: dict[str, list[dict[str, Any]]] = {}
        for entry in OWNED:
            objects = list(entry.rows(self.partnership))
            for position, obj in enumerate(objects, start=1):
                self.owned_refs[(entry.model, obj.pk)] = f"{entry.section}:{position}"
        partnership = self.row(self.partnership)
        for entry in OWNED:
            sections[entry.section] = [
                self.row(obj) for obj in entry.rows(self.partnership)
            ]
        shared = self._finish_shared()
        document: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "content_languages": [],
            **shared,
            "exchange_rates": self._rates(),
            "partnership": partnership,
            **sections,
        }
        document["content_languages"] = _languages_used(document)
        return _resolve(document, self._shared_refs)

    def _finish_shared(self) -> dict[str, list[dict[str, Any]]]:
        """Each shared section sorted by its natural key, refs assigned by position."""
        self._shared_refs: dict[tuple[type[models.Model], int], str] = {}
        result: dict[str, list[dict[str, Any]]] = {}
        for entry in SHARED:
            rows = self.shared[entry.model]
            # Sort on the rows with refs resolved as far as known (towns come first, so
            # an organisation's town is known when organisations are sorted).
            ordered = sorted(
                rows.items(),
                key=lambda item: entry.sort_key(_resolve(item[1], self._shared_refs)),
            )
            for position, (pk, _row) in enumerate(ordered, start=1):
                self._shared_refs[(entry.model, pk)] = f"{entry.section}:{position}"
            result[entry.section] = [row for _pk, row in ordered]
        return result

    def _rates(self) -> list[dict[str, Any]]:
        currencies = {
            row["currency"] for row in self.shared[Municipality].values() if row.get("currency")
        }
        currencies |= set(
            Resource.objects.filter(measure__programme__partnership=self.partnership)
            .exclude(currency="").values_list("currency", flat=True)
        )
        currencies |= set(
            AwardAmount.objects.filter(award__partnership=self.partnership)
            .values_list("currency", flat=True)
        )
        rates = CurrencyRate.objects.filter(
            base__in=currencies, quote__in=currencies
        ).order_by("date", "base", "quote")
        return [self.row(rate) for rate in rates]


def _codes(value: Any, found: set[str]) -> None:
    """The language codes a row uses: its original language and its translations'."""
    if isinstance(value, dict):
        if isinstance(value.get("original_language"), str):
            found.add(value["original_language"])
        if isinstance(value.get("translations"), dict):
            found.update(code for code in value["translations"] if isinstance(code, str))
        for item in value.values():
            _codes(item, found)
    elif isinstance(value, list):
        for item in value:
            _codes(item, found)


def _languages_used(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The installation's added content languages (beyond the built-in ones) that the
    partnership's texts are written or translated in, so they stay valid elsewhere."""
    used: set[str] = set()
    _codes(document, used)
    return [
        {"code": language.code, "name": language.name, "script": language.script,
         "direction": language.direction}
        for language in ContentLanguage.objects.filter(code__in=used).order_by("code")
    ]


def _media_file(item: MediaItem) -> dict[str, Any]:
    """The stored print file (or PDF) of `item`, base64 in the JSON with its checksum."""
    try:
        with default_storage.open(item.file.name, "rb") as stored:
            content = stored.read()
    except OSError:
        raise PartnershipFileError(
            f"The file of the photo or document {item.pk} ({item.file.name}) is missing "
            "from the storage."
        ) from None
    return {
        "name": item.file.name.rsplit("/", 1)[-1],
        "sha256": hashlib.sha256(content).hexdigest(),
        "base64": base64.b64encode(content).decode("ascii"),
    }


class _Links(list[Any]):
    """The targets of a many-to-many field, sorted once their refs are known (so the order
    does not depend on database keys)."""


def _resolve(value: Any, refs: dict[tuple[type[models.Model], int], str]) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "shared":
        return refs.get((value[1], value[2]), "")
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "risk":
        return f"{refs.get((Municipality, value[1]), '')}/{value[2]}"
    if isinstance(value, _Links):
        resolved = [_resolve(item, refs) for item in value]
        return sorted(resolved, key=lambda ref: (isinstance(ref, str), _natural(ref)))
    if isinstance(value, dict):
        return {key: _resolve(item, refs) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item, refs) for item in value]
    return value


def _natural(ref: Any) -> tuple[Any, ...]:
    """"measures:10" after "measures:9"; SDG codes such as "13.2" by their numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"[:.]", str(ref))
    )


def partnership_document(partnership: Partnership) -> dict[str, Any]:
    """The partnership as the JSON-ready document of format version `FORMAT_VERSION`."""
    return _Exporter(partnership).document()


def partnership_file(partnership: Partnership) -> str:
    return json.dumps(partnership_document(partnership), ensure_ascii=False, indent=2) + "\n"


# --- import -----------------------------------------------------------------------------


@dataclass
class ImportSummary:
    partnership: Partnership
    replaced: bool
    created: dict[str, int] = field(default_factory=dict)
    towns_linked: list[str] = field(default_factory=list)
    towns_created: list[str] = field(default_factory=list)
    accounts_created: list[str] = field(default_factory=list)


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


class _Importer:
    def __init__(self, document: dict[str, Any], *, by: AbstractBaseUser | None) -> None:
        self.document = document
        self.by = by
        self.refs: dict[str, models.Model] = {}
        self.summary: ImportSummary | None = None
        # The member towns, once the members are in; towns named later must be members.
        self.members: set[int] | None = None
        # Names in storage of the media files written so far (removed if the import fails).
        self.stored_files: list[str] = []

    # reading values -------------------------------------------------------------------

    def target(self, where: str, f: models.Field[Any, Any], value: Any) -> Any:
        model = f.related_model
        if model is SdgGoal or model is SdgTarget:
            found = model._default_manager.filter(code=value).first()  # type: ignore[union-attr]
            if found is None:
                raise PartnershipFileError(f"{where}: no SDG {value!r} in this installation.")
            return found
        if model is Partnership:
            return self.refs["partnership"]
        if model is ClimateRisk:
            return self.risk(where, value)
        if not isinstance(value, str) or value not in self.refs:
            raise PartnershipFileError(
                f"{where}: refers to {value!r}, which is not (yet) in the file."
            )
        found = self.refs[value]
        if not isinstance(found, model):  # type: ignore[arg-type]
            raise PartnershipFileError(
                f"{where}: {value!r} is not a {model._meta.verbose_name}."  # type: ignore[union-attr]
            )
        if model is Municipality and self.members is not None and found.pk not in self.members:
            # The services' rule: what a partnership's rows name are its member towns.
            raise PartnershipFileError(
                f"{where}: {value!r} is not a member town of the partnership."
            )
        return found

    def risk(self, where: str, value: Any) -> ClimateRisk:
        """A climate risk named "towns:<n>/<hazard>": that town's risk of that hazard."""
        town_ref, _sep, hazard = str(value).partition("/")
        town = self.refs.get(town_ref)
        if not isinstance(value, str) or not hazard or not isinstance(town, Municipality):
            raise PartnershipFileError(
                f"{where}: {value!r} is not a climate risk of a town in the file "
                "(\"towns:<n>/<hazard>\")."
            )
        if self.members is not None and town.pk not in self.members:
            raise PartnershipFileError(
                f"{where}: {value!r} is a risk of a town that is not a member of the "
                "partnership."
            )
        found = ClimateRisk.objects.filter(municipality=town, hazard=hazard).first()
        if found is None:
            raise PartnershipFileError(
                f"{where}: the town {town.name} has no climate risk {hazard!r}, neither "
                "here nor in the file."
            )
        return found

    def value(self, where: str, f: models.Field[Any, Any], value: Any) -> Any:
        if value is None:
            return None
        if f.is_relation:
            return self.target(where, f, value)
        try:
            if isinstance(f, models.DecimalField):
                if not isinstance(value, (str, int)):
                    raise ValueError
                return Decimal(str(value))
            if isinstance(f, models.DateTimeField):
                parsed = parse_datetime(value) if isinstance(value, str) else None
                if parsed is None:
                    raise ValueError
                return parsed
            if isinstance(f, models.DateField):
                return date.fromisoformat(value)
            if isinstance(f, models.BooleanField) and not isinstance(value, bool):
                raise ValueError
            if isinstance(f, (models.IntegerField, models.FloatField)) and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise ValueError
            if isinstance(f, (models.CharField, models.TextField)) and not isinstance(
                value, str
            ):
                raise ValueError
        except (ValueError, TypeError, InvalidOperation):
            raise PartnershipFileError(
                f"{where}: {value!r} is not a valid {f.get_internal_type()} value."
            ) from None
        return value

    def build(
        self, where: str, model: type[models.Model], row: Any, *, fixed: dict[str, Any]
    ) -> tuple[models.Model, dict[str, list[Any]]]:
        if not isinstance(row, dict):
            raise PartnershipFileError(f"{where}: expected an object.")
        names = {f.name: f for f in _writable_fields(model)}
        links = {f.name: f for f in _links(model)}
        unknown = set(row) - set(names) - set(links) - set(fixed) - _TOWN_PART_KEYS
        if unknown:
            raise PartnershipFileError(
                f"{where}: unknown fields {', '.join(sorted(unknown))} (a file of another "
                "installation's newer format?)."
            )
        values: dict[str, Any] = dict(fixed)
        for name, f in names.items():
            if name in row and name not in fixed:
                values[f.attname if not f.is_relation else name] = self.value(
                    f"{where}, field {name}", f, row[name]
                )
        link_values: dict[str, list[Any]] = {}
        for name, f in links.items():
            items = row.get(name, [])
            if not isinstance(items, list):
                raise PartnershipFileError(f"{where}, field {name}: expected a list.")
            link_values[name] = [
                self.target(f"{where}, field {name}", f, item) for item in items
            ]
        return model(**values), link_values

    def insert(self, where: str, obj: models.Model, links: dict[str, list[Any]]) -> None:
        try:
            object_insert(obj, by=self.by, links=links)
        except ValidationError as error:
            raise PartnershipFileError(f"{where}: {_message(error)}") from None

    # shared ---------------------------------------------------------------------------

    def towns(self, rows: list[Any]) -> None:
        assert self.summary is not None
        for position, row in enumerate(rows, start=1):
            where = f"towns:{position}"
            if not isinstance(row, dict) or not row.get("name") or not row.get("country"):
                raise PartnershipFileError(f"{where}: a town needs its name and country.")
            found = _existing_town(row)
            if found is not None:
                self.refs[where] = found
                self.summary.towns_linked.append(found.name)
                # Its own data stands; only the climate risks the partnership's measures
                # name and the town lacks are added, so their adaptations stay whole.
                self.town_parts(where, row, found, only=ClimateRisk)
                continue
            town, links = self.build(where, Municipality, row, fixed={})
            town.slug = _free_slug(Municipality, town.slug or slugify(town.name))  # type: ignore[attr-defined]
            self.insert(where, town, links)
            self.refs[where] = town
            self.summary.towns_created.append(town.name)  # type: ignore[attr-defined]
            self.town_parts(where, row, town)  # type: ignore[arg-type]

    def town_parts(
        self, where: str, row: dict[str, Any], town: Municipality,
        only: type[models.Model] | None = None,
    ) -> None:
        for model, key, parent in _TOWN_PARTS:
            if only is not None and model is not only:
                continue
            parts = row.get(key, [])
            if not isinstance(parts, list):
                raise PartnershipFileError(f"{where}, {key}: expected a list.")
            for index, part_row in enumerate(parts, start=1):
                part_where = f"{where}, {key} {index}"
                part, part_links = self.build(
                    part_where, model, part_row, fixed={parent: town}
                )
                if only is not None and model is ClimateRisk and ClimateRisk.objects.filter(
                    municipality=town, hazard=part.hazard  # type: ignore[attr-defined]
                ).exists():
                    continue
                self.insert(part_where, part, part_links)

    def media(self, where: str, row: Any) -> MediaItem:
        """A photo or document, its file checked and stored by media.services."""
        if not isinstance(row, dict):
            raise PartnershipFileError(f"{where}: expected an object.")
        carried = row.get("file")
        if not isinstance(carried, dict) or not isinstance(carried.get("base64"), str):
            raise PartnershipFileError(
                f"{where}, field file: the file is missing (expected an object with "
                "\"base64\" and \"sha256\")."
            )
        try:
            content = base64.b64decode(carried["base64"], validate=True)
        except (binascii.Error, ValueError):
            raise PartnershipFileError(
                f"{where}, field file: the file's \"base64\" is not valid base64."
            ) from None
        if hashlib.sha256(content).hexdigest() != carried.get("sha256"):
            raise PartnershipFileError(
                f"{where}, field file: the file does not match its SHA-256 checksum "
                "(damaged or changed since it was exported)."
            )
        fields = {name: value for name, value in row.items() if name not in _MEDIA_MADE}
        obj, _links = self.build(where, MediaItem, fields, fixed={})
        assert isinstance(obj, MediaItem)
        attached = obj.event or obj.measure or obj.agreement
        if obj.partnership_id != self.refs["partnership"].pk:
            raise PartnershipFileError(f"{where}, field partnership: expected \"partnership\".")
        try:
            item = media_create(
                partnership=obj.partnership, by=self.by, attached_to=attached, stored=True,
                upload=ContentFile(content, name=str(carried.get("name") or "file")),
                caption=obj.caption, alt_text=obj.alt_text, credit=obj.credit,
                licence=obj.licence, people=obj.people, is_cover=obj.is_cover,
                sequence=obj.sequence, original_language=obj.original_language,
                translations=obj.translations, is_demo_content=obj.is_demo_content,
            )
        except ValidationError as error:
            raise PartnershipFileError(f"{where}: {_message(error)}") from None
        self.stored_files += [item.file.name, *item.renditions.values()]
        return item

    def organisations(self, rows: list[Any]) -> None:
        for position, row in enumerate(rows, start=1):
            where = f"organisations:{position}"
            obj, links = self.build(where, Organisation, row, fixed={})
            assert isinstance(obj, Organisation)
            found = None
            if obj.iati_identifier:
                found = Organisation.objects.filter(iati_identifier=obj.iati_identifier).first()
            if found is None:
                found = Organisation.objects.filter(
                    name=obj.name, municipality=obj.municipality, kind=obj.kind
                ).order_by("pk").first()
            if found is None:
                self.insert(where, obj, links)
                found = obj
            self.refs[where] = found

    def funding_programmes(self, rows: list[Any]) -> None:
        for position, row in enumerate(rows, start=1):
            where = f"funding_programmes:{position}"
            obj, links = self.build(where, FundingProgramme, row, fixed={})
            assert isinstance(obj, FundingProgramme)
            found = FundingProgramme.objects.filter(slug=obj.slug).first()
            if found is None:
                self.insert(where, obj, links)
                found = obj
            self.refs[where] = found

    def users(self, rows: list[Any]) -> None:
        assert self.summary is not None
        user_model = get_user_model()
        for position, row in enumerate(rows, start=1):
            where = f"users:{position}"
            if not isinstance(row, dict) or not isinstance(row.get("email"), str):
                raise PartnershipFileError(f"{where}: an account needs its e-mail address.")
            email = row["email"]
            found = user_model._default_manager.filter(email__iexact=email).order_by("pk").first()
            if found is None:
                try:
                    found = user_create(
                        username=_free_username(email), email=email, password=None,
                        display_name=str(row.get("display_name") or ""),
                        language=str(row.get("language") or "en"),
                        time_zone=str(row.get("time_zone") or "Europe/Berlin"),
                    )
                except ValidationError as error:
                    raise PartnershipFileError(f"{where}: {_message(error)}") from None
                self.summary.accounts_created.append(email)
            self.refs[where] = found

    def rates(self, rows: list[Any]) -> None:
        for position, row in enumerate(rows, start=1):
            where = f"exchange_rates:{position}"
            rate, _links = self.build(where, CurrencyRate, row, fixed={})
            assert isinstance(rate, CurrencyRate)
            if CurrencyRate.objects.filter(
                date=rate.date, base=rate.base, quote=rate.quote
            ).exists():
                continue  # the installation's own rate of that day stands
            try:
                exchange_rate_add(
                    date=rate.date, base=rate.base, quote=rate.quote, rate=rate.rate,
                    source=rate.source, is_demo_content=rate.is_demo_content,
                )
            except ValidationError as error:
                raise PartnershipFileError(f"{where}: {_message(error)}") from None

    def languages(self, rows: list[Any]) -> None:
        """Content languages the file's texts use: linked by code, else added."""
        for position, row in enumerate(rows, start=1):
            where = f"content_languages:{position}"
            if not isinstance(row, dict) or not isinstance(row.get("code"), str):
                raise PartnershipFileError(f"{where}: a content language needs its code.")
            if row["code"] in content_language_codes():
                continue
            try:
                content_language_add(
                    by=self.by, code=row["code"], name=str(row.get("name") or ""),
                    script=str(row.get("script") or ""),
                    direction=str(row.get("direction") or ""),
                )
            except ValidationError as error:
                raise PartnershipFileError(f"{where}: {_message(error)}") from None

    # the whole --------------------------------------------------------------------------

    def run(self, *, replace: bool) -> ImportSummary:
        document = self.document
        row = document["partnership"]
        if not isinstance(row, dict) or not isinstance(row.get("slug"), str):
            raise PartnershipFileError("partnership: the partnership needs its slug.")
        existing = Partnership.objects.filter(slug=row["slug"]).first()
        if existing is not None and not replace:
            raise PartnershipFileError(
                f"A partnership with the slug {row['slug']!r} exists already in this "
                "installation. Import with --replace to replace it."
            )
        try:
            return self._write(row, existing)
        except BaseException:
            # The rows are rolled back; the media files written meanwhile go too.
            for name in self.stored_files:
                default_storage.delete(name)
            if self.document["content_languages"]:
                forget_content_languages()  # none of them was added after all
            raise

    def _write(self, row: dict[str, Any], existing: Partnership | None) -> ImportSummary:
        document = self.document
        with transaction.atomic():
            if existing is not None:
                # The partnership and what it owns go; towns, organisations and accounts
                # it refers to stay (they are shared and protected). The old media files
                # leave the storage once the replacement is committed.
                old_files = [
                    name
                    for item in MediaItem.objects.filter(partnership=existing)
                    for name in (item.file.name, *item.renditions.values())
                ]
                transaction.on_commit(lambda: _delete_files(old_files))
                # An adoption protects its resolution (an agreement of the same
                # partnership), which would stop the cascade: the adoptions go first.
                ProgrammeAdoption.objects.filter(programme__partnership=existing).delete()
                existing.delete()
            self.summary = ImportSummary(partnership=Partnership(), replaced=existing is not None)
            self.languages(document["content_languages"])
            self.towns(document["towns"])
            self.organisations(document["organisations"])
            self.funding_programmes(document["funding_programmes"])
            self.users(document["users"])
            self.rates(document["exchange_rates"])
            partnership, links = self.build("partnership", Partnership, row, fixed={})
            self.insert("partnership", partnership, links)
            self.refs["partnership"] = partnership
            self.summary.partnership = partnership  # type: ignore[assignment]
            for entry in OWNED:
                rows = document.get(entry.section, [])
                for position, item in enumerate(rows, start=1):
                    where = f"{entry.section}:{position}"
                    if entry.model is MediaItem:
                        self.refs[where] = self.media(where, item)
                        continue
                    obj, obj_links = self.build(where, entry.model, item, fixed={})
                    self.insert(where, obj, obj_links)
                    self.refs[where] = obj
                self.summary.created[entry.section] = len(rows)
                if entry.model is PartnershipMember:
                    self.members = set(
                        PartnershipMember.objects.filter(partnership=partnership.pk)
                        .values_list("municipality_id", flat=True)
                    )
        return self.summary


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _existing_town(row: dict[str, Any]) -> Municipality | None:
    """The town of this installation that is the file's town: the same GeoNames id (as the
    source of its coordinates names it), else the same country and official name."""
    match = _GEONAMES_ID.search(str(row.get("location_source") or ""))
    if match:
        for town in Municipality.objects.filter(location_source__icontains=match.group(1)):
            found = _GEONAMES_ID.search(town.location_source)
            if found and found.group(1) == match.group(1):
                return town
    return Municipality.objects.filter(
        country=row["country"], name__iexact=row["name"]
    ).order_by("pk").first()


def _free_slug(model: type[models.Model], slug: str) -> str:
    candidate, number = slug, 2
    while model._default_manager.filter(slug=candidate).exists():
        candidate = f"{slug[:70]}-{number}"
        number += 1
    return candidate


def _free_username(email: str) -> str:
    user_model = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email)[:140] or "user"
    candidate, number = base, 2
    while user_model._default_manager.filter(username=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


_SECTIONS = (
    "content_languages", "towns", "organisations", "funding_programmes", "users", "exchange_rates",
)


def read_document(data: bytes | str) -> dict[str, Any]:
    """The document in `data`, checked for its format, version and sections; a file that
    is not one gets a `PartnershipFileError` saying what it is instead."""
    if isinstance(data, bytes):
        if data[:2] == b"PK":
            raise PartnershipFileError(
                "This is a zip file (a spreadsheet?), not a partnership file (JSON)."
            )
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PartnershipFileError(
                "This is not a partnership file: it is not UTF-8 text (JSON)."
            ) from None
    if data.lstrip().startswith("<"):
        raise PartnershipFileError(
            "This is an XML or HTML file (an IATI file?), not a partnership file (JSON)."
        )
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise PartnershipFileError(
            f"This is not a partnership file: invalid JSON at line {error.lineno}, column "
            f"{error.colno} ({error.msg})."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PartnershipFileError(
            f"This JSON file is not a partnership file (its \"format\" is not {FORMAT!r})."
        )
    version = document.get("format_version")
    if version not in READABLE_VERSIONS:
        raise PartnershipFileError(
            f"This partnership file has format version {version!r}; this installation reads "
            f"versions {', '.join(str(v) for v in READABLE_VERSIONS)}."
        )
    if not isinstance(document.get("partnership"), dict):
        raise PartnershipFileError("The file has no \"partnership\" object.")
    for section in (*_SECTIONS, *(entry.section for entry in OWNED)):
        document.setdefault(section, [])
        if not isinstance(document[section], list):
            raise PartnershipFileError(f"The section {section!r} must be a list.")
    return document


def partnership_import(
    data: bytes | str, *, by: AbstractBaseUser | None, replace: bool = False
) -> ImportSummary:
    """Import the partnership file `data` in one transaction. A partnership with its slug
    is refused unless `replace`; any problem raises `PartnershipFileError` and writes
    nothing."""
    document = read_document(data)
    return _Importer(document, by=by).run(replace=replace)
