"""Give every facility already in the database its display name (French title case)."""

from django.db import migrations

from territory.names import facility_display_name


def fill_display_names(apps, schema_editor):
    Commune = apps.get_model("territory", "Commune")
    HealthFacility = apps.get_model("territory", "HealthFacility")
    commune_names = list(Commune.objects.values_list("name", flat=True))
    facilities = list(HealthFacility.objects.filter(display_name=""))
    for facility in facilities:
        facility.display_name = facility_display_name(facility.name, commune_names)
    HealthFacility.objects.bulk_update(facilities, ["display_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("territory", "0002_imported_values_and_display_name")]

    operations = [migrations.RunPython(fill_display_names, migrations.RunPython.noop)]
