"""The joint action programme: fields of action → goals → measures, with what each measure
needs (resources), meets (challenges) and went through (progress entries)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    PublishableModel,
    ReviewedModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.partnerships.models import Agreement, Partnership
from twinplan.programmes.querysets import MeasureQuerySet, ProgrammeQuerySet
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reference.validators import validate_dac_sector


def _ends_after_start(start: str, end: str) -> models.Q:
    """A date range the database checks: open at either end, or ending on or after its start."""
    return (
        models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)})
    )


def _percentage(name: str) -> models.Q:
    return models.Q(**{f"{name}__isnull": True}) | models.Q(**{f"{name}__range": (0, 100)})


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    IMPLEMENTATION = "implementation", _("in implementation")
    COMPLETED = "completed", _("completed")
    SUPERSEDED = "superseded", _("superseded")


class ActionProgramme(TimeStampedModel, TranslatableModel, PublishableModel, VersionedModel,
                      DemoFlagModel):
    """The joint plan (Handlungsprogramm). A new edition starts as a copy of the adopted one
    (programmes.services.programme_edition_start); it is adopted when every member's council
    has adopted it (`adoptions`), and then supersedes the previous one."""

    translatable_fields = ("title", "summary")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="programmes"
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("previous edition"), editable=False,
    )
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
            ),
            models.CheckConstraint(
                condition=_ends_after_start("period_start", "period_end"),
                name="programme_period_ends_after_start",
            ),
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


class ProgrammeAdoption(TimeStampedModel, VersionedModel):
    """One member council's adoption of an edition: which body, on which day, with its
    resolution kept as an agreement of the partnership."""

    programme = models.ForeignKey(
        ActionProgramme, on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("municipality"),
    )
    body = models.CharField(_("adopted by (body)"), max_length=200,
                            help_text=_("e.g. Stadtrat Wernigerode"))
    adopted_on = models.DateField(_("adopted on"))
    resolution = models.ForeignKey(
        Agreement, on_delete=models.RESTRICT, related_name="+", verbose_name=_("resolution"),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["programme", "adopted_on", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "municipality"], name="programme_adopted_once_per_town"
            ),
        ]

    def __str__(self) -> str:
        # Shown in lists such as the partner's changes: the date as the reader writes it.
        return f"{self.body} ({date_format(self.adopted_on, 'SHORT_DATE_FORMAT')})"

    def clean(self) -> None:
        if self.adopted_on and self.adopted_on > timezone.localdate():
            raise ValidationError({"adopted_on": _(
                "This day lies in the future; record the adoption once the council has "
                "decided."
            )})


class ProgrammeBaseline(TimeStampedModel, TranslatableModel, VersionedModel):
    """Where one municipality stood when the programme started, with the source that states
    it and the year it describes."""

    translatable_fields = ("text",)

    programme = models.ForeignKey(
        ActionProgramme, on_delete=models.CASCADE, related_name="baselines"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("baseline"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["programme", "id"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.text[:60]}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.text.strip() and not self.source.strip():
            errors["source"] = _("A baseline text needs its source.")
        if self.text.strip() and self.year is None:
            errors["year"] = _("A baseline text needs the year it describes.")
        if errors:
            raise ValidationError(errors)


class FieldOfAction(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    translatable_fields = ("title", "description")

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="fields")
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

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

    def clean(self) -> None:
        if (
            self.field_of_action is not None
            and self.field_of_action.programme_id != self.programme_id
        ):
            raise ValidationError(
                {"field_of_action": _("The field of action belongs to another programme.")}
            )


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
    # The same measure in the previous edition of the programme (set when an edition is
    # started as a copy), for the list of what changed between editions.
    predecessor = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="successor",
        verbose_name=_("in the previous edition"), editable=False,
    )
    # The published measure of another partnership this one was copied from ("use as a
    # template" in the library); set only by programmes.services.measure_copy_from_template.
    template_source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("based on"), editable=False,
    )

    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    # The figure of the latest approved progress entry that gives one; written only by the
    # progress services (programmes.services), never edited on the measure itself.
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, editable=False,
        validators=[MaxValueValidator(100)],
        help_text=_("From the latest approved progress entry that gives a figure."),
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
        constraints = [
            # A measure's reference is what a spreadsheet import finds it by.
            models.UniqueConstraint(
                fields=["programme", "code"], condition=~models.Q(code=""),
                name="measure_code_once_per_edition",
                violation_error_message=_("Another measure of this edition has this code."),
            ),
            models.CheckConstraint(
                condition=_ends_after_start("planned_start", "planned_end"),
                name="measure_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=_ends_after_start("actual_start", "actual_end"),
                name="measure_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=_percentage("progress_percent"), name="measure_progress_percentage"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__range=(1, 100)), name="measure_weight_1_to_100"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__gte": 0}),
                    name=f"measure_{name}_not_negative",
                )
                for name in ("energy_saved_mwh_per_year", "renewable_energy_mwh_per_year",
                             "co2_reduced_t_per_year")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def is_public(self) -> bool:
        """Shown on the public pages: published, in a published programme of a published
        partnership (the rule of `Measure.objects.published()`)."""
        return (
            self.is_published
            and self.programme.is_published
            and self.programme.partnership.is_published
        )

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


class MeasureActor(VersionedModel):
    """Who takes part: by type (schools, associations…) and, where known, by name (an
    organisation of one of the partnership's member municipalities)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

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


class ProgressEntry(TimeStampedModel, TranslatableModel, VersionedModel, ReviewedModel):
    """One line of how the measure developed (Prozessentwicklung). An approved entry with a
    progress figure sets the measure's progress until a later one does; a contributor's
    entry waits for a coordinator's review first (see `ReviewedModel`)."""

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

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "position", "id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [
            models.CheckConstraint(
                condition=_percentage("progress_percent"), name="progress_entry_percentage"
            ),
        ]

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


class Challenge(TimeStampedModel, TranslatableModel, VersionedModel):
    translatable_fields = ("description", "response")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="challenges")
    category = models.CharField(_("category"), max_length=20, choices=ChallengeCategory.choices)
    description = models.TextField(_("what made it hard"))
    response = models.TextField(_("what was done about it"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.get_category_display()


class MeasureComment(TimeStampedModel, TranslatableModel, VersionedModel):
    """A coordinator's comment on a measure, written in their language and translatable
    like other content; the partner town's coordinators read it in theirs."""

    translatable_fields = ("text",)

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("written by"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("for municipality"),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]
