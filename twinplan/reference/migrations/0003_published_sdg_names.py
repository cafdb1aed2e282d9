"""Writes the published translations of the SDG goal and target names
(data/sdg_names.json, Open SDG's sdg-translations) into the SDG rows."""

from django.db import migrations


def load_sdgs(apps, schema_editor):
    from twinplan.reference.services import sdgs_sync

    sdgs_sync(apps.get_model("reference", "SdgGoal"), apps.get_model("reference", "SdgTarget"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_load_sdgs")]

    operations = [migrations.RunPython(load_sdgs, migrations.RunPython.noop)]
