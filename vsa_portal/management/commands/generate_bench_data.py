"""National-scale volumes for the benchmark, in the benchmark's own database only."""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from agenda.enums import Audience, EventKind
from agenda.models import Event
from offers.enums import OfferKind, Structure
from offers.models import Offer, Profession
from territory.enums import FacilityKind
from territory.models import Commune, HealthFacility
from vsa_portal.publication import PublicationStatus

BATCH = 5000


class Command(BaseCommand):
    help = "Fill the benchmark database with generated offers and facilities (demo-labelled)."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=100_000)
        parser.add_argument("--facilities", type=int, default=5_000)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        if not settings.DATABASES["default"]["NAME"].endswith("_bench"):
            raise CommandError("Refusing to fill a database whose name does not end in _bench.")
        rng = random.Random(options["seed"])
        communes = list(Commune.objects.only("pk", "boundary", "town_hall_point", "centroid"))
        if not communes:
            raise CommandError("Load the territory first (manage.py load_territory).")
        self.facilities(rng, communes, options["facilities"] - HealthFacility.objects.count())
        self.offers(rng, communes, options["offers"] - Offer.objects.count())
        self.events(rng, communes, options["events"] - Event.objects.count())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def point_in(self, rng, commune):
        west, south, east, north = commune.boundary.extent
        return Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326)

    def facilities(self, rng, communes, count):
        kinds = FacilityKind.values
        rows = []
        for number in range(max(count, 0)):
            commune = rng.choice(communes)
            rows.append(
                HealthFacility(
                    name=f"Établissement de charge {number}",
                    display_name=f"Établissement de charge {number}",
                    kind=rng.choice(kinds),
                    commune=commune,
                    point=self.point_in(rng, commune),
                    source="benchmark",
                    is_demo=True,
                )
            )
        HealthFacility.objects.bulk_create(rows, batch_size=BATCH)
        self.stdout.write(f"facilities: {HealthFacility.objects.count()}")

    def events(self, rng, communes, count):
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
                    point=self.point_in(rng, commune),
                    description="Événement généré pour le banc d’essai.",
                    status=PublicationStatus.PUBLISHED,
                    published_at=now,
                    is_demo=True,
                )
            )
        Event.objects.bulk_create(rows, batch_size=BATCH)
        self.stdout.write(f"events: {Event.objects.count()}")

    def offers(self, rng, communes, count):
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
                        point=self.point_in(rng, commune),
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
            self.stdout.write(f"offers: {created}/{count}", ending="\r")
        self.stdout.write(f"\noffers: {Offer.objects.count()}")
