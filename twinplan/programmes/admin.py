from django.contrib import admin

from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    ProgrammeBaseline,
    ProgressEntry,
)


class BaselineInline(admin.StackedInline):
    model = ProgrammeBaseline
    extra = 0


class FieldInline(admin.TabularInline):
    model = FieldOfAction
    extra = 0
    fields = ("position", "code", "title", "is_demo_content")


@admin.register(ActionProgramme)
class ActionProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "partnership", "edition", "status", "adopted_on", "is_published")
    list_filter = ("status", "is_published")
    inlines = [BaselineInline, FieldInline]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "field_of_action")
    list_filter = ("programme",)
    filter_horizontal = ("sdg_goals", "sdg_targets")


class ActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0


class ProgressInline(admin.StackedInline):
    model = ProgressEntry
    extra = 0
    fields = ("position", "kind", "date", "text", "progress_percent", "review_state", "author",
              "organisation")
    # The figure sets the measure's progress, which only the progress services keep.
    readonly_fields = ("progress_percent", "review_state")


class ChallengeInline(admin.StackedInline):
    model = Challenge
    extra = 0
    fields = ("category", "description", "response")


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("__str__", "programme", "status", "progress_percent", "is_pilot",
                    "is_published", "is_demo_content")
    list_filter = ("status", "is_pilot", "is_published", "programme")
    search_fields = ("title", "code")
    filter_horizontal = ("goals", "implementing_municipalities", "sdg_goals", "sdg_targets")
    inlines = [ActorInline, ProgressInline, ChallengeInline]
