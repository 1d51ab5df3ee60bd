from territory.importers import import_health_facilities
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = "Import or update health facilities from the reference CSV (FINESS geocoded by GISCO)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        self.run_import(import_health_facilities, self.read(options["path"]))
