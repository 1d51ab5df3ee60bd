from django.core.management.base import BaseCommand

from offers.demo import generate_demo_offers


class Command(BaseCommand):
    help = "Generate about 60 demo practice offers, labelled as demo (once)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=84)

    def handle(self, *args, **options):
        created = generate_demo_offers(seed=options["seed"])
        self.stdout.write(f"Demo offers: {created} created.")
