from pathlib import Path

from django.core.management.base import BaseCommand

from territory.importers import import_communes, import_cpts, import_health_facilities
from territory.management.commands._base import ImportCommand

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(ImportCommand, BaseCommand):
    help = "Load the territory's reference data shipped in territory/data (see SOURCES.md there)."

    def handle(self, *args, **options):
        self.run_import(import_communes, self.read(DATA / "vaucluse_communes.geojson"))
        self.run_import(
            import_health_facilities, self.read(DATA / "vaucluse_health_establishments.csv")
        )
        self.run_import(
            import_cpts,
            self.read(DATA / "vaucluse_cpts.csv"),
            self.read(DATA / "vaucluse_cpts_communes.csv"),
        )
