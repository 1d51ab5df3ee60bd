from territory.importers import import_cpts
from territory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = "Import or update CPTS and their communes from two CSV files."

    def add_arguments(self, parser):
        parser.add_argument("cpts_path")
        parser.add_argument("communes_path")

    def handle(self, *args, **options):
        self.run_import(
            import_cpts, self.read(options["cpts_path"]), self.read(options["communes_path"])
        )
