"""Keeping partners informed: how often each person wants the digest, when it was last
sent, and when they last looked at a partnership in the workspace."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinplan.partnerships.models import Partnership


class DigestInterval(models.TextChoices):
    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("once a week")
    MONTHLY = "monthly", _("once a month")
    NEVER = "never", _("never")


INTERVAL_DAYS = {DigestInterval.DAILY: 1, DigestInterval.WEEKLY: 7, DigestInterval.MONTHLY: 30}


class DigestPreference(models.Model):
    """One person's digest: the interval they chose (weekly unless they say otherwise) and
    the last one sent (so a second run on the same day sends nothing)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    interval = models.CharField(
        _("send me the digest"), max_length=10, choices=DigestInterval.choices,
        default=DigestInterval.WEEKLY,
    )
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_interval_display()}"


class WorkspaceVisit(models.Model):
    """When a person last opened a partnership's overview: "changes since your last
    visit" lists what the partner town changed after it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="visit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.partnership} · {self.seen_at:%Y-%m-%d %H:%M}"
