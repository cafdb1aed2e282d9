from django.contrib import admin

from twinplan.events.models import Event, EventOutcome, Idea


class OutcomeInline(admin.StackedInline):
    model = EventOutcome
    extra = 0
    filter_horizontal = ("measures",)


class IdeaInline(admin.StackedInline):
    model = Idea
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "partnership", "kind", "start_date", "place_name", "is_published")
    list_filter = ("kind", "is_published", "partnership")
    filter_horizontal = ("organisations",)
    inlines = [OutcomeInline, IdeaInline]
