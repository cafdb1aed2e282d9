from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    FundingProgramme,
    FundingProgrammeCoordinator,
    Partnership,
    PartnershipMember,
    PartnershipRole,
    Phase,
)
from twinplan.partnerships.services import MIN_MEMBERS


class MemberFormSet(BaseInlineFormSet):
    """The admin keeps the rule of `partnership_create`: at least two members."""

    def clean(self) -> None:
        super().clean()
        kept: list[Any] = [
            form for form in self.forms
            if form.is_valid() and form.cleaned_data.get("municipality")
            and not form.cleaned_data.get("DELETE")
        ]
        if len(kept) < MIN_MEMBERS:
            raise ValidationError(_("A partnership has at least two member municipalities."))


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    formset = MemberFormSet
    extra = 0
    min_num = MIN_MEMBERS


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    filter_horizontal = ("parties",)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("position", "kind", "title", "start_date", "end_date", "is_demo_content")


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "start_date", "funding_programme", "is_published")
    list_filter = ("kind", "is_published", "funding_programme")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [MemberInline, AgreementInline, PhaseInline]


class AwardAmountInline(admin.TabularInline):
    model = AwardAmount
    extra = 0


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("name", "partnership", "awarded_on", "place")
    inlines = [AwardAmountInline]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "funder")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "partnership", "role", "municipality", "organisation")
    list_filter = ("role", "partnership")


@admin.register(FundingProgrammeCoordinator)
class FundingProgrammeCoordinatorAdmin(admin.ModelAdmin):
    list_display = ("user", "funding_programme")
