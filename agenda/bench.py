"""National-scale events for the benchmark (demo-labelled)."""

from datetime import timedelta

from django.utils import timezone

from agenda.enums import Audience, EventKind
from agenda.models import Event
from vsa_portal.bench import BATCH, point_in
from vsa_portal.publication import PublicationStatus


def generate_bench_events(rng, communes, count):
    now = timezone.now()
    rows = []
    for number in range(max(count, 0)):
        commune = rng.choice(communes)
        starts = now + timedelta(hours=rng.randint(-2000, 6000))
        rows.append(
            Event(
                title=f"Événement de charge {number}",
                kind=rng.choice(EventKind.values),
                audiences=[rng.choice(Audience.values)],
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                commune=commune,
                point=point_in(rng, commune),
                description="Événement généré pour le banc d’essai.",
                status=PublicationStatus.PUBLISHED,
                published_at=now,
                is_demo=True,
            )
        )
    Event.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
