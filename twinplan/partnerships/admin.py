from django.contrib import admin

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


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0


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
