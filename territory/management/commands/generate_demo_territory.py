from django.core.management.base import BaseCommand

from territory.demo import generate_demo_territory


class Command(BaseCommand):
    help = "Generate the territory’s demo content (MSPs), labelled as demo."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=84)

    def handle(self, *args, **options):
        for report in generate_demo_territory(seed=options["seed"]):
            self.stdout.write(report.as_text())
