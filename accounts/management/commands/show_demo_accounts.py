from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the demo accounts (only when the portal runs with demo content)."

    def handle(self, *args, **options):
        if not settings.PORTAL["DEMO_CONTENT"]:
            self.stdout.write("Demo content is off: there are no demo accounts.")
            return
        self.stdout.write(f"\n  Comptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"    {account['role']:<40} {account['email']}")
        self.stdout.write(
            "  L’administration demande aussi un code d’application d’authentification (TOTP).\n"
            f"  Clé de la cheffe de projet de démo : {DEMO_TOTP_SECRET}\n"
            "  (à saisir dans une application d’authentification, ou : "
            ".venv/bin/python manage.py demo_totp_code)"
        )
