from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from territory.importers import (
    import_communes,
    import_cpts,
    import_health_facilities,
    import_highlights,
    import_priority_districts,
    import_railway_stations,
    import_rural_revitalisation,
    import_schools,
    import_zoning,
)
from territory.management.commands._base import ImportCommand
from territory.models import Commune


class Command(ImportCommand, BaseCommand):
    help = (
        "Load the reference data of the territory folder (TERRITORY_DIR, Vaucluse's by default; "
        "format in territories/README.md). Files the folder does not have are skipped."
    )

    def handle(self, *args, **options):
        territory = settings.TERRITORY
        self.files = territory["files"]
        self.check_database_is_this_territory(territory)
        self.check_descriptions(territory)
        self.stdout.write(f"Territory: {territory['name']} ({territory['dir']})")
        self.run_import(
            import_communes, self.file("communes.geojson"), departement=territory["code"]
        )
        if "facilities.csv" in self.files:
            self.run_import(import_health_facilities, self.file("facilities.csv"))
        if "cpts.csv" in self.files:
            self.run_import(import_cpts, self.file("cpts.csv"), self.file("cpts_communes.csv"))
        for function, name in (
            (import_schools, "schools.csv"),
            (import_railway_stations, "stations.csv"),
        ):
            if name in self.files:
                self.run_import(function, self.file(name), filename=name)
        if "highlights.csv" in self.files:
            self.run_import(import_highlights, self.file("highlights.csv"))
        if "zoning.csv" in self.files:
            self.run_import(import_zoning, self.file("zoning.csv"), **territory["zoning"])
        if "qpv.csv" in self.files:
            source = territory["qpv_zone_source"]
            self.run_import(
                import_priority_districts,
                self.file("qpv.csv"),
                **({"zone_source": source} if source else {}),
            )
        if "frr.csv" in self.files:
            self.run_import(
                import_rural_revitalisation,
                self.file("frr.csv"),
                as_of=territory["frr_list_date"],
            )
        skipped = [
            name
            for name in ("facilities.csv", "cpts.csv", "schools.csv", "stations.csv", "zoning.csv")
            if name not in self.files
        ]
        if skipped:
            self.stdout.write("Not in the folder, skipped: " + ", ".join(skipped))

    def check_descriptions(self, territory):
        """Files that need their description in territory.toml are refused before anything
        is written."""
        if "zoning.csv" in self.files and territory["zoning"] is None:
            raise CommandError(
                "zoning.csv needs a [zoning] table in territory.toml (valid_from, source). "
                "Nothing was imported."
            )
        if "frr.csv" in self.files and territory["frr_list_date"] is None:
            raise CommandError(
                "frr.csv needs [frr] list_date in territory.toml. Nothing was imported."
            )
        if "cpts.csv" in self.files and "cpts_communes.csv" not in self.files:
            raise CommandError("cpts.csv needs cpts_communes.csv. Nothing was imported.")

    def file(self, name):
        if name not in self.files:
            raise CommandError(f"{settings.TERRITORY['dir'] / name} is missing.")
        return self.read(self.files[name])

    def check_database_is_this_territory(self, territory):
        """A second territory never lands in the first one's tables: each has its database."""
        code = territory["code"]
        other = Commune.objects.exclude(insee_code__startswith=code).first()
        if other is not None:
            raise CommandError(
                f"This database ({settings.DATABASES['default']['NAME']}) already holds another "
                f"territory (commune {other.insee_code} {other.name}); the folder "
                f"{territory['dir']} is département {code}. Give each territory its own database: "
                "[portal] database in territory.toml, or DATABASE_URL. Nothing was imported."
            )
