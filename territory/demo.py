"""Demo content of the territory: MSPs, generated and always labelled as demo.

The real FINESS rows of MSPs are not published in a usable form; until the project lead imports
them, demo mode shows plausible stand-ins that every page marks "démo". The zoning is no longer
generated: the real ARS PACA order of 2022 is reference data (``load_territory``), and the demo
zonings an earlier version generated are removed here.
"""

import random

from django.contrib.gis.geos import Point
from django.db import transaction

from territory.enums import FacilityKind, LocationPrecision, Sector
from territory.importers import ImportReport, upsert
from territory.models import Commune, HealthFacility, Zoning

DEMO_SOURCE = "Contenu de démonstration généré par le portail (fictif)"
DEMO_MSP_COUNT = 14


def random_point_in(boundary, rng, tries=50):
    west, south, east, north = boundary.extent
    for _ in range(tries):
        point = Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326)
        if boundary.contains(point):
            return point
    return boundary.point_on_surface


def generate_demo_territory(seed=84):
    rng = random.Random(seed)
    msp_report = ImportReport("Demo MSPs")
    communes = list(Commune.objects.order_by("insee_code"))
    with transaction.atomic():
        candidates = [
            commune for commune in communes if 1500 <= commune.population <= 20000
        ] or communes
        for commune in rng.sample(candidates, min(DEMO_MSP_COUNT, len(candidates))):
            _msp, outcome = upsert(
                HealthFacility,
                {"name": f"Maison de santé de démonstration – {commune.name}", "is_demo": True},
                {
                    "kind": FacilityKind.MSP,
                    "sector": Sector.PRIVATE_FOR_PROFIT,
                    "commune": commune,
                    "postal_code": commune.postal_codes[0] if commune.postal_codes else "",
                    "point": random_point_in(commune.boundary, rng),
                    "location_precision": LocationPrecision.EXACT,
                    "source": DEMO_SOURCE,
                },
            )
            msp_report.count(outcome)
        removed, _detail = Zoning.objects.filter(is_demo=True).delete()
        if removed:
            msp_report.notes.append(
                f"{removed} demo zonings removed (the real zoning replaces them)"
            )
    return [msp_report]
