"""Content languages: which exist, how they are named, how codes are checked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.CONTENT_LANGUAGES]


def content_language_name(code: str) -> str:
    names: dict[str, str] = dict(settings.CONTENT_LANGUAGES)
    return names.get(code, code)


def validate_content_language(code: str) -> None:
    if code not in content_language_codes():
        raise ValidationError(
            _("“%(code)s” is not a content language of this installation (known: %(known)s)."),
            params={"code": code, "known": ", ".join(content_language_codes())},
            code="unknown_language",
        )


def validate_content_languages(codes: object) -> None:
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise ValidationError(_("Languages must be a list of language codes."), code="invalid")
    for code in codes:
        validate_content_language(code)
    if len(set(codes)) != len(codes):
        raise ValidationError(_("A language is listed twice."), code="duplicate")
