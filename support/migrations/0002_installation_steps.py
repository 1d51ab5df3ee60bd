from django.db import migrations

# The usual path of a general practitioner's installation in France, as a starting list that
# the project lead edits in the admin (Accompagnement › Étapes de l’installation).
STEPS = [
    (
        "Inscription au tableau de l’Ordre des médecins",
        "Le conseil départemental de l’Ordre des médecins",
        "https://www.conseil-national.medecin.fr/",
        "Vous mettre en relation avec le conseil départemental de l’Ordre.",
    ),
    (
        "Immatriculation et conventionnement auprès de l’Assurance maladie (CPAM)",
        "La CPAM du département",
        "https://www.ameli.fr/medecin/exercice-liberal/vie-cabinet/installation",
        "Organiser un rendez-vous avec le conseiller installation de la CPAM.",
    ),
    (
        "Déclaration d’activité à l’URSSAF et affiliation à la CARMF",
        "URSSAF, CARMF",
        "https://www.urssaf.fr/",
        "Vous indiquer les démarches et leurs délais.",
    ),
    (
        "Responsabilité civile professionnelle",
        "Un assureur de votre choix",
        "",
        "Vous orienter vers les interlocuteurs habituels.",
    ),
    (
        "Choix du contrat et du mode d’exercice",
        "Vous, avec l’Ordre (contrats types) et vos futurs associés",
        "https://www.conseil-national.medecin.fr/",
        "Vous présenter aux maisons de santé et aux cabinets qui recrutent.",
    ),
    (
        "Locaux et logiciel métier",
        "Vous, avec la commune ou la maison de santé",
        "",
        "Chercher un local avec la mairie, la CPTS ou la maison de santé.",
    ),
    (
        "Banque, comptabilité et formation à la gestion du cabinet",
        "Votre banque, une association de gestion agréée",
        "",
        "Vous indiquer les formations proposées sur le territoire.",
    ),
]


def create_steps(apps, schema_editor):
    InstallationStep = apps.get_model("support", "InstallationStep")
    for position, (title, who, url, help_text) in enumerate(STEPS):
        InstallationStep.objects.get_or_create(
            title=title,
            defaults={"who": who, "official_url": url, "service_help": help_text, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(create_steps, migrations.RunPython.noop)]
