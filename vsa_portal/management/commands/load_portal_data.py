from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import create_demo_accounts, demo_accounts_enabled
from vsa_portal import kinds, page_cache

# The territory's reference data, in the order they depend on each other.
REFERENCE_DATA_COMMANDS = [("load_territory", []), ("load_partners", [])]

# Generated demo content, loaded only when PORTAL_DEMO_CONTENT is on.
DEMO_CONTENT_COMMANDS = [("generate_demo_territory", [])]


class Command(BaseCommand):
    help = "Load the reference data of the territory and, in demo mode, the labelled demo content."

    def handle(self, *args, **options):
        try:
            self.load(*args, **options)
        finally:  # some rows are bulk-created: no save signal told the page cache
            page_cache.new_generation()

    def load(self, *args, **options):
        for name, args in REFERENCE_DATA_COMMANDS:
            call_command(name, *args, stdout=self.stdout, stderr=self.stderr)
        # Then each kind's own reference data (the aids catalogue), which needs the territory.
        for kind in kinds.all_kinds():
            if kind.reference is not None:
                self.stdout.write(f"Reference {kind.label_plural}: {kind.reference()} loaded.")
        if not settings.PORTAL["DEMO_CONTENT"]:
            return
        if demo_accounts_enabled():
            created = create_demo_accounts()
            self.stdout.write(f"Demo accounts: {created} created.")
        for name, args in DEMO_CONTENT_COMMANDS:
            call_command(name, *args, stdout=self.stdout, stderr=self.stderr)
        # Then each kind of content's own labelled demo rows.
        for kind in kinds.all_kinds():
            if kind.demo is not None:
                self.stdout.write(f"Demo {kind.label_plural}: {kind.demo()} created.")
