import math

import pytest
from django.contrib.gis.geos import Point

from territory.enums import Zone
from territory.models import Commune, HealthFacility, Zoning

pytestmark = pytest.mark.django_db


def haversine_km(a, b):
    """Great-circle distance computed independently of PostGIS."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a.x, a.y, b.x, b.y))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("km", [5, 20, 40])
def test_near_a_commune_keeps_exactly_what_is_within_the_distance_nearest_first(km):
    carpentras = Commune.objects.get(insee_code="84031")
    nearby = list(HealthFacility.objects.near(carpentras, km))
    distances = [facility.distance.km for facility in nearby]
    assert distances == sorted(distances)
    origin = carpentras.reference_point
    expected = {
        facility.pk
        for facility in HealthFacility.objects.mapped()
        if haversine_km(origin, facility.point) <= km
    }
    assert {facility.pk for facility in nearby} == expected
    for facility in nearby:
        assert facility.distance.km == pytest.approx(haversine_km(origin, facility.point), rel=0.01)


def test_near_a_point_uses_the_true_distance_not_degrees():
    avignon_hospital = Point(4.8224, 43.9212, srid=4326)
    within_1_km = HealthFacility.objects.near(avignon_hospital, 1)
    for facility in within_1_km:
        assert facility.distance.km <= 1


def test_commune_containing_a_point():
    assert Commune.objects.containing(Point(4.8055, 43.9493, srid=4326)).get().name == "Avignon"


def test_current_zoning_prefers_the_official_one_over_the_demo_and_the_latest():
    from datetime import date

    sault = Commune.objects.get(insee_code="84123")
    Zoning.objects.create(
        commune=sault, zone=Zone.ZIP, valid_from=date(2024, 1, 1), source="démo", is_demo=True
    )
    assert sault.current_zoning().zone == Zone.ZIP
    Zoning.objects.create(
        commune=sault, zone=Zone.ZAC, valid_from=date(2023, 1, 1), source="ARS 2023"
    )
    Zoning.objects.create(
        commune=sault, zone=Zone.VIGILANCE, valid_from=date(2025, 1, 1), source="ARS 2025"
    )
    Zoning.objects.create(
        commune=sault, zone=Zone.NONE, valid_from=date(2099, 1, 1), source="futur"
    )
    current = sault.current_zoning()
    assert (current.zone, current.source, current.is_demo) == (Zone.VIGILANCE, "ARS 2025", False)
    annotated = Commune.objects.with_current_zone().get(pk=sault.pk)
    assert annotated.current_zone == Zone.VIGILANCE and annotated.current_zone_is_demo is False


def test_demo_territory_is_labelled_and_idempotent(demo_territory):
    from territory.demo import generate_demo_territory

    msps = HealthFacility.objects.filter(kind="msp")
    assert msps.count() == 14
    assert all(msp.is_demo and "démonstration" in msp.name for msp in msps)
    assert all(msp.commune.boundary.contains(msp.point) for msp in msps.select_related("commune"))
    # The zoning is the real one (reference data), never a generated one.
    assert not Zoning.objects.filter(is_demo=True).exists()
    assert Zoning.objects.filter(is_demo=False).count() == 151
    again = generate_demo_territory()
    assert [report.unchanged for report in again] == [14]
