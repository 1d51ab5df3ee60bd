"""Demo content of the territory: MSPs and a zoning, generated and always labelled as demo.

The real FINESS rows of MSPs and the ARS zoning are not published in a usable form; until the
project lead imports them, demo mode shows plausible stand-ins that every page marks "démo".
"""

import random
from datetime import date

from django.contrib.gis.geos import Point
from django.db import transaction

from territory.enums import FacilityKind, LocationPrecision, Sector, Zone
from territory.importers import ImportReport, upsert
from territory.models import Commune, HealthFacility, Zoning

DEMO_SOURCE = "Contenu de démonstration généré par le portail (fictif)"
DEMO_ZONING_SOURCE = "Zonage fictif généré pour la démonstration (ce n’est pas l’arrêté de l’ARS)"
DEMO_ZONING_DATE = date(2025, 1, 1)
DEMO_MSP_COUNT = 14


def random_point_in(boundary, rng, tries=50):
    west, south, east, north = boundary.extent
    for _ in range(tries):
        point = Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326)
        if boundary.contains(point):
            return point
    return boundary.point_on_surface


def demo_zone(commune, rng):
    """Small rural communes are more often in a priority zone, as in real zonings."""
    if commune.population < 2000:
        weights = {Zone.ZIP: 0.45, Zone.ZAC: 0.35, Zone.VIGILANCE: 0.1, Zone.NONE: 0.1}
    elif commune.population < 10000:
        weights = {Zone.ZIP: 0.2, Zone.ZAC: 0.45, Zone.VIGILANCE: 0.15, Zone.NONE: 0.2}
    else:
        weights = {Zone.ZIP: 0.05, Zone.ZAC: 0.3, Zone.VIGILANCE: 0.2, Zone.NONE: 0.45}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate_demo_territory(seed=84):
    rng = random.Random(seed)
    msp_report = ImportReport("Demo MSPs")
    zoning_report = ImportReport("Demo zoning")
    communes = list(Commune.objects.order_by("insee_code"))
    with transaction.atomic():
        candidates = [commune for commune in communes if 1500 <= commune.population <= 20000]
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
        for commune in communes:
            _zoning, outcome = upsert(
                Zoning,
                {"commune": commune, "valid_from": DEMO_ZONING_DATE, "is_demo": True},
                {"zone": demo_zone(commune, rng), "source": DEMO_ZONING_SOURCE},
            )
            zoning_report.count(outcome)
    return [msp_report, zoning_report]
