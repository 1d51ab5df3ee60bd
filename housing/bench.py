"""National-scale housing for the benchmark (demo-labelled): 20,000 rows and more."""

from datetime import timedelta

from django.utils import timezone

from housing.enums import HousingAudience, HousingType
from housing.models import Housing
from vsa_portal.bench import BATCH, point_in
from vsa_portal.publication import PublicationStatus


def generate_bench_housing(rng, communes, count):
    now, today = timezone.now(), timezone.localdate()
    created = 0
    while created < count:
        rows = []
        for _ in range(min(BATCH, count - created)):
            commune = rng.choice(communes)
            housing_type = rng.choice(HousingType.values)
            rows.append(
                Housing(
                    title=f"{HousingType(housing_type).label} n°{created + len(rows)}",
                    description="Logement généré pour le banc d’essai.",
                    housing_type=housing_type,
                    furnished=rng.random() < 0.6,
                    rent=rng.randint(150, 1200),
                    charges=rng.choice([0, 30, 60]),
                    available_from=today + timedelta(days=rng.randint(-30, 200)),
                    audiences=[rng.choice(HousingAudience.values)],
                    fits_winter_semester=rng.random() < 0.5,
                    fits_summer_semester=rng.random() < 0.5,
                    commune=commune,
                    point=point_in(rng, commune),
                    contact_name="Banc d’essai",
                    contact_email="bench@demo.test",
                    status=PublicationStatus.PUBLISHED,
                    published_at=now - timedelta(minutes=rng.randint(0, 500_000)),
                    expires_on=today + timedelta(days=rng.randint(1, 365)),
                    is_demo=True,
                )
            )
        Housing.objects.bulk_create(rows, batch_size=BATCH)
        created += len(rows)
    return created
