"""Reference data every partnership shares: the 17 SDGs and their 169 targets.

The rows are loaded from data/sdgs.json (built from the IATI codelists; see data/README.md)
by a data migration and by `./manage.py sync_reference_data`; they are not edited by hand.
Countries, currencies and DAC sectors are read straight from their files (reference.codes).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _in_language(names: dict[str, str], language: str | None) -> str:
    return names.get(language or "en") or names.get("en") or ""


class SdgGoal(models.Model):
    code = models.PositiveSmallIntegerField(_("number"), unique=True)
    colour = models.CharField(_("colour"), max_length=7)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self) -> str:
        return f"SDG {self.code}: {self.name}"

    @property
    def name(self) -> str:
        return _in_language(self.names, get_language())

    @property
    def name_language(self) -> str:
        language = get_language() or "en"
        return language if self.names.get(language) else "en"


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="targets")
    sort_key = models.PositiveIntegerField(default=0, editable=False)
    titles = models.JSONField(_("titles"), default=dict)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    @property
    def title(self) -> str:
        return _in_language(self.titles, get_language())

    @property
    def title_language(self) -> str:
        language = get_language() or "en"
        return language if self.titles.get(language) else "en"
