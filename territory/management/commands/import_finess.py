from territory.importers import import_finess
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import establishments from the national FINESS extraction "
        "(etalab-cs1100507-stock-*.csv, ';'-separated, Lambert-93 coordinates)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--department", help="keep only this département (e.g. 84)")
        parser.add_argument(
            "--category",
            action="append",
            dest="categories",
            help="keep only this FINESS category code (repeatable), e.g. 603 for MSP",
        )

    def handle(self, *args, **options):
        self.run_import(
            import_finess,
            self.read(options["path"]),
            department=options["department"],
            categories=options["categories"],
        )
