"""About 25 plausible events over the coming months, generated and labelled as demo."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from agenda.enums import Audience, EventKind, RegistrationMode
from agenda.models import Event
from organisations.models import Organisation
from territory.models import Commune
from vsa_portal.publication import PublicationStatus

DEMO_EVENT_COUNT = 25

TEMPLATES = [
    (
        EventKind.INTERNS_WELCOME,
        "Soirée d’accueil des internes à {commune}",
        [Audience.INTERNS],
        time(19, 0),
        3,
    ),
    (
        EventKind.CPTS_MEETING,
        "Réunion plénière de la CPTS à {commune}",
        [Audience.DOCTORS],
        time(20, 0),
        2,
    ),
    (
        EventKind.TRAINING,
        "Formation : l’exercice coordonné en maison de santé",
        [Audience.DOCTORS, Audience.INTERNS],
        time(9, 0),
        7,
    ),
    (
        EventKind.WEBINAR,
        "Webinaire : les aides à l’installation en 2027",
        [Audience.EVERYONE],
        time(12, 30),
        1,
    ),
    (
        EventKind.FAIR,
        "Forum de l’installation des professionnels de santé",
        [Audience.DOCTORS, Audience.INTERNS, Audience.STUDENTS],
        time(10, 0),
        6,
    ),
    (
        EventKind.OPEN_DAY,
        "Portes ouvertes de la maison de santé de {commune}",
        [Audience.EVERYONE],
        time(14, 0),
        4,
    ),
    (
        EventKind.HIGH_SCHOOL,
        "Les métiers de la santé : intervention au lycée de {commune}",
        [Audience.PUPILS],
        time(10, 0),
        2,
    ),
    (
        EventKind.PROFESSIONAL_MEETING,
        "Rencontre des jeunes médecins du territoire",
        [Audience.DOCTORS],
        time(18, 30),
        2,
    ),
]


def generate_demo_events(seed=84, count=DEMO_EVENT_COUNT):
    if Event.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    communes = list(Commune.objects.filter(population__gte=3000).order_by("insee_code")) or list(
        Commune.objects.order_by("insee_code")
    )
    organisations = list(Organisation.objects.filter(is_demo=True).order_by("pk")) or [None]
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        for _number in range(count):
            kind, title, audiences, start_time, hours = rng.choice(TEMPLATES)
            day = today + timedelta(days=rng.randint(3, 180))
            starts = datetime.combine(day, start_time, tzinfo=tz)
            online = kind == EventKind.WEBINAR
            commune = None if online else rng.choice(communes)
            mode = rng.choice(
                [RegistrationMode.NONE, RegistrationMode.PORTAL, RegistrationMode.PORTAL]
            )
            Event.objects.create(
                title=title.format(commune=commune.name if commune else ""),
                kind=kind,
                audiences=list(audiences),
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                venue="" if online else "Salle de démonstration",
                commune=commune,
                online_url="https://visio.demo.test/salle" if online else "",
                organisation=rng.choice(organisations),
                description="Événement fictif, généré pour illustrer l’agenda du portail.",
                registration_mode=mode,
                capacity=rng.choice([15, 30, 60]) if mode == RegistrationMode.PORTAL else None,
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now(),
                is_demo=True,
            )
    return count
