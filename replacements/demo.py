"""A dozen demo remplaçants, labelled demo, with availability around the territory's towns.

Their accounts are demo accounts (``*@demo.test``): they are only created where demo accounts
are enabled (``accounts.demo.demo_accounts_enabled``), never under production settings."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from replacements.enums import AvailabilityKind, NameDisplay, ReplacementStatus, Secretariat
from replacements.models import Availability, ReplacementProfile
from replacements.validators import with_check_digit

DEMO_PROFILE_COUNT = 12
FIRST_NAMES = ["Alix", "Camille", "Sacha", "Noa", "Lou", "Eden", "Charlie", "Maël", "Jade", "Yanis"]
LAST_NAMES = ["Démo-Roche", "Démo-Garnier", "Démo-Blanc", "Démo-Faure", "Démo-Mercier"]
CENTRE_COUNT = 8  # the territory's most populous communes
SOFTWARE = ["Weda", "MédiStory", "Crossway", "Axisanté", "HelloDoc", ""]


@transaction.atomic
def generate_demo_profiles(seed=19, count=DEMO_PROFILE_COUNT):
    """Create the demo remplaçants once; a second run, or a portal without demo accounts,
    returns 0."""
    from allauth.account.models import EmailAddress

    from accounts.demo import DEMO_EMAIL_DOMAIN, demo_accounts_enabled
    from accounts.models import Profession, User
    from territory.models import Commune

    if not demo_accounts_enabled():
        return 0
    if ReplacementProfile.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    general = Profession.objects.filter(slug="medecine-generale").first()
    professions = [general] if general else list(Profession.objects.order_by("position")[:1])
    centres = list(Commune.objects.largest(CENTRE_COUNT))
    if not professions or not centres:
        return 0
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    for number in range(count):
        user, _new = User.objects.get_or_create(
            email=f"remplacant-{number + 1}@{DEMO_EMAIL_DOMAIN}",
            defaults={
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": rng.choice(LAST_NAMES),
            },
        )
        if _new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        intern = number % 4 == 3
        profile = ReplacementProfile.objects.create(
            user=user,
            profession=professions[0],
            status=ReplacementStatus.LICENSED_INTERN if intern else ReplacementStatus.THESED,
            licence_ends_on=today + timedelta(days=rng.randint(60, 300)) if intern else None,
            rpps=with_check_digit("1" + f"{rng.randrange(10**9):09d}"),
            verified=number % 3 != 2,
            software=rng.choice(SOFTWARE),
            fee_share=rng.choice([70, 75, 80, None]),
            secretariat=rng.choice(Secretariat.values),
            home_visits=rng.random() < 0.6,
            on_call=rng.random() < 0.4,
            needs_housing=rng.random() < 0.4,
            name_display=rng.choice(NameDisplay.values),
            consent_to_list=True,
            consent_given_at=now,
            confirmed_at=now - timedelta(days=rng.randint(0, 60)),
            is_demo=True,
        )
        centre = centres[number % len(centres)]
        start = today + timedelta(days=rng.randint(3, 40))
        Availability.objects.create(
            profile=profile,
            kind=AvailabilityKind.ONE_OFF,
            starts_on=start,
            ends_on=start + timedelta(days=rng.choice([6, 13, 20])),
            centre=centre,
            radius_km=rng.choice([20, 30, 40]),
        )
        if number % 2 == 0:
            regular_start = today + timedelta(days=rng.randint(0, 20))
            Availability.objects.create(
                profile=profile,
                kind=AvailabilityKind.REGULAR,
                starts_on=regular_start,
                ends_on=regular_start + timedelta(days=120),
                weekdays=sorted(rng.sample(range(5), 2)),
                centre=centre,
                radius_km=30,
            )
        created += 1
    return created
