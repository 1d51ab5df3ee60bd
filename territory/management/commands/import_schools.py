from pathlib import Path

from territory.importers import import_schools
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import or update the schools (écoles, collèges, lycées) from a CSV file; a file with "
        "any bad line is refused as a whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = options["path"]
        self.run_import(import_schools, self.read(path), filename=Path(path).name)
