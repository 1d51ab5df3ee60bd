"""30 demo internship sites built on the real facilities of the territory, labelled as demo:
the facilities are real, the fact that they host interns in these services is not."""

import random

from django.db import transaction

from interns.enums import SiteKind, Specialty
from interns.faculties import ensure_faculties
from interns.models import InternshipSite
from territory.enums import FacilityKind
from territory.models import Commune, HealthFacility
from vsa_portal.publication import PublicationStatus

DEMO_SITE_COUNT = 30

SERVICES = {
    FacilityKind.HOSPITAL: [
        ("Urgences", Specialty.EMERGENCY),
        ("Pédiatrie", Specialty.PAEDIATRICS),
        ("Médecine polyvalente", Specialty.INTERNAL_MEDICINE),
        ("Gériatrie", Specialty.GERIATRICS),
        ("Gynécologie-obstétrique", Specialty.GYNAECOLOGY),
        ("Cardiologie", Specialty.CARDIOLOGY),
    ],
    FacilityKind.CLINIC: [
        ("Médecine", Specialty.INTERNAL_MEDICINE),
        ("Soins palliatifs", Specialty.PALLIATIVE),
    ],
    FacilityKind.PSYCHIATRY: [("Psychiatrie adulte", Specialty.PSYCHIATRY)],
    FacilityKind.REHABILITATION: [("Soins de suite gériatriques", Specialty.GERIATRICS)],
}
LAST_NAMES = ["Martin", "Roux", "Fabre", "Meyer", "Girard", "Benali", "Chabert", "Arnaud"]


def generate_demo_sites(seed=84, count=DEMO_SITE_COUNT):
    """Create the demo sites once; a second run leaves them as they are and returns 0."""
    if InternshipSite.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    faculties = ensure_faculties()
    hospitals = list(
        HealthFacility.objects.filter(kind__in=list(SERVICES), is_demo=False)
        .exclude(point=None)
        .select_related("commune")
        .order_by("finess_et")
    )
    # The general hospitals first, those of the larger towns first: every town's hospital gets
    # a demo site before the clinics do.
    hospitals.sort(
        key=lambda f: (f.kind != FacilityKind.HOSPITAL, -(f.commune.population or 0), f.finess_et)
    )
    communes = list(Commune.objects.filter(population__gte=2000).order_by("insee_code"))
    created = 0
    with transaction.atomic():
        hospital_count = min(len(hospitals), count * 2 // 3)
        for number in range(count):
            if number < hospital_count:
                facility = hospitals[number]
                service, specialty = rng.choice(SERVICES[facility.kind])
                site = InternshipSite(
                    name=f"{service} — {facility.display_name or facility.name}",
                    site_kind=SiteKind.HOSPITAL_SERVICE,
                    specialty=specialty,
                    facility=facility,
                    commune=facility.commune,
                    internat_on_site=facility.kind == FacilityKind.HOSPITAL and rng.random() < 0.6,
                    places_per_semester=rng.randint(1, 4),
                )
            else:
                commune = rng.choice(communes)
                doctor = rng.choice(LAST_NAMES)
                site = InternshipSite(
                    name=f"Cabinet du Dr {doctor}, maître de stage — {commune.name}",
                    site_kind=SiteKind.AMBULATORY,
                    specialty=Specialty.GENERAL_PRACTICE,
                    commune=commune,
                    supervisor=f"Dr {doctor} (démo)",
                    places_per_semester=1,
                )
            site.faculty = faculties[0] if rng.random() < 0.7 else faculties[-1]
            site.code = f"demo-{number:03d}"
            site.contact_name = "Contact de démonstration"
            site.contact_email = f"stage{number}@demo.test"
            site.description = (
                "Terrain de stage fictif, généré pour la démonstration du portail : "
                "l’établissement existe, ce stage n’est pas une offre réelle."
            )
            site.source = "démo"
            site.status = PublicationStatus.PUBLISHED
            site.is_demo = True
            site.publish()
            site.save()
            created += 1
    return created
