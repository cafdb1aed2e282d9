from django.db import migrations


def load_sdgs(apps, schema_editor):
    from twinplan.reference.services import sdgs_sync

    sdgs_sync(apps.get_model("reference", "SdgGoal"), apps.get_model("reference", "SdgTarget"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(load_sdgs, migrations.RunPython.noop)]
