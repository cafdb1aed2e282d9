from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API: it composes the selectors and services of every domain app."""

    name = "twinplan.api"
    label = "api"
    verbose_name = "API"
