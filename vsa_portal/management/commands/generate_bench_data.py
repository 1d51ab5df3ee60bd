"""National-scale volumes for the benchmark, in the benchmark's own database only: facilities
here, and for every registered kind of content its own generator (``Kind.bench``)."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from territory.enums import FacilityKind
from territory.models import Commune, HealthFacility
from vsa_portal import kinds, page_cache
from vsa_portal.bench import BATCH, point_in

DEFAULT_ROWS = 10_000


class Command(BaseCommand):
    help = "Fill the benchmark database with generated facilities and content (demo-labelled)."

    def add_arguments(self, parser):
        parser.add_argument("--facilities", type=int, default=5_000)
        parser.add_argument(
            "--rows",
            action="append",
            default=[],
            metavar="KIND=COUNT",
            help=f"rows of a kind of content, e.g. offres=100000 (default {DEFAULT_ROWS})",
        )
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        if not settings.DATABASES["default"]["NAME"].endswith("_bench"):
            raise CommandError("Refusing to fill a database whose name does not end in _bench.")
        wanted = {}
        for item in options["rows"]:
            key, _sep, count = item.partition("=")
            if kinds.get(key) is None or not count.isdigit():
                raise CommandError(f"--rows {item!r}: expected KIND=COUNT with a registered kind.")
            wanted[key] = int(count)
        rng = random.Random(options["seed"])
        communes = list(Commune.objects.only("pk", "boundary", "town_hall_point", "centroid"))
        if not communes:
            raise CommandError("Load the territory first (manage.py load_territory).")
        self.facilities(rng, communes, options["facilities"] - HealthFacility.objects.count())
        for kind in kinds.all_kinds():
            if kind.bench is None:
                continue
            count = wanted.get(kind.key, DEFAULT_ROWS) - kind.model.objects.count()
            created = kind.bench(rng, communes, max(count, 0))
            self.stdout.write(f"{kind.key}: {created} created, {kind.model.objects.count()} in all")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        page_cache.new_generation()  # rows bulk-created: no save signal told the page cache

    def facilities(self, rng, communes, count):
        kinds_of_facility = FacilityKind.values
        rows = []
        for number in range(max(count, 0)):
            commune = rng.choice(communes)
            rows.append(
                HealthFacility(
                    name=f"Établissement de charge {number}",
                    display_name=f"Établissement de charge {number}",
                    kind=rng.choice(kinds_of_facility),
                    commune=commune,
                    point=point_in(rng, commune),
                    source="benchmark",
                    is_demo=True,
                )
            )
        HealthFacility.objects.bulk_create(rows, batch_size=BATCH)
        self.stdout.write(f"facilities: {HealthFacility.objects.count()}")
