"""National-scale offers for the benchmark (demo-labelled)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Profession
from offers.enums import OfferKind, Structure
from offers.models import Offer
from vsa_portal.bench import BATCH, point_in
from vsa_portal.publication import PublicationStatus


def generate_bench_offers(rng, communes, count):
    professions = list(Profession.objects.all())
    now, today = timezone.now(), timezone.localdate()
    created = 0
    while created < count:
        rows = []
        for _ in range(min(BATCH, count - created)):
            commune = rng.choice(communes)
            kind = rng.choice(OfferKind.values)
            rows.append(
                Offer(
                    kind=kind,
                    profession=rng.choice(professions),
                    title=f"{OfferKind(kind).label} n°{created + len(rows)}",
                    description="Offre générée pour le banc d’essai.",
                    structure=rng.choice(Structure.values),
                    commune=commune,
                    point=point_in(rng, commune),
                    start_date=today + timedelta(days=rng.randint(0, 365)),
                    housing_provided=rng.random() < 0.2,
                    contact_name="Banc d’essai",
                    contact_email="bench@demo.test",
                    status=PublicationStatus.PUBLISHED,
                    published_at=now - timedelta(minutes=rng.randint(0, 500_000)),
                    expires_on=today + timedelta(days=rng.randint(1, 365)),
                    is_demo=True,
                )
            )
        Offer.objects.bulk_create(rows, batch_size=BATCH)
        created += len(rows)
    return created
