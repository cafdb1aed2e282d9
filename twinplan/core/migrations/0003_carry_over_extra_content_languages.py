"""The content languages an installation had configured in the environment variable
TWINPLAN_EXTRA_CONTENT_LANGUAGES ("es=Español,fr=Français"), which is no longer read,
become rows of ContentLanguage, with Babel's script and direction."""

import os

from django.db import migrations


def carry_over(apps, schema_editor):
    from twinplan.core.languages import language_defaults

    ContentLanguage = apps.get_model("core", "ContentLanguage")
    built_in = {"de", "en", "sr-latn", "sr", "vi"}
    for item in os.environ.get("TWINPLAN_EXTRA_CONTENT_LANGUAGES", "").split(","):
        code, _sep, name = item.partition("=")
        code = code.strip().lower()
        if not code or code in built_in:
            continue
        defaults = language_defaults(code)
        ContentLanguage.objects.get_or_create(
            code=defaults.code if defaults else code,
            defaults={
                "name": name.strip() or (defaults.autonym if defaults else code),
                "script": defaults.script if defaults else "Latn",
                "direction": defaults.direction if defaults else "ltr",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_content_language")]
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
