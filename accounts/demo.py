"""Demo accounts for a portal running with demo content; never created otherwise."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

DEMO_PASSWORD = "demo-vsa-2026"  # noqa: S105 - printed on purpose, demo accounts only
# The demo project lead's authenticator secret (TOTP), printed by `make run` so that it can be
# added to an authenticator app: the admin requires a second factor of every staff member.
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSNBSWY3DP"  # noqa: S105 - demo accounts only

DEMO_ACCOUNTS = [
    {
        "email": "cheffe-de-projet@demo.test",
        "first_name": "Camille",
        "last_name": "Démo (cheffe de projet)",
        "is_staff": True,
        "is_superuser": True,
        "role": "Cheffe de projet (administration)",
    },
    {
        "email": "medecin@demo.test",
        "first_name": "Sacha",
        "last_name": "Démo (médecin)",
        "is_staff": False,
        "is_superuser": False,
        "role": "Professionnelle de santé",
    },
]


def create_demo_accounts():
    """Create the demo accounts that are missing; return how many were created."""
    User = get_user_model()
    created = 0
    for account in DEMO_ACCOUNTS:
        fields = {key: value for key, value in account.items() if key not in {"email", "role"}}
        user, was_created = User.objects.get_or_create(email=account["email"], defaults=fields)
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if (
            user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return created
