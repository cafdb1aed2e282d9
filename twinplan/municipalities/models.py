from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.languages import content_language_script, validate_content_languages
from twinplan.core.models import TimeStampedModel, TranslatableModel, VersionedModel
from twinplan.reference.validators import validate_country_code, validate_currency_code

validate_region_code = RegexValidator(
    r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
    _("Enter an ISO 3166-2 subdivision code such as DE-ST or VN-27."),
)


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("city")
    TOWN = "town", _("town")
    MUNICIPALITY = "municipality", _("municipality")
    ASSOCIATION = "association", _("association of municipalities")
    DISTRICT = "district", _("district")
    REGION = "region", _("region")


def coordinates_in_range(prefix: str) -> list[models.CheckConstraint]:
    """Database checks that latitude and longitude lie within ±90° and ±180° (the field
    validators give the message; these are the last line)."""
    return [
        models.CheckConstraint(
            condition=models.Q(latitude__isnull=True) | models.Q(latitude__range=(-90, 90)),
            name=f"{prefix}_latitude_in_range",
        ),
        models.CheckConstraint(
            condition=models.Q(longitude__isnull=True) | models.Q(longitude__range=(-180, 180)),
            name=f"{prefix}_longitude_in_range",
        ),
    ]


def town_name_in(name: str, names: Any, language: str | None) -> str:
    """A town's name as a page in `language` writes it: the name given for that language,
    else for its script (Ruma on Latin pages, Рума on Cyrillic ones), else the official
    local name `name`. For rows read without the model (`values()`)."""
    if not isinstance(names, dict) or not names or not language:
        return name
    if language in names:
        return str(names[language])
    script = content_language_script(language)
    if script in names:
        return str(names[script])
    return name


class Municipality(TimeStampedModel, TranslatableModel, VersionedModel):
    """A local authority as it names itself, with its key figures and their sources."""

    translatable_fields = ("description",)

    name = models.CharField(_("official local name"), max_length=200)
    # The name in other scripts or languages, keyed by ISO 15924 script ("Latn": "Ruma" for
    # Рума) or by language code; pages show the one of their language (`name_in`).
    names = models.JSONField(_("name in other scripts"), default=dict, blank=True)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country_code],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. DE, RS, VN."),
    )
    region_code = models.CharField(
        _("region (ISO 3166-2)"), max_length=6, blank=True, validators=[validate_region_code]
    )
    region_name = models.CharField(_("region name"), max_length=200, blank=True)
    region_source = models.CharField(_("source of the region"), max_length=300, blank=True)

    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population: year"), null=True, blank=True)
    population_source = models.CharField(_("population: source"), max_length=300, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    area_year = models.PositiveSmallIntegerField(_("area: year"), null=True, blank=True)
    area_source = models.CharField(_("area: source"), max_length=300, blank=True)

    latitude = models.FloatField(
        _("latitude"), null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    location_source = models.CharField(_("location: source"), max_length=300, blank=True)

    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency_code],
        help_text=_("ISO 4217 code, e.g. EUR, RSD, VND."),
    )
    working_languages = models.JSONField(
        _("working languages"), default=list, validators=[validate_content_languages],
        help_text=_("Content language codes, the first being the usual language of authors."),
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            *coordinates_in_range("municipality"),
            models.CheckConstraint(
                condition=models.Q(area_km2__isnull=True) | models.Q(area_km2__gte=0),
                name="municipality_area_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        """The town's name as a page in `language` writes it (`town_name_in`)."""
        return town_name_in(self.name, self.names, language)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not isinstance(self.names, dict) or not all(
            isinstance(key, str) and isinstance(value, str) and value.strip()
            for key, value in self.names.items()
        ):
            errors["names"] = _("Names in other scripts are pairs of a script and a name.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not self.location_source:
            errors["location_source"] = _("Say where the coordinates come from.")
        # Each missing part is named at its own field (GeoNames gives a population without
        # its year: the coordinator completes the year).
        if self.population is not None:
            if not self.population_year:
                errors["population_year"] = _("Give the year the population figure is from.")
            if not self.population_source:
                errors["population_source"] = _("Say where the population figure comes from.")
        if self.area_km2 is not None:
            if not self.area_year:
                errors["area_year"] = _("Give the year the area figure is from.")
            if not self.area_source:
                errors["area_source"] = _("Say where the area figure comes from.")
        if self.region_code and not self.region_code.startswith(f"{self.country}-"):
            errors["region_code"] = _("The region code must start with the country code.")
        if errors:
            raise ValidationError(errors)

    @property
    def first_language(self) -> str | None:
        return self.working_languages[0] if self.working_languages else None

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class MunicipalityFact(TimeStampedModel, TranslatableModel, VersionedModel):
    """A free fact ("UNESCO World Heritage since 1999"), with where it comes from."""

    translatable_fields = ("text",)

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="facts")
    text = models.CharField(_("fact"), max_length=300)
    source = models.CharField(_("source"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["municipality", "position", "id"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")

    def __str__(self) -> str:
        return self.text
