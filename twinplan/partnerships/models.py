from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.languages import validate_content_languages
from twinplan.core.models import (
    DemoFlagModel,
    PublishableModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
    WebAddressField,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation, validate_iati_org_ref
from twinplan.partnerships.querysets import PartnershipQuerySet
from twinplan.reference.validators import validate_currency_code


class IatiOrganisationType(models.TextChoices):
    """The IATI OrganisationType codelist (2.03)."""

    GOVERNMENT = "10", _("government")
    LOCAL_GOVERNMENT = "11", _("local government")
    OTHER_PUBLIC = "15", _("other public sector")
    INTERNATIONAL_NGO = "21", _("international NGO")
    NATIONAL_NGO = "22", _("national NGO")
    REGIONAL_NGO = "23", _("regional NGO")
    PARTNER_COUNTRY_NGO = "24", _("partner country based NGO")
    PUBLIC_PRIVATE = "30", _("public private partnership")
    MULTILATERAL = "40", _("multilateral")
    FOUNDATION = "60", _("foundation")
    PRIVATE = "70", _("private sector")
    PRIVATE_PROVIDER = "71", _("private sector in provider country")
    PRIVATE_RECIPIENT = "72", _("private sector in aid recipient country")
    PRIVATE_THIRD = "73", _("private sector in third country")
    ACADEMIC = "80", _("academic, training and research")
    OTHER = "90", _("other")


class FundingProgramme(TimeStampedModel, TranslatableModel):
    """A programme that funds and follows many partnerships. The `iati_` fields say how
    its partnerships are published in IATI (kept by the network admin)."""

    translatable_fields = ("name", "description")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_programmes",
        verbose_name=_("funder"),
    )
    website = WebAddressField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    iati_identifier_prefix = models.CharField(
        _("IATI activity identifier prefix"), max_length=100, blank=True,
        validators=[validate_iati_org_ref],
        help_text=_("Usually the reporting organisation's identifier, such as DE-1-XM-5; "
                    "each partnership's activity identifier is this prefix, a hyphen and "
                    "the partnership's short name."),
    )
    iati_reporting_org_ref = models.CharField(
        _("IATI reporting organisation identifier"), max_length=100, blank=True,
        validators=[validate_iati_org_ref],
    )
    iati_reporting_org_type = models.CharField(
        _("IATI reporting organisation type"), max_length=2, blank=True,
        choices=IatiOrganisationType.choices,
    )
    iati_reporting_org_name = models.CharField(
        _("IATI reporting organisation name"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        return self.name


class PartnershipKind(models.TextChoices):
    CLIMATE = "climate", _("climate partnership")
    SUSTAINABILITY = "sustainability", _("sustainability partnership")
    TWINNING = "twinning", _("formal town twinning")
    FRIENDSHIP = "friendship", _("friendship")
    PROJECT = "project", _("project partnership")


class Partnership(TimeStampedModel, TranslatableModel, PublishableModel, VersionedModel):
    translatable_fields = ("title", "summary", "description", "aims", "agenda_2030_value")

    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PartnershipKind.choices)
    municipalities: models.ManyToManyField[Municipality, PartnershipMember] = (
        models.ManyToManyField(
            Municipality,
            through="PartnershipMember",
            related_name="partnerships",
            verbose_name=_("member municipalities"),
        )
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    initiator = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiated_partnerships",
        verbose_name=_("initiated by"),
    )
    funding_programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("funding programme"),
    )
    working_languages = models.JSONField(
        _("working languages"), default=list, validators=[validate_content_languages]
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    aims = models.TextField(_("aims of the partnership"), blank=True)
    agenda_2030_value = models.TextField(
        _("value for the municipalities (Agenda 2030)"), blank=True
    )
    review_contributions = models.BooleanField(
        _("review contributors' reports"), default=True,
        help_text=_("Progress entries, measured values and ideas from contributors wait for a "
                    "coordinator's approval before they are public or count."),
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("flag measures not updated for (days)"), default=90,
        validators=[MinValueValidator(7)],
    )
    # Set by partnerships.services.partnership_archive: an ended partnership, read-only in
    # the workspace (every write service refuses), still public.
    archived_on = models.DateField(_("archived on"), null=True, blank=True, editable=False)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return self.title


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "municipality"], name="partnership_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} in {self.partnership}"


class AgreementKind(models.TextChoices):
    FRIENDSHIP = "friendship", _("friendship agreement")
    PARTNERSHIP = "partnership", _("partnership agreement")
    COOPERATION = "cooperation", _("cooperation agreement / memorandum of understanding")
    COUNCIL_RESOLUTION = "council_resolution", _("council resolution")
    OTHER = "other", _("other")


class Agreement(TimeStampedModel, TranslatableModel, VersionedModel):
    """A signed agreement or a council resolution that binds one or all partners."""

    translatable_fields = ("title", "description")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreements"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    signed_on = models.DateField(_("signed / decided on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    parties = models.ManyToManyField(
        Municipality, blank=True, related_name="agreements", verbose_name=_("parties")
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class Award(TimeStampedModel, TranslatableModel, VersionedModel):
    translatable_fields = ("name", "category", "description")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award"), max_length=200)
    category = models.CharField(_("category"), max_length=200, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["awarded_on", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return self.name


class AwardAmount(VersionedModel):
    """Prize money paid to one recipient (30,000 € to each partner is two rows)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="amounts")
    recipient = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="award_amounts",
        verbose_name=_("recipient"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("prize money")
        verbose_name_plural = _("prize money")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="award_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        from twinplan.core.formats import format_money

        if self.amount is None or not self.currency:
            return f"{self.amount} {self.currency} → {self.recipient_id and self.recipient}"
        amount = format_money(self.amount, self.currency, get_language() or "en")
        return f"{amount} → {self.recipient}"


class PhaseKind(models.TextChoices):
    PREPARATION = "preparation", _("preparation")
    KICK_OFF = "kick_off", _("kick-off and idea collection")
    EXCHANGE = "exchange", _("delegation trips and expert exchange")
    APPROACH = "approach", _("agreeing a common approach")
    PROGRAMME = "programme", _("development of the action programme")
    RESOLUTION = "resolution", _("council resolutions")
    PILOT = "pilot", _("pilot measures")
    IMPLEMENTATION = "implementation", _("implementation")
    MONITORING = "monitoring", _("monitoring")
    RESULTS = "results", _("results and outlook")


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CURRENT = "current", _("under way")
    COMPLETED = "completed", _("completed")


class Phase(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    translatable_fields = ("title", "description")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["partnership", "position", "start_date", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the start.")})


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("partnership coordinator")
    CONTRIBUTOR = "contributor", _("contributor")


class PartnershipRole(TimeStampedModel):
    """What a user may do in one partnership, on behalf of a municipality or organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for municipality"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for organisation"),
    )

    class Meta:
        verbose_name = _("partnership role")
        verbose_name_plural = _("partnership roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="partnership_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"

    def clean(self) -> None:
        if self.role == RoleKind.COORDINATOR and self.municipality_id is None:
            raise ValidationError({"municipality": _("A coordinator acts for a municipality.")})


class FundingProgrammeCoordinator(TimeStampedModel):
    """Reads every partnership of one funding programme, drafts included."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_programme_roles"
    )
    funding_programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="coordinators"
    )

    class Meta:
        verbose_name = _("programme coordinator")
        verbose_name_plural = _("programme coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "funding_programme"], name="programme_coordinator_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.funding_programme}"


class Invitation(TimeStampedModel):
    """A single-use link, sent by e-mail, that grants a role in a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("for municipality"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("for organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("valid until"))
    language = models.CharField(
        _("language of the mail"), max_length=15, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.partnership}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
