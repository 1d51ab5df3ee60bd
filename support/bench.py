"""National-scale dossiers for the benchmark (demo-labelled)."""

from datetime import timedelta

from django.utils import timezone

from support.enums import Channel, DossierStatus, Project, Situation
from support.models import Dossier, new_reference
from vsa_portal.bench import BATCH


def generate_bench_dossiers(rng, communes, count):
    now = timezone.now()
    rows = [
        Dossier(
            reference=new_reference() + f"-{number}",
            first_name="Banc",
            last_name=f"d’essai {number}",
            email=f"banc-{number}@demo.test",
            situation=rng.choice(Situation.values),
            project=rng.choice(Project.values),
            status=rng.choice(DossierStatus.values),
            channel=rng.choice(Channel.values),
            created_at=now - timedelta(minutes=rng.randint(0, 1_000_000)),
            is_demo=True,
        )
        for number in range(count)
    ]
    Dossier.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
