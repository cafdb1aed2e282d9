import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Berlin or Asia/Ho_Chi_Minh."),
            params={"value": value},
        )


class User(AbstractUser):
    """A person with a login. Roles in partnerships live with the partnerships."""

    # Unique among the people who have one; only an erased person's is empty (forms require it).
    email = models.EmailField(_("email address"))
    display_name = models.CharField(_("name shown to others"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=15, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone]
    )

    erased_at = models.DateTimeField(_("personal data erased"), null=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="user_email_unique",
                violation_error_message=_("A user with that e-mail address already exists."),
            )
        ]

    def __str__(self) -> str:
        if self.erased_at is not None:
            return str(_("a deleted user"))
        return self.display_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A personal API token: the owner's rights through the JSON API, no more. Only a hash
    of the secret is stored; the secret itself is shown once, when the token is made
    (accounts.services.api_token_create)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, such as “reporting script”."))
    # The first characters of the secret, so that the owner can tell tokens apart.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(
        _("read only"), default=False,
        help_text=_("A read-only token reads what you may read and writes nothing."),
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True,
        help_text=_("The last day the token works; empty: until you revoke it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        """Past its last day (the day itself still works)."""
        return self.expires_on is not None and self.expires_on < timezone.localdate()
