"""Validators for codes from the packaged reference lists."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from twinplan.reference import codes


def validate_country_code(value: str) -> None:
    if value not in {country.code for country in codes.countries()}:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code (such as DE, RS, VN)."),
            params={"value": value},
        )


def validate_currency_code(value: str) -> None:
    if value not in {currency.code for currency in codes.currencies()}:
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (such as EUR, RSD, VND)."),
            params={"value": value},
        )


def validate_dac_sector(value: str) -> None:
    if value not in {sector.code for sector in codes.dac_sectors()}:
        raise ValidationError(
            _("“%(value)s” is not a 5-digit OECD DAC purpose code (see the IATI Sector list)."),
            params={"value": value},
        )
