"""Map layers are served from Redis after the first request, and a save shows on the map at once."""

import pytest
from django.contrib.gis.geos import Point

from territory.enums import FacilityKind
from territory.models import Commune, HealthFacility
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db

VAUCLUSE = {"bbox": "4.6,43.6,5.8,44.5", "zoom": "9"}
URL = "/carte/couches/etablissements.geojson"


def names(response):
    return {feature["properties"]["name"] for feature in response.json()["features"]}


def test_the_same_layer_again_costs_no_query_and_says_not_modified(visitor):
    first = visitor.get(URL, VAUCLUSE)
    assert first.status_code == 200 and first["ETag"]
    with assert_max_queries(0):
        again = visitor.get(URL, VAUCLUSE)
    assert again.content == first.content
    assert again["Content-Type"] == "application/geo+json"
    not_modified = visitor.get(URL, VAUCLUSE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_another_filter_is_another_answer(visitor):
    everything = names(visitor.get(URL, VAUCLUSE))
    hospitals = names(visitor.get(URL, {**VAUCLUSE, "kind": FacilityKind.HOSPITAL}))
    assert hospitals and hospitals < everything


def test_a_saved_facility_is_on_the_map_at_the_next_request(visitor):
    before = visitor.get(URL, VAUCLUSE)
    commune = Commune.objects.get(insee_code="84007")
    facility = HealthFacility.objects.create(
        name="MAISON DE SANTE DES REMPARTS",
        display_name="Maison de santé des Remparts",
        kind=FacilityKind.MSP,
        commune=commune,
        point=Point(4.81, 43.95, srid=4326),
        is_demo=True,
    )
    after = visitor.get(URL, VAUCLUSE)
    assert after["ETag"] != before["ETag"]
    assert "Maison de santé des Remparts" in names(after)
    facility.delete()
    assert "Maison de santé des Remparts" not in names(visitor.get(URL, VAUCLUSE))


def test_a_refused_box_is_never_cached(visitor):
    assert visitor.get(URL, {"bbox": "1,2,3"}).status_code == 400
    assert visitor.get(URL, {"bbox": "1,2,3"}).status_code == 400
