from pathlib import Path

from collective.enums import Indicator
from collective.importers import import_indicator
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a newer official file into the demography observatory (Insee BPE, DREES APL by "
        "commune, RPPS age structure), with a progress display; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--indicateur", choices=Indicator.values, default=Indicator.GP_COUNT)
        parser.add_argument("--millesime", required=True, help="e.g. « BPE 2024 »")

    def handle(self, *args, **options):
        self.run_import(
            import_indicator,
            self.read(options["path"]),
            options["indicateur"],
            options["millesime"],
            source=Path(options["path"]).name,
        )
