from django.core.management.base import BaseCommand, CommandError

from territory.folder_generator import GenerationFailed, generate_territory_folder


class Command(BaseCommand):
    help = (
        "Build the starting folder of a new département (territories/README.md) from its "
        "official files: the INSEE list of communes and their outlines, and optionally the "
        "national FINESS extraction and the ARS zoning file. Nothing is written on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--departement", required=True, help="code, e.g. 47, 2A, 974")
        parser.add_argument("--name", required=True, help='e.g. "Lot-et-Garonne"')
        parser.add_argument(
            "--out", required=True, help="the folder to write, e.g. territories/lot-et-garonne"
        )
        parser.add_argument(
            "--communes", required=True, help="INSEE COG list: v_commune_<year>.csv"
        )
        parser.add_argument(
            "--contours", required=True, help="GeoJSON of the communes' outlines (WGS84)"
        )
        parser.add_argument(
            "--finess", help="national FINESS extraction (etalab-cs1100507-stock-*.csv)"
        )
        parser.add_argument("--zoning", help="ARS zoning CSV (commune code and zone columns)")
        parser.add_argument(
            "--with-preposition", default="", help='e.g. "en Lot-et-Garonne" (guessed if absent)'
        )
        parser.add_argument("--of", default="", help='e.g. "du Lot-et-Garonne" (guessed if absent)')
        parser.add_argument(
            "--force", action="store_true", help="replace the content of a non-empty --out"
        )

    def handle(self, *args, **options):
        try:
            result = generate_territory_folder(
                departement=options["departement"],
                name=options["name"],
                out=options["out"],
                communes=options["communes"],
                contours=options["contours"],
                finess=options["finess"],
                zoning=options["zoning"],
                with_preposition=options["with_preposition"],
                of=options["of"],
                force=options["force"],
            )
        except GenerationFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Written and read back: {result.path}")
        for item in result.inputs:
            self.stdout.write(f"  {item.produces} <- {item.path.name}: {item.kept}")
        self.stdout.write("To review before TERRITORY_DIR=... make run (also in SOURCES.md):")
        for check in result.to_check:
            self.stdout.write(f"  - {check}")
