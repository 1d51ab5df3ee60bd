"""About 60 plausible practice offers across the territory, generated and labelled as demo."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Profession
from offers.enums import OfferKind, Structure
from offers.models import Offer
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from territory.enums import PlacePrecision
from territory.models import Commune, HealthFacility
from vsa_portal.publication import PublicationStatus

DEMO_OFFER_COUNT = 60

FIRST_NAMES = [
    "Claire",
    "Julien",
    "Sophie",
    "Karim",
    "Anne",
    "Thomas",
    "Nadia",
    "Pierre",
    "Léa",
    "Marc",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Roux",
    "Fabre",
    "Meyer",
    "Girard",
    "Benali",
    "Chabert",
    "Morel",
    "Arnaud",
]
SOFTWARE = ["Weda", "Doctolib Médecin", "MédiStory", "Crossway", "HelloDoc", ""]

TITLES = {
    OfferKind.OCCASIONAL_LOCUM: "Remplacement de {weeks} semaines cet été à {commune}",
    OfferKind.REGULAR_LOCUM: "Remplacement régulier {days} jours par semaine à {commune}",
    OfferKind.COLLABORATION: "Collaboration en {structure} à {commune}",
    OfferKind.PARTNERSHIP: "Association dans un {structure} à {commune}",
    OfferKind.SUCCESSION: "Succession d’un médecin généraliste partant à la retraite à {commune}",
    OfferKind.ASSISTANTSHIP: "Assistanat pour jeune médecin à {commune}",
    OfferKind.HEALTH_CENTRE_POST: "Médecin généraliste salarié en centre de santé à {commune}",
    OfferKind.HOSPITAL_POST: "Poste de praticien hospitalier à {commune}",
    OfferKind.PREMISES: "Cabinet médical disponible à {commune}",
}

DESCRIPTIONS = {
    OfferKind.OCCASIONAL_LOCUM: "Patientèle familiale et agréable, consultations sur rendez-vous, visites limitées.",
    OfferKind.REGULAR_LOCUM: "Remplacement régulier pour un médecin qui réduit son activité ; planning stable.",
    OfferKind.COLLABORATION: "Équipe soudée, projet de santé validé, réunions de coordination mensuelles.",
    OfferKind.PARTNERSHIP: "Trois associés cherchent un quatrième médecin pour répondre à la demande.",
    OfferKind.SUCCESSION: "Patientèle fidèle à reprendre, présentation progressive aux patients possible.",
    OfferKind.ASSISTANTSHIP: "Assistanat encadré par un maître de stage universitaire, ouvert aux jeunes diplômés.",
    OfferKind.HEALTH_CENTRE_POST: "Exercice salarié, temps plein ou partiel, secrétariat et coordination assurés.",
    OfferKind.HOSPITAL_POST: "Service de médecine polyvalente, gardes partagées, équipe pluridisciplinaire.",
    OfferKind.PREMISES: "Local aux normes d’accessibilité, deux salles de consultation, stationnement facile.",
}

STRUCTURE_BY_KIND = {
    OfferKind.HEALTH_CENTRE_POST: [Structure.HEALTH_CENTRE],
    OfferKind.HOSPITAL_POST: [Structure.HOSPITAL, Structure.CLINIC],
}

DEMO_ORGANISATIONS = [
    ("CPTS de démonstration", OrganisationKind.CPTS),
    ("Centre hospitalier de démonstration", OrganisationKind.HOSPITAL),
    ("Mairie de démonstration", OrganisationKind.TOWN_HALL),
]


def generate_demo_offers(seed=84, count=DEMO_OFFER_COUNT):
    """Create the demo offers once; a second run leaves them as they are and returns 0."""
    if Offer.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    general_practice = Profession.objects.get(slug="medecine-generale")
    other_professions = list(Profession.objects.exclude(pk=general_practice.pk))
    communes = list(Commune.objects.filter(population__gte=800).order_by("insee_code")) or list(
        Commune.objects.order_by("insee_code")
    )
    msps = list(HealthFacility.objects.filter(kind="msp").order_by("pk"))
    created = 0
    with transaction.atomic():
        organisations = [
            Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "is_demo": True})[
                0
            ]
            for name, kind in DEMO_ORGANISATIONS
        ]
        for _number in range(count):
            kind = rng.choice(OfferKind.values)
            commune = rng.choice(communes)
            structure = rng.choice(
                STRUCTURE_BY_KIND.get(
                    kind, [Structure.SOLO_PRACTICE, Structure.GROUP_PRACTICE, Structure.MSP]
                )
            )
            profession = general_practice if rng.random() < 0.8 else rng.choice(other_professions)
            salaried = kind in STRUCTURE_BY_KIND
            start = today + timedelta(days=rng.randint(7, 240))
            published = timezone.now() - timedelta(
                days=rng.randint(0, 60), hours=rng.randint(0, 23)
            )
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            offer = Offer(
                kind=kind,
                profession=profession,
                title=TITLES[kind].format(
                    commune=commune.name,
                    weeks=rng.randint(2, 8),
                    days=rng.randint(1, 4),
                    structure=Structure(structure).label.lower(),
                ),
                description=DESCRIPTIONS[kind]
                + "\n\nCette offre est fictive : elle illustre le portail.",
                structure=structure,
                facility=rng.choice(msps) if structure == Structure.MSP and msps else None,
                commune=commune,
                place_precision=PlacePrecision.COMMUNE,
                start_date=start,
                end_date=start + timedelta(weeks=rng.randint(2, 10))
                if kind == OfferKind.OCCASIONAL_LOCUM
                else None,
                days_per_week=rng.choice([2, 3, 3.5, 4, 4.5, 5]),
                retrocession_percent=None if salaried else rng.choice([70, 75, 80, 85]),
                salary_min=rng.choice([6500, 7000, 7500]) if salaried else None,
                salary_max=rng.choice([8500, 9000, 9500]) if salaried else None,
                has_secretariat=rng.random() < 0.6,
                practice_software=rng.choice(SOFTWARE),
                housing_provided=rng.random() < 0.25,
                patient_base_size=rng.choice([None, 900, 1200, 1500, 1800])
                if not salaried
                else None,
                contact_name=f"Dr {first} {last} (démo)",
                contact_email=f"{first.lower()}.{last.lower()}@demo.test",
                organisation=rng.choice(organisations) if rng.random() < 0.4 else None,
                is_anonymous=kind == OfferKind.SUCCESSION and rng.random() < 0.5,
                status=PublicationStatus.PUBLISHED,
                published_at=published,
                expires_on=today + timedelta(days=rng.randint(30, 180)),
                is_demo=True,
            )
            offer.save()
            created += 1
    return created
