from django.db import migrations

# General practice first; the list is data that the project lead edits in the admin.
PROFESSIONS = [
    ("Médecine générale", "medecine-generale"),
    ("Médecine spécialisée", "medecine-specialisee"),
    ("Chirurgie dentaire", "chirurgie-dentaire"),
    ("Masso-kinésithérapie", "masso-kinesitherapie"),
    ("Soins infirmiers", "soins-infirmiers"),
    ("Maïeutique (sage-femme)", "maieutique"),
    ("Orthophonie", "orthophonie"),
]


def create_professions(apps, schema_editor):
    Profession = apps.get_model("offers", "Profession")
    for position, (name, slug) in enumerate(PROFESSIONS):
        Profession.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(create_professions, migrations.RunPython.noop)]
