from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "twinplan.core"
    label = "core"

    def ready(self) -> None:
        from twinplan.core import pagecache

        pagecache.connect()
