"""Demo accounts for a portal running with demo content; never created otherwise."""

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "demo-vsa-2026"  # noqa: S105 - printed on purpose, demo accounts only

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
    return created
