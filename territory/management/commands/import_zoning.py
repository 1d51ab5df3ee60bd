from datetime import date

from django.core.management.base import CommandError

from territory.importers import import_zoning
from territory.management.commands._base import ImportCommand


def parse_date(value, option):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option} must be a date such as 2025-01-01.") from exc


class Command(ImportCommand):
    help = (
        "Import a doctors' zoning CSV (columns: insee, code_insee or commune_insee, and zone). "
        "The earlier order still open in the same communes ends the day before --valid-from."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--valid-from", required=True, help="date the zoning applies from, YYYY-MM-DD"
        )
        parser.add_argument("--valid-until", help="last day of the order, if already known")
        parser.add_argument("--source", required=True, help="the ARS order it comes from")
        parser.add_argument("--source-url", default="", help="where the order is published")

    def handle(self, *args, **options):
        valid_from = parse_date(options["valid_from"], "--valid-from")
        valid_until = options["valid_until"] and parse_date(options["valid_until"], "--valid-until")
        if valid_until and valid_until < valid_from:
            raise CommandError("--valid-until precedes --valid-from.")
        self.run_import(
            import_zoning,
            self.read(options["path"]),
            valid_from=valid_from,
            source=options["source"],
            valid_until=valid_until or None,
            source_url=options["source_url"],
        )
