"""60 plausible housing offers across the territory, generated and labelled as demo."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from housing.enums import HousingAudience, HousingType
from housing.models import Housing, LandlordConfirmation
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from territory.enums import PlacePrecision
from territory.models import Commune
from vsa_portal.publication import PublicationStatus

DEMO_HOUSING_COUNT = 60

DEMO_ORGANISATIONS = [
    ("Mairie de démonstration", OrganisationKind.TOWN_HALL),
    ("Centre hospitalier de démonstration", OrganisationKind.HOSPITAL),
    ("CPTS de démonstration", OrganisationKind.CPTS),
    ("Propriétaire de démonstration (M. Arnaud)", OrganisationKind.LANDLORD),
    ("Propriétaire de démonstration (Mme Chabert)", OrganisationKind.LANDLORD),
]

# (type, rent range, surface range, furnished probability)
PROFILES = {
    HousingType.STUDIO: ((380, 560), (18, 32), 0.8),
    HousingType.APARTMENT: ((520, 900), (38, 85), 0.5),
    HousingType.SHARED_ROOM: ((280, 420), (10, 18), 0.95),
    HousingType.INTERNAT_ROOM: ((150, 260), (12, 20), 1.0),
    HousingType.GITE: ((450, 750), (30, 70), 1.0),
}

TITLES = {
    HousingType.STUDIO: "Studio meublé proche du centre de {commune}",
    HousingType.APARTMENT: "Appartement lumineux à {commune}",
    HousingType.SHARED_ROOM: "Chambre en colocation entre soignants à {commune}",
    HousingType.INTERNAT_ROOM: "Chambre à l’internat, {commune}",
    HousingType.GITE: "Gîte pour un remplacement de quelques semaines à {commune}",
}

DESCRIPTIONS = {
    HousingType.STUDIO: "Kitchenette équipée, salle d’eau, internet par la fibre.",
    HousingType.APARTMENT: "Deux chambres, cuisine séparée, balcon ; école à pied.",
    HousingType.SHARED_ROOM: "Maison partagée avec deux internes, jardin et cuisine commune.",
    HousingType.INTERNAT_ROOM: "Chambre à deux pas des services, repas au self de l’hôpital.",
    HousingType.GITE: "Gîte indépendant au calme, linge fourni, location à la semaine possible.",
}

AUDIENCES = {
    HousingType.STUDIO: [HousingAudience.INTERNS, HousingAudience.LOCUMS],
    HousingType.APARTMENT: [HousingAudience.SETTLING, HousingAudience.FAMILIES],
    HousingType.SHARED_ROOM: [HousingAudience.INTERNS],
    HousingType.INTERNAT_ROOM: [HousingAudience.INTERNS],
    HousingType.GITE: [HousingAudience.LOCUMS, HousingAudience.FAMILIES],
}


def demo_organisations():
    organisations = []
    for name, kind in DEMO_ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "is_demo": True}
        )
        if kind == OrganisationKind.LANDLORD:
            LandlordConfirmation.objects.get_or_create(
                organisation=organisation,
                defaults={"note": "Propriétaire fictif de démonstration."},
            )
        organisations.append(organisation)
    return organisations


def next_semester_start(today):
    """1 May or 1 November, whichever comes first after today."""
    for candidate in (date(today.year, 5, 1), date(today.year, 11, 1), date(today.year + 1, 5, 1)):
        if candidate > today:
            return candidate
    return date(today.year + 1, 5, 1)


def generate_demo_housing(seed=84, count=DEMO_HOUSING_COUNT):
    """Create the demo housing once; a second run leaves it as it is and returns 0."""
    if Housing.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    semester = next_semester_start(today)
    communes = list(Commune.objects.filter(population__gte=1500).order_by("insee_code"))
    if not communes:
        communes = list(Commune.objects.order_by("insee_code"))
    created = 0
    with transaction.atomic():
        organisations = demo_organisations()
        for number in range(count):
            # The largest towns first, so that each has some housing, then anywhere.
            commune = communes[number] if number < min(10, len(communes)) else rng.choice(communes)
            housing_type = rng.choice(HousingType.values)
            (low, high), (small, large), furnished = PROFILES[housing_type]
            rent = rng.randrange(low, high, 10)
            for_semester = housing_type in (HousingType.INTERNAT_ROOM, HousingType.SHARED_ROOM)
            start = semester if for_semester else today + timedelta(days=rng.randint(0, 120))
            housing = Housing(
                title=TITLES[housing_type].format(commune=commune.name),
                description=DESCRIPTIONS[housing_type]
                + "\n\nCe logement est fictif : il illustre le portail.",
                housing_type=housing_type,
                furnished=rng.random() < furnished,
                rent=rent,
                charges=rng.choice([0, 20, 30, 50, 80]),
                deposit=rent if rng.random() < 0.7 else None,
                surface=rng.randint(small, large),
                available_from=start,
                available_until=start + timedelta(days=181) if for_semester else None,
                min_stay_months=rng.choice([None, 1, 3, 6]),
                max_stay_months=6 if for_semester else rng.choice([None, 12, 24]),
                fits_winter_semester=for_semester or rng.random() < 0.4,
                fits_summer_semester=for_semester or rng.random() < 0.4,
                audiences=AUDIENCES[housing_type],
                accessible=rng.random() < 0.25,
                parking=rng.random() < 0.6,
                commune=commune,
                place_precision=PlacePrecision.COMMUNE,
                contact_name="Contact de démonstration",
                contact_email=f"logement{number}@demo.test",
                organisation=rng.choice(organisations),
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now()
                - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23)),
                expires_on=today + timedelta(days=rng.randint(60, 240)),
                is_demo=True,
            )
            housing.save()
            created += 1
    return created
