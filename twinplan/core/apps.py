from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "twinplan.core"
    label = "core"
