from pathlib import Path

from territory.importers import import_railway_stations
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import or update the passenger railway stations from a CSV file; a file with any bad "
        "line is refused as a whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = options["path"]
        self.run_import(import_railway_stations, self.read(path), filename=Path(path).name)
