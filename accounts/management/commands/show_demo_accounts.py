from django.core.management.base import BaseCommand

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_accounts_enabled


class Command(BaseCommand):
    help = "Print the demo accounts (only outside production, with demo accounts on)."

    def handle(self, *args, **options):
        if not demo_accounts_enabled():
            self.stdout.write("Demo accounts are off: there are no demo accounts.")
            return
        self.stdout.write(f"\n  Comptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"    {account['role']:<48} {account['email']}")
        self.stdout.write(
            "  L’administration demande aussi un code d’application d’authentification (TOTP).\n"
            f"  Clé du personnel de démo : {DEMO_TOTP_SECRET}\n"
            "  (à saisir dans une application d’authentification, ou : "
            ".venv/bin/python manage.py demo_totp_code)"
        )
