from django.db import migrations


def seed_faculties(apps, schema_editor):
    from interns.faculties import ensure_faculties

    ensure_faculties(apps.get_model("interns", "Faculty"))


class Migration(migrations.Migration):
    dependencies = [("interns", "0001_initial")]

    operations = [migrations.RunPython(seed_faculties, migrations.RunPython.noop)]
