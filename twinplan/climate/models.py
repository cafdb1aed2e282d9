"""What the impact balance is computed from (the money totals: `twinplan.money`).

- `ImpactEstimate`: a measure's impact type and typed parameters (one per measure).
- `TravelLeg`: a trip of an event's delegation between two located places.
- `MunicipalInventory`: a municipality's own emissions inventory (replaces the estimate).
- `PartnershipFactor`: a partnership's own value for a factor, with its own source.

Every number from outside carries its source (and year); the calculations themselves live
in the pure package `twinplan.impact`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.climate.parameters import ImpactTypeChoice
from twinplan.climate.rules import factor_override_errors, trip_params_errors
from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    VersionedModel,
    WebAddressField,
)
from twinplan.events.models import Event
from twinplan.impact import TravelMode
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure

EARLIEST_YEAR, LATEST_YEAR = 1950, 2100
_year_validators = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]


class ImpactEstimate(TimeStampedModel, DemoFlagModel, VersionedModel):
    """The impact type of a measure and the parameters its estimate is computed from.

    `parameters` is a JSON object keyed by the parameter names of the calculation package
    (see `climate.parameters`); it is written only through `services.impact_estimate_create`
    and `services.impact_estimate_update`, which complete and validate it with the package.
    """

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, related_name="impact", verbose_name=_("measure")
    )
    impact_type = models.CharField(_("impact type"), max_length=30,
                                   choices=ImpactTypeChoice.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("takes effect in"),
        help_text=_("The partner municipality whose emissions the measure reduces."),
    )
    parameters_source = models.CharField(
        _("source of the parameters"), max_length=300,
        help_text=_("Where the figures come from, e.g. the installer's offer or a report."),
    )
    parameters_year = models.PositiveSmallIntegerField(
        _("year of the parameters"), validators=_year_validators,
        help_text=_("The year the figures refer to or were stated in."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure"]
        verbose_name = _("measure impact")
        verbose_name_plural = _("measure impacts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parameters_year__gte=EARLIEST_YEAR)
                & models.Q(parameters_year__lte=LATEST_YEAR),
                name="impact_parameters_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_impact_type_display()}"

    def clean(self) -> None:
        if not isinstance(self.parameters, dict):
            raise ValidationError({"impact_type": _("The parameters must be a JSON object.")})
        if self.measure_id is None or self.municipality_id is None:
            return
        is_member = Municipality.objects.filter(
            pk=self.municipality_id,
            memberships__partnership__programmes__measures=self.measure_id,
        ).exists()
        if not is_member:
            raise ValidationError(
                {"municipality": _("Choose a member municipality of the measure's partnership.")}
            )


class TravelModeChoice(models.TextChoices):
    FLIGHT = TravelMode.FLIGHT.value, _("flight")
    RAIL = TravelMode.RAIL.value, _("rail")
    COACH = TravelMode.COACH.value, _("coach")
    CAR = TravelMode.CAR.value, _("car")


class TravelLeg(TimeStampedModel, DemoFlagModel, VersionedModel):
    """A trip of `persons` travellers between two places, for an event (one way or return).

    The footprint uses the geodesic distance between the coordinates (flights) or the route
    distance where one is given (ground modes); see `twinplan.impact.travel`.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="travel_legs",
                              verbose_name=_("event"))
    origin_name = models.CharField(_("from"), max_length=200)
    origin_latitude = models.FloatField(
        _("from: latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    origin_longitude = models.FloatField(
        _("from: longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    origin_source = models.CharField(_("from: source of the coordinates"), max_length=300)
    destination_name = models.CharField(_("to"), max_length=200)
    destination_latitude = models.FloatField(
        _("to: latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    destination_longitude = models.FloatField(
        _("to: longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    destination_source = models.CharField(_("to: source of the coordinates"), max_length=300)
    mode = models.CharField(_("mode"), max_length=10, choices=TravelModeChoice.choices)
    persons = models.PositiveIntegerField(_("persons"), validators=[MinValueValidator(1)])
    return_trip = models.BooleanField(_("return trip"), default=True,
                                      help_text=_("There and back again (two legs)."))
    route_distance_km = models.FloatField(
        _("route distance (km)"), null=True, blank=True, validators=[MinValueValidator(0)],
        help_text=_("Ground modes only; left empty, the geodesic distance is used."),
    )
    cars = models.PositiveIntegerField(
        _("cars"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Car only; left empty, one car per four travellers."),
    )
    radiative_forcing = models.BooleanField(
        _("count radiative forcing"), default=True,
        help_text=_("Flights: use the factor with the non-CO₂ effects at altitude."),
    )
    source = models.CharField(
        _("source"), max_length=300,
        help_text=_("Where the travel details come from, e.g. the travel expense report."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["event", "position", "id"]
        verbose_name = _("travel leg")
        verbose_name_plural = _("travel legs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin_latitude__gte=-90, origin_latitude__lte=90)
                & models.Q(destination_latitude__gte=-90, destination_latitude__lte=90),
                name="travel_leg_latitudes_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(origin_longitude__gte=-180, origin_longitude__lte=180)
                & models.Q(destination_longitude__gte=-180, destination_longitude__lte=180),
                name="travel_leg_longitudes_on_earth",
            ),
            models.CheckConstraint(condition=models.Q(persons__gte=1),
                                   name="travel_leg_persons_positive"),
            models.CheckConstraint(
                condition=models.Q(route_distance_km__isnull=True)
                | models.Q(route_distance_km__gte=0),
                name="travel_leg_route_distance_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(cars__isnull=True) | models.Q(cars__gte=1),
                name="travel_leg_cars_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin_name} → {self.destination_name} ({self.get_mode_display()})"

    def clean(self) -> None:
        # The rules of the calculation package, keyed by the fields they concern.
        errors = trip_params_errors(self)
        if errors:
            raise ValidationError(errors)


class InventoryMethod(models.TextChoices):
    BISKO = "BISKO", _("BISKO (Bilanzierungs-Systematik Kommunal, Germany)")
    GPC = "GPC", _("GHG Protocol for Cities (GPC)")
    COM = "CoM", _("Covenant of Mayors baseline emission inventory")
    IPCC = "IPCC", _("IPCC inventory guidelines applied to the territory")
    OTHER = "other", _("other method (described in the source)")


class MunicipalInventory(TimeStampedModel, DemoFlagModel, VersionedModel):
    """A municipality's own greenhouse-gas inventory; the newest year replaces the
    per-capita estimate in the balance."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="emission_inventories",
        verbose_name=_("municipality"),
    )
    total_co2e_t_per_year = models.DecimalField(
        _("total emissions (t CO₂e/a)"), max_digits=14, decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=_year_validators)
    method = models.CharField(_("method"), max_length=10, choices=InventoryMethod.choices)
    source = models.CharField(_("source"), max_length=300)
    url = WebAddressField(_("link"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["municipality", "-year"]
        verbose_name = _("emissions inventory")
        verbose_name_plural = _("emissions inventories")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="inventory_once_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=EARLIEST_YEAR) & models.Q(year__lte=LATEST_YEAR),
                name="inventory_year_range",
            ),
            models.CheckConstraint(condition=models.Q(total_co2e_t_per_year__gt=0),
                                   name="inventory_total_positive"),
        ]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        from twinplan.core.formats import format_number

        total = format_number(self.total_co2e_t_per_year, get_language() or "en")
        return f"{self.municipality} {self.year}: {total} t CO₂e/a"

    def clean(self) -> None:
        if self.total_co2e_t_per_year is not None and self.total_co2e_t_per_year <= 0:
            raise ValidationError({"total_co2e_t_per_year": _(
                "The total emissions must be greater than zero."
            )})


class PartnershipFactor(TimeStampedModel, VersionedModel):
    """A partnership's own value for a factor of the calculation package, with its source.

    The key is a factor key such as `electricity.grid.SRB` or `transport.car`; the value is
    given in the factor's unit (or one convertible to it).
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="factor_overrides",
        verbose_name=_("partnership"),
    )
    key = models.CharField(_("factor"), max_length=100,
                           help_text=_("e.g. electricity.grid.SRB, transport.car, fuel.lignite"))
    value = models.FloatField(_("value"), validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. g CO2e/kWh"))
    low = models.FloatField(_("low end"), null=True, blank=True,
                            validators=[MinValueValidator(0)])
    high = models.FloatField(_("high end"), null=True, blank=True,
                             validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=300)
    edition_year = models.PositiveSmallIntegerField(_("edition / year"),
                                                    validators=_year_validators)
    licence = models.CharField(_("licence"), max_length=200, blank=True,
                               help_text=_("Left empty: “as stated by the partnership”."))
    url = WebAddressField(_("link"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["partnership", "key"]
        verbose_name = _("factor override")
        verbose_name_plural = _("factor overrides")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="override_once_per_key"),
            models.CheckConstraint(condition=models.Q(value__gte=0),
                                   name="factor_value_not_negative"),
            models.CheckConstraint(
                condition=models.Q(low__isnull=True) | models.Q(low__gte=0),
                name="factor_low_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(high__isnull=True) | models.Q(high__gte=0),
                name="factor_high_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(edition_year__gte=EARLIEST_YEAR)
                & models.Q(edition_year__lte=LATEST_YEAR),
                name="factor_edition_year_range",
            ),
        ]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        from twinplan.core.formats import format_number

        value = format_number(self.value, get_language() or "en", places=6)
        return f"{self.key} = {value} {self.unit} ({self.partnership})"

    def clean(self) -> None:
        errors = factor_override_errors(self)
        if errors:
            raise ValidationError(errors)
