from django.core.management.base import BaseCommand

from agenda.demo import generate_demo_events


class Command(BaseCommand):
    help = "Generate about 25 demo events over the coming months, labelled as demo (once)."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo events: {generate_demo_events()} created.")
