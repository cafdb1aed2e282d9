"""Writes of the digest app: a person's choice of interval, the record of their visits,
and sending the digests (`./manage.py send_reminders`, run by `./manage.py daily`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.digest.models import INTERVAL_DAYS, DigestInterval, DigestPreference, WorkspaceVisit
from twinplan.digest.selectors import (
    PartnerChange,
    partner_changes,
    pending_for,
    stale_for,
)
from twinplan.partnerships.models import Partnership, RoleKind


def digest_preference_of(user: User) -> DigestPreference:
    """The person's preference as stored, or the default (weekly), unsaved."""
    stored = DigestPreference.objects.filter(user=user).first()
    return stored if stored is not None else DigestPreference(user=user)


def digest_interval_set(*, user: User, interval: str) -> DigestPreference:
    """How often `user` wants the digest: daily, weekly, monthly or never."""
    if interval not in DigestInterval.values:
        raise ValidationError({"interval": _("Choose one of the intervals offered.")})
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    if preference.interval != interval:
        preference.interval = interval
        preference.save(update_fields=["interval"])
    return preference


def visit_record(*, user: User, partnership: Partnership) -> datetime | None:
    """Note that `user` opened the partnership now; returns their previous visit (None on
    the first)."""
    now = timezone.now()
    with transaction.atomic():
        visit = WorkspaceVisit.objects.select_for_update().filter(
            user=user, partnership=partnership
        ).first()
        if visit is None:
            WorkspaceVisit.objects.create(user=user, partnership=partnership, seen_at=now)
            return None
        previous = visit.seen_at
        visit.seen_at = now
        visit.save(update_fields=["seen_at"])
    return previous


@dataclass
class PartnershipNews:
    partnership: Partnership
    changes: list[PartnerChange]


def _due(preference: DigestPreference, today: date) -> bool:
    if preference.interval == DigestInterval.NEVER:
        return False
    if preference.last_sent_on is None:
        return True
    if preference.last_sent_on >= today:
        return False  # once a day at most: a second run the same day sends nothing
    return (today - preference.last_sent_on).days >= INTERVAL_DAYS[
        DigestInterval(preference.interval)
    ]


def digest_for(user: User, *, today: date, since: datetime | None) -> dict[str, object]:
    """What `user`'s digest says, as the context of its template."""
    partnerships = Partnership.objects.filter(
        roles__user=user, archived_on__isnull=True
    ).distinct().order_by("title")
    news = [
        PartnershipNews(partnership=p, changes=partner_changes(user, p, since))
        for p in partnerships
    ]
    return {
        "user": user,
        "stale": stale_for(user, today=today),
        "pending": pending_for(user),
        "news": [item for item in news if item.changes],
        "since": since,
    }


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Mail each active person with a role and an e-mail address their digest, in their
    language, when their interval is due and there is something to tell: their stale
    measures, reports waiting for their review, what the partner town changed since their
    last digest. Idempotent per day. Returns how many mails were sent."""
    today = today or timezone.localdate()
    sent = 0
    people = User.objects.filter(
        is_active=True, partnership_roles__isnull=False
    ).exclude(email="").distinct().order_by("pk")
    for user in people:
        preference = digest_preference_of(user)
        if not _due(preference, today):
            continue
        interval_days = INTERVAL_DAYS[DigestInterval(preference.interval)]
        since = preference.last_sent_at or (
            timezone.now() - timedelta(days=interval_days)
        )
        with translation.override(user.language), timezone.override(user.time_zone):
            context = digest_for(user, today=today, since=since)
            context["base_url"] = base_url
            context["coordinator"] = user.partnership_roles.filter(
                role=RoleKind.COORDINATOR).exists()
            if not (context["stale"] or context["pending"] or context["news"]):
                continue
            subject = _("twinplan: what happened in your partnership")
            body = render_to_string("digest/email.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        preference.last_sent_on = today
        preference.last_sent_at = timezone.now()
        preference.save()
        sent += 1
    return sent
