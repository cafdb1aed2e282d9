"""The joint action programme: fields of action → goals → measures, with what each measure
needs (resources), meets (challenges) and went through (progress entries)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    PublishableModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.partnerships.models import Partnership
from twinplan.programmes.querysets import MeasureQuerySet, ProgrammeQuerySet
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reference.validators import validate_dac_sector


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    IMPLEMENTATION = "implementation", _("in implementation")
    COMPLETED = "completed", _("completed")
    SUPERSEDED = "superseded", _("superseded")


class ActionProgramme(TimeStampedModel, TranslatableModel, PublishableModel, VersionedModel,
                      DemoFlagModel):
    """The joint plan (Handlungsprogramm). A new edition supersedes the previous one."""

    translatable_fields = ("title", "summary", "adopted_by")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="programmes"
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=300, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["partnership", "-edition"]
        verbose_name = _("action programme")
        verbose_name_plural = _("action programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "edition"], name="programme_edition_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.edition})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.status == ProgrammeStatus.ADOPTED and not self.adopted_on:
            errors["adopted_on"] = _("An adopted programme needs the date of its adoption.")
        if errors:
            raise ValidationError(errors)


class ProgrammeBaseline(TimeStampedModel, TranslatableModel):
    """Where one municipality stood when the programme started."""

    translatable_fields = ("text",)

    programme = models.ForeignKey(
        ActionProgramme, on_delete=models.CASCADE, related_name="baselines"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("baseline"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme", "id"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.text[:60]}"


class FieldOfAction(TimeStampedModel, TranslatableModel, DemoFlagModel):
    translatable_fields = ("title", "description")

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="fields")
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")

    def __str__(self) -> str:
        return self.title


class Goal(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    translatable_fields = ("title", "description")

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="goals")
    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals",
        verbose_name=_("field of action"),
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="+",
                                       verbose_name=_("SDGs"))
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+",
                                         verbose_name=_("SDG targets"))

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class MeasureStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in implementation")
    COMPLETED = "completed", _("completed")
    ON_HOLD = "on_hold", _("on hold")
    DISCONTINUED = "discontinued", _("discontinued")


class CovenantSector(models.TextChoices):
    """Sectors of the Covenant of Mayors SECAP template (mitigation), plus adaptation."""

    MUNICIPAL_BUILDINGS = "municipal_buildings", _("municipal buildings, equipment, facilities")
    TERTIARY_BUILDINGS = "tertiary_buildings", _("tertiary buildings and facilities")
    RESIDENTIAL_BUILDINGS = "residential_buildings", _("residential buildings")
    PUBLIC_LIGHTING = "public_lighting", _("public lighting")
    INDUSTRY = "industry", _("industry")
    TRANSPORT = "transport", _("transport")
    ELECTRICITY_PRODUCTION = "electricity_production", _("local electricity production")
    HEAT_PRODUCTION = "heat_production", _("local heat/cold production")
    OTHER = "other", _("other (e.g. waste, agriculture, awareness)")
    ADAPTATION = "adaptation", _("climate adaptation")


class Measure(TimeStampedModel, TranslatableModel, PublishableModel, VersionedModel,
              DemoFlagModel):
    """A concrete measure (Maßnahme) of the programme."""

    translatable_fields = ("title", "summary", "description", "context")

    programme = models.ForeignKey(
        ActionProgramme, on_delete=models.CASCADE, related_name="measures"
    )
    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="measures", verbose_name=_("field of action"),
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="measures",
                                   verbose_name=_("goals"))
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    context = models.TextField(
        _("context"), blank=True, help_text=_("Why the measure is needed, the situation it meets.")
    )
    is_pilot = models.BooleanField(_("pilot measure"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much the measure counts in its goals' progress."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)

    lead_municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("lead partner"),
    )
    implementing_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("implemented in")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="owned_measures", verbose_name=_("owner"),
    )
    dac_sector = models.CharField(
        _("OECD DAC sector"), max_length=5, blank=True, validators=[validate_dac_sector]
    )
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="+",
                                       verbose_name=_("SDGs"))
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+",
                                         verbose_name=_("SDG targets"))

    # Figures as the Covenant of Mayors template asks for them, when reported by the
    # partners themselves. Estimates computed from typed parameters are kept apart.
    covenant_sector = models.CharField(
        _("Covenant of Mayors sector"), max_length=30, choices=CovenantSector.choices, blank=True
    )
    energy_saved_mwh_per_year = models.DecimalField(
        _("energy saved (MWh/a)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    renewable_energy_mwh_per_year = models.DecimalField(
        _("renewable energy produced (MWh/a)"), max_digits=12, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)],
    )
    co2_reduced_t_per_year = models.DecimalField(
        _("CO₂ reduced (t/a)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    reported_figures_source = models.CharField(
        _("source of the reported figures"), max_length=300, blank=True
    )

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["programme", "code", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end lies before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end lies before the actual start.")
        if (
            self.field_of_action is not None
            and self.field_of_action.programme_id != self.programme_id
        ):
            errors["field_of_action"] = _("The field of action belongs to another programme.")
        reported = (
            self.energy_saved_mwh_per_year,
            self.renewable_energy_mwh_per_year,
            self.co2_reduced_t_per_year,
        )
        if any(value is not None for value in reported) and not self.reported_figures_source:
            errors["reported_figures_source"] = _("Reported figures need their source.")
        if errors:
            raise ValidationError(errors)


class MeasureActor(models.Model):
    """Who takes part: by type (schools, associations…) and, where known, by name."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["measure", "position", "id"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return str(self.organisation or self.get_kind_display())


class ProgressKind(models.TextChoices):
    CONTEXT = "context", _("context")
    STEP = "step", _("step")
    MILESTONE = "milestone", _("milestone")
    OUTLOOK = "outlook", _("outlook")


class ProgressEntry(TimeStampedModel, TranslatableModel):
    """One line of how the measure developed (Prozessentwicklung)."""

    translatable_fields = ("text",)

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress")
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgressKind.choices, default=ProgressKind.STEP
    )
    date = models.DateField(_("date"), null=True, blank=True)
    text = models.TextField(_("text"))
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["measure", "position", "id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")

    def __str__(self) -> str:
        return self.text[:80]


class ChallengeCategory(models.TextChoices):
    LANGUAGE = "language", _("language barriers")
    RESOURCES = "resources", _("available resources")
    THIRD_PARTIES = "third_parties", _("involving third parties")
    FUNDING = "funding", _("funding")
    POLITICS = "politics", _("political framework")
    TECHNICAL = "technical", _("technical")
    OTHER = "other", _("other")


class Challenge(TimeStampedModel, TranslatableModel):
    translatable_fields = ("description", "response")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="challenges")
    category = models.CharField(_("category"), max_length=20, choices=ChallengeCategory.choices)
    description = models.TextField(_("what made it hard"))
    response = models.TextField(_("what was done about it"), blank=True)

    class Meta:
        ordering = ["measure", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.get_category_display()
