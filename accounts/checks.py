"""System checks: under production settings no demo account exists, and none would be made."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security)
def demo_accounts_would_be_created(app_configs, **kwargs):
    if settings.PRODUCTION and settings.PORTAL["DEMO_ACCOUNTS"]:
        return [
            Error(
                "Demo accounts (public password and authenticator key) would be created under "
                "production settings.",
                hint="Unset PORTAL_DEMO_ACCOUNTS; create the staff accounts with "
                "`manage.py create_staff_accounts`.",
                id="accounts.E001",
            )
        ]
    return []


@register(Tags.security, Tags.database)
def no_demo_account_in_production(app_configs, databases=None, **kwargs):
    if not settings.PRODUCTION or not databases:
        return []
    from accounts.demo import existing_demo_accounts

    try:
        emails = list(existing_demo_accounts().values_list("email", flat=True)[:10])
    except DatabaseError:  # before the first migrate: no account table, so no demo account
        return []
    if not emails:
        return []
    return [
        Error(
            f"Demo accounts exist under production settings: {', '.join(emails)}.",
            hint="Delete them (admin › Comptes, as a superuser) before starting the portal.",
            id="accounts.E002",
        )
    ]
