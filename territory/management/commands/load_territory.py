from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand

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

DATA = Path(__file__).resolve().parents[2] / "data"

# The ARS PACA zoning of general practitioners in force from 2022 until the order of
# 5 January 2026, whose commune list is not published in a usable form (see data/SOURCES.md).
ZONING_2022 = {
    "valid_from": date(2022, 2, 2),
    "valid_until": date(2026, 1, 4),
    "source": "Arrêté ARS Provence-Alpes-Côte d’Azur du 2 février 2022 (zonage des médecins "
    "généralistes), copie secondaire",
    "source_url": "https://paca.ars.sante.fr/zonages-des-professionnels-de-sante-liberaux-0",
}
FRR_LIST_DATE = date(2025, 7, 10)


class Command(ImportCommand, BaseCommand):
    help = "Load the territory's reference data shipped in territory/data (see SOURCES.md there)."

    def handle(self, *args, **options):
        self.run_import(import_communes, self.read(DATA / "vaucluse_communes.geojson"))
        self.run_import(
            import_health_facilities, self.read(DATA / "vaucluse_health_establishments.csv")
        )
        self.run_import(
            import_cpts,
            self.read(DATA / "vaucluse_cpts_all.csv"),
            self.read(DATA / "vaucluse_cpts_all_communes.csv"),
        )
        for function, name in (
            (import_schools, "vaucluse_schools.csv"),
            (import_railway_stations, "vaucluse_railway_stations.csv"),
        ):
            self.run_import(function, self.read(DATA / name), filename=name)
        self.run_import(import_highlights, self.read(DATA / "vaucluse_highlights.csv"))
        self.run_import(
            import_zoning, self.read(DATA / "vaucluse_zoning_gp_2022.csv"), **ZONING_2022
        )
        self.run_import(import_priority_districts, self.read(DATA / "vaucluse_qpv_2024.csv"))
        self.run_import(
            import_rural_revitalisation,
            self.read(DATA / "vaucluse_frr_2025.csv"),
            as_of=FRR_LIST_DATE,
        )
