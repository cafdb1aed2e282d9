from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UsernameField
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from twinplan.accounts.models import User
from twinplan.accounts.services import personal_data_export_json, user_erase


class UserCreationForm(AdminUserCreationForm):
    """The admin's "add user" form for this user model: the e-mail address is required and
    unique, so it is asked for here (Django's own form leaves it out and the second user
    without one failed on the unique constraint). Passwords go through Django's password
    validators."""

    class Meta:
        model = User
        fields = ("username", "email", "display_name", "language")
        field_classes = {"username": UsernameField}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    add_fieldsets = (
        (None, {
            "classes": ("wide",),
            "fields": ("username", "email", "display_name", "language",
                       "usable_password", "password1", "password2"),
        }),
    )
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (gettext_lazy("Preferences"), {"fields": ("display_name", "language", "time_zone")}),
    )
    readonly_fields = ("erased_at",)
    list_display = ("username", "email", "display_name", "language", "is_staff", "is_active")
    actions = ["export_personal_data", "erase_personal_data"]

    def has_personal_data_permission(self, request: HttpRequest) -> bool:
        """Export and erasure are for the network admin alone."""
        return bool(request.user.is_active and request.user.is_superuser)

    @admin.action(description=gettext_lazy("Export personal data (JSON)"),
                  permissions=["personal_data"])
    def export_personal_data(self, request: HttpRequest, queryset: QuerySet[User]) -> Any:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one user to export."),
                              messages.WARNING)
            return None
        user = queryset.get()
        response = HttpResponse(personal_data_export_json(user=user),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="personal-data-{user.pk}.json"')
        return response

    @admin.action(description=gettext_lazy("Erase personal data (anonymise)"),
                  permissions=["personal_data"])
    def erase_personal_data(self, request: HttpRequest, queryset: QuerySet[User]) -> Any:
        users = list(queryset.order_by("pk"))
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(request, "admin/accounts/user/erase_confirmation.html", {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data"),
                "users": users,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            })
        erased = 0
        for user in users:
            try:
                user_erase(user=user, by=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                self.message_user(request, f"{user.username}: {' '.join(error.messages)}",
                                  messages.ERROR)
            else:
                erased += 1
        if erased:
            self.message_user(request, ngettext(
                "The personal data of %(count)d user were erased.",
                "The personal data of %(count)d users were erased.", erased,
            ) % {"count": erased}, messages.SUCCESS)
        return None
