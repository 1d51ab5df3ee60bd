import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET, demo_accounts_enabled


class Command(BaseCommand):
    help = "Print the current authenticator code of the demo staff (demo accounts only)."

    def handle(self, *args, **options):
        if not demo_accounts_enabled():
            raise CommandError("Demo accounts are off: there is no demo project lead.")
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
