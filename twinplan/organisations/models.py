from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
    WebAddressField,
)
from twinplan.municipalities.models import Municipality
from twinplan.reference.validators import validate_country_code

validate_iati_org_ref = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*-[^/&|?\s]+$",
    _("Enter an IATI organisation identifier such as DE-PR-12345 (registration agency, "
      "hyphen, number); no spaces, slashes, & | or ?."),
)


class OrganisationType(models.TextChoices):
    ADMINISTRATION = "administration", _("administration")
    SCHOOL = "school", _("school")
    ASSOCIATION = "association", _("association")
    COMPANY = "company", _("company")
    UTILITY = "utility", _("utility")
    UNIVERSITY = "university", _("university")
    OTHER = "other", _("other")


class Organisation(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    """Who carries, funds or initiates work: a town hall, a school, an association."""

    translatable_fields = ("description",)

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="organisations", verbose_name=_("municipality"),
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    website = WebAddressField(_("website"), blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True,
        validators=[validate_iati_org_ref],
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~models.Q(iati_identifier=""),
                name="organisation_iati_identifier_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name
