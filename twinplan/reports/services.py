"""Issuing editions of documents, building their files on the task worker, withdrawing.

`edition_issue` (the workspace, the command) records a queued edition with the next
number and puts its build on the task queue; `edition_build` (the task) renders it,
reporting progress on the edition, and keeps the exact file; `edition_withdraw` marks a
public edition withdrawn (it stays listed, marked so). An edition's file never changes
once built: later edits to the content make a difference only to the next edition.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinplan.core.languages import content_language_codes, echoed, validate_content_language
from twinplan.core.writes import object_change, object_insert
from twinplan.partnerships.models import Partnership
from twinplan.reports.builder import Edition as EditionInfo
from twinplan.reports.models import (
    DocumentFormat,
    DocumentKind,
    Edition,
    EditionScope,
    EditionState,
)
from twinplan.reports.render import document

if TYPE_CHECKING:
    from twinplan.accounts.models import User

logger = logging.getLogger(__name__)

MAX_LANGUAGES = 2


def parse_languages(value: str | Sequence[str]) -> list[str]:
    """"de" or "de,sr" (or a list) as a list of content language codes, or a
    ValidationError that says which code is wrong and which are known."""
    codes = [c.strip() for c in (value.split(",") if isinstance(value, str) else value)]
    codes = [c for c in codes if c]
    if not codes:
        raise ValidationError(
            _("Choose a language (known: %(known)s).")
            % {"known": ", ".join(content_language_codes())},
            code="no_language",
        )
    if len(codes) > MAX_LANGUAGES:
        raise ValidationError(
            _("A document has one language, or two side by side; %(n)s were given.")
            % {"n": len(codes)},
            code="too_many_languages",
        )
    if len(set(codes)) != len(codes):
        raise ValidationError(_("A language is listed twice."), code="duplicate")
    for code in codes:
        validate_content_language(code)
    return codes


def _check_choice(value: str, choices: type[DocumentKind | DocumentFormat | EditionScope],
                  field: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("“%(value)s” is not one of %(known)s.") % {
            "value": echoed(value), "known": ", ".join(choices.values)}})


def edition_issue(
    *,
    partnership: Partnership,
    by: User | None,
    kind: str,
    languages: str | Sequence[str],
    scope: str,
    file_format: str = DocumentFormat.PDF,
    today: date | None = None,
) -> Edition:
    """Record the next edition of `kind` and queue its build. A public edition needs a
    published partnership; it will hold published content only."""
    _check_choice(kind, DocumentKind, "kind")
    _check_choice(scope, EditionScope, "scope")
    _check_choice(file_format, DocumentFormat, "format")
    try:
        codes = parse_languages(languages)
    except ValidationError as error:
        raise ValidationError({"languages": error.messages}) from error
    if scope == EditionScope.PUBLIC and not partnership.is_published:
        raise ValidationError({"scope": _(
            "The partnership is not published, so a public edition cannot be issued; "
            "issue an internal one or publish the partnership first.")})
    with transaction.atomic():
        # The partnership's row lock serialises numbering: two coordinators issuing at once
        # get editions n and n + 1.
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        last = Edition.objects.filter(partnership=partnership, kind=kind).aggregate(
            last=Max("number"))["last"] or 0
        edition = object_insert(
            Edition(
                partnership=partnership, kind=kind, number=last + 1, languages=codes,
                format=file_format, scope=scope, issued_by=by,
                issued_on=today or timezone.localdate(),
            ),
            by=by,
        )
        # Imported here: the task module imports this one to run the build.
        from twinplan.reports.tasks import build_edition

        # With the database backend the task row is written in this transaction, so the
        # worker sees it only with the edition; the immediate backend builds it at once.
        build_edition.enqueue(edition.pk)
    edition.refresh_from_db()
    return edition


def _progress(edition_id: int, percent: int) -> None:
    Edition.objects.filter(pk=edition_id).update(progress_percent=min(99, percent))


def edition_build(*, edition_id: int) -> Edition:
    """Render a queued edition and keep its file; it ends ready or failed (with why). An
    edition that is not queued (built already, taken by another worker) is left alone."""
    claimed = Edition.objects.filter(pk=edition_id, state=EditionState.QUEUED).update(
        state=EditionState.RUNNING, progress_percent=5)
    edition = Edition.objects.select_related("partnership", "issued_by").get(pk=edition_id)
    if not claimed:
        return edition
    language = getattr(edition.issued_by, "language", "") or edition.languages[0]
    try:
        content = document(
            edition.partnership,
            kind=edition.kind,
            languages=edition.languages,
            scope=edition.scope,
            today=edition.issued_on,
            file_format=edition.format,
            edition=EditionInfo(edition.number, edition.issued_on, edition.scope),
            progress=lambda percent: _progress(edition_id, percent),
        )
    except Exception:
        logger.exception("Building edition %s failed", edition_id)
        with translation.override(language):
            message = _("The document could not be built. Try again; if it fails again, "
                        "tell the administrator (the server log has the details).")
        Edition.objects.filter(pk=edition_id).update(state=EditionState.FAILED, error=message)
        edition.refresh_from_db()
        return edition
    edition.file.save(edition.filename, ContentFile(content), save=False)
    Edition.objects.filter(pk=edition_id).update(
        file=edition.file.name,
        file_sha256=hashlib.sha256(content).hexdigest(),
        state=EditionState.READY,
        progress_percent=100,
        ready_at=timezone.now(),
    )
    edition.refresh_from_db()
    return edition


def edition_withdraw(edition: Edition, /, *, by: User | None) -> Edition:
    """Withdraw an edition: it stays listed, marked withdrawn, and is no longer offered
    to the public. Only a public edition is withdrawn: an internal one was never offered."""
    if not edition.is_public:
        raise ValidationError(_("Only a public edition can be withdrawn; an internal "
                                "edition is not offered to the public anyway."),
                              code="internal")
    if edition.is_withdrawn:
        return edition
    return object_change(edition, by=by, expected_version=None,
                         values={"withdrawn_at": timezone.now(), "withdrawn_by": by})
