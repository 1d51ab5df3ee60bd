"""Clusters of the point layers, by tiles of a fixed grid cached for every box at that scale."""

import pytest
from django.contrib.gis.geos import Point, Polygon
from django.db import connection
from django.test.utils import CaptureQueriesContext

from territory.geo import CLUSTER_GRID, MAX_FEATURES, ClusterTiles, point_layer
from territory.layers import describe_facility
from territory.models import Commune, HealthFacility
from tests.territory.test_layers import get_layer, insert_facilities, insert_points

pytestmark = pytest.mark.django_db


def counted(body):
    return sum(
        f["properties"]["count"] if f["properties"].get("cluster") else 1 for f in body["features"]
    )


@pytest.mark.parametrize("span", [40.0, 15.5, 1.2, 0.3, 0.01])
def test_the_level_keeps_a_box_within_the_grid(span):
    bbox = Polygon.from_bbox((4.0, 43.0, 4.0 + span, 43.0 + span / 1.3))
    level = ClusterTiles.level_for(bbox)
    cell = 360 / 2**level
    assert span / cell <= CLUSTER_GRID < 2 * span / cell
    assert (CLUSTER_GRID + 2) ** 2 <= MAX_FEATURES


def test_every_point_of_the_box_is_counted_once(visitor):
    insert_points(3_000)  # over France, inside the box below
    body = get_layer(visitor, "etablissements", bbox="-6,40,11,52").json()
    assert body["clustered"] is True
    assert body["total"] == counted(body) == HealthFacility.objects.count()


def test_a_new_box_at_the_same_scale_reads_only_the_cache(visitor):
    insert_points(3_000)
    first = get_layer(visitor, "etablissements", bbox="-5.0,41.0,9.0,51.0", zoom=6).json()
    with CaptureQueriesContext(connection) as queries:
        moved = get_layer(visitor, "etablissements", bbox="-4.9,41.1,8.9,50.9", zoom=6)
    assert moved.status_code == 200
    assert len(queries) == 0, [q["sql"][:80] for q in queries]
    assert moved.json()["clustered"] is True
    assert 0 < counted(moved.json()) <= counted(first)


def test_cached_tiles_give_what_a_fresh_computation_gives(visitor):
    insert_points(3_000)
    get_layer(visitor, "etablissements", bbox="-5.0,41.0,9.0,51.0")
    box = "-4.0,42.0,8.0,50.0"
    from_cache = get_layer(visitor, "etablissements", bbox=box).json()
    fresh = point_layer(  # outside a layer request: nothing read from or written to the cache
        HealthFacility.objects.mapped().select_related("commune"),
        Polygon.from_bbox((-4.0, 42.0, 8.0, 50.0)),
        describe_facility,
    )
    assert from_cache["features"] == fresh["features"]
    assert from_cache["total"] == fresh["total"]


def test_a_published_place_is_in_the_next_answer_whatever_the_tiles(visitor):
    insert_points(3_000)
    box = "-5.0,41.0,9.0,51.0"
    before = counted(get_layer(visitor, "etablissements", bbox=box).json())
    HealthFacility.objects.create(
        name="Maison de santé nouvelle",
        display_name="Maison de santé nouvelle",
        kind="msp",
        commune=Commune.objects.get(insee_code="84007"),
        point=Point(2.0, 46.0, srid=4326),
        source="test",
        is_demo=True,
    )
    after = get_layer(visitor, "etablissements", bbox="-4.99,41.0,9.0,51.0").json()
    assert counted(after) == before + 1


def test_filters_have_tiles_of_their_own(visitor):
    insert_points(3_000)  # all of kind "msp"
    box = "-5.0,41.0,9.0,51.0"
    everything = get_layer(visitor, "etablissements", bbox=box).json()
    hospitals = get_layer(visitor, "etablissements", bbox=box, kind="centre_hospitalier").json()
    assert counted(everything) > 3_000
    assert 0 < counted(hospitals) < 100


def insert_grid(step=0.02, side=40):
    """``side`` × ``side`` facilities on a regular grid from (4.001, 43.001), off the coast."""
    insert_facilities(
        "ST_MakePoint(4.001 + i * %s, 43.001 + j * %s)",
        "generate_series(0, %s) AS i, generate_series(0, %s) AS j",
        [step, step, side - 1, side - 1],
    )


def test_a_box_is_sent_point_by_point_or_clustered_whatever_the_cache_holds(visitor):
    insert_grid()
    box = "4.0,43.0,4.33,43.33"  # 289 points in it, 306 in the cells it touches
    cold = get_layer(visitor, "etablissements", bbox=box, zoom=12).json()
    assert cold["clustered"] is False and len(cold["features"]) == 289
    wider = get_layer(visitor, "etablissements", bbox="4.0,43.0,4.35,43.33").json()
    assert wider["clustered"] is True  # 306 points: its tiles, the box's too, are now cached
    warm = get_layer(visitor, "etablissements", bbox=box, zoom=13).json()
    assert warm["clustered"] is False and len(warm["features"]) == 289


def test_a_vanishingly_small_box_is_answered(visitor):
    response = get_layer(visitor, "etablissements", bbox="0,0,1e-310,1e-310")
    assert response.status_code == 200
    assert response.json()["features"] == []
