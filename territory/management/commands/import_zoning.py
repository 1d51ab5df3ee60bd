from datetime import date

from django.core.management.base import CommandError

from territory.importers import import_zoning
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = "Import a doctors' zoning CSV (columns: insee or code_insee, zone)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--valid-from", required=True, help="date the zoning applies from, YYYY-MM-DD"
        )
        parser.add_argument("--source", required=True, help="the ARS order it comes from")

    def handle(self, *args, **options):
        try:
            valid_from = date.fromisoformat(options["valid_from"])
        except ValueError as exc:
            raise CommandError("--valid-from must be a date such as 2025-01-01.") from exc
        self.run_import(
            import_zoning,
            self.read(options["path"]),
            valid_from=valid_from,
            source=options["source"],
        )
