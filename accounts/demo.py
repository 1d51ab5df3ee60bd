"""Demo accounts for a portal running with demo accounts on; never under production settings
(``accounts.checks`` stops a production start-up where one exists or would be created)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

DEMO_PASSWORD = "demo-portail-2026"  # noqa: S105 - printed on purpose, demo accounts only
# The demo staff's authenticator secret (TOTP), printed by `make run` so that it can be added
# to an authenticator app: the admin requires a second factor of every staff member.
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSNBSWY3DP"  # noqa: S105 - demo accounts only
DEMO_EMAIL_DOMAIN = "demo.test"
DEMO_ORGANISATION = "CPTS de démonstration"


class DemoRole:
    PROJECT_LEAD = "Cheffe de projet (administration)"
    TECHNICAL_ADMIN = "Administration technique (superutilisateur)"
    PARTNER = f"Partenaire ({DEMO_ORGANISATION})"
    PROFESSIONAL = "Professionnelle de santé"


DEMO_ACCOUNTS = [
    {
        "email": f"cheffe-de-projet@{DEMO_EMAIL_DOMAIN}",
        "first_name": "Camille",
        "last_name": "Démo (cheffe de projet)",
        "is_staff": True,
        "is_superuser": False,
        "role": DemoRole.PROJECT_LEAD,
    },
    {
        "email": f"admin-technique@{DEMO_EMAIL_DOMAIN}",
        "first_name": "Dominique",
        "last_name": "Démo (administration technique)",
        "is_staff": True,
        "is_superuser": True,
        "role": DemoRole.TECHNICAL_ADMIN,
    },
    {
        "email": f"partenaire@{DEMO_EMAIL_DOMAIN}",
        "first_name": "Alex",
        "last_name": "Démo (partenaire)",
        "is_staff": False,
        "is_superuser": False,
        "role": DemoRole.PARTNER,
    },
    {
        "email": f"medecin@{DEMO_EMAIL_DOMAIN}",
        "first_name": "Sacha",
        "last_name": "Démo (médecin)",
        "is_staff": False,
        "is_superuser": False,
        "role": DemoRole.PROFESSIONAL,
    },
]


def demo_accounts_enabled():
    return settings.PORTAL["DEMO_ACCOUNTS"] and not settings.PRODUCTION


def existing_demo_accounts():
    """Accounts of the demo domain (the e-mails above, or any other of that domain)."""
    return get_user_model().objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")


def create_demo_accounts():
    """Create the demo accounts that are missing; return how many were created."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo accounts are never created under production settings.")
    from accounts.roles import ensure_project_lead_group

    User = get_user_model()
    created = 0
    with transaction.atomic():
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
            if account["role"] == DemoRole.PROJECT_LEAD:
                user.groups.add(ensure_project_lead_group())
            if account["role"] == DemoRole.PARTNER:
                _make_demo_partner(user)
            if (
                user.is_staff
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, DEMO_TOTP_SECRET)
    return created


def _make_demo_partner(user):
    from django.utils import timezone

    from organisations.enums import OrganisationKind
    from organisations.models import Membership, Organisation

    organisation, _created = Organisation.objects.get_or_create(
        name=DEMO_ORGANISATION, defaults={"kind": OrganisationKind.CPTS, "is_demo": True}
    )
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"confirmed_at": timezone.now()}
    )
