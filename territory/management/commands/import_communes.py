from territory.importers import import_communes
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = "Import or update communes and EPCI from a GeoJSON FeatureCollection."

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON file (properties: insee, name, population…)")

    def handle(self, *args, **options):
        self.run_import(import_communes, self.read(options["path"]))
