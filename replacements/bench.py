"""National-scale remplaçants for the benchmark (demo-labelled), with bench accounts of a
domain that is never a real one."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from replacements.enums import ReplacementStatus
from replacements.models import Availability, ReplacementProfile
from replacements.validators import with_check_digit
from vsa_portal.bench import BATCH

BENCH_EMAIL_DOMAIN = "banc-remplacants.invalid"


def generate_bench_profiles(rng, communes, count):
    from accounts.models import Profession, User

    profession = Profession.objects.order_by("position").first()
    start = ReplacementProfile.objects.count()
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"banc-{start + number}-{rng.randrange(10**6)}@{BENCH_EMAIL_DOMAIN}",
                first_name="Banc",
                last_name=f"d’essai {start + number}",
                password=password,
            )
            for number in range(count)
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    today = timezone.localdate()
    profiles = ReplacementProfile.objects.bulk_create(
        [
            ReplacementProfile(
                user=user,
                profession=profession,
                status=ReplacementStatus.THESED,
                rpps=with_check_digit(f"{rng.randrange(10**10):010d}"),
                consent_to_list=True,
                confirmed_at=now - timedelta(days=rng.randint(0, 120)),
                is_demo=True,
            )
            for user in users
        ],
        batch_size=BATCH,
    )
    periods = []
    for profile in profiles:
        commune = rng.choice(communes)
        first = today + timedelta(days=rng.randint(-30, 200))
        periods.append(
            Availability(
                profile=profile,
                starts_on=first,
                ends_on=first + timedelta(days=rng.randint(0, 60)),
                centre=commune,
                point=commune.reference_point,
                radius_km=rng.choice([10, 20, 30, 50]),
            )
        )
    Availability.objects.bulk_create(periods, batch_size=BATCH)
    return len(profiles)
