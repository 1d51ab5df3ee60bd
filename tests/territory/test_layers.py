import json

import pytest
from django.db import connection

from territory.geo import MAX_BYTES, MAX_FEATURES
from territory.models import Commune

pytestmark = pytest.mark.django_db

VAUCLUSE = "4.6,43.6,5.8,44.5"
FRANCE = "-5.5,41.0,10.0,51.5"


def get_layer(client, name, **params):
    return client.get(f"/carte/couches/{name}.geojson", params)


def test_facility_layer_returns_points_inside_the_box(visitor):
    response = get_layer(visitor, "etablissements", bbox=VAUCLUSE, zoom=9)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["clustered"] is False
    assert len(body["features"]) == 74
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert {"name", "kind", "label", "commune", "url"} <= set(feature["properties"])


def test_facility_layer_filters_by_kind(visitor):
    body = get_layer(visitor, "etablissements", bbox=VAUCLUSE, kind="centre_hospitalier").json()
    assert body["features"]
    assert {feature["properties"]["kind"] for feature in body["features"]} == {"centre_hospitalier"}


def test_approximate_positions_are_flagged_in_the_layer(visitor):
    body = get_layer(visitor, "etablissements", bbox=VAUCLUSE).json()
    approximate = [f for f in body["features"] if f["properties"].get("approximate")]
    assert len(approximate) == 9


def test_a_small_box_returns_only_what_is_inside(visitor):
    avignon_centre = "4.80,43.92,4.84,43.96"
    body = get_layer(visitor, "etablissements", bbox=avignon_centre, zoom=14).json()
    for feature in body["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 4.80 <= lon <= 4.84 and 43.92 <= lat <= 43.96
    assert 0 < len(body["features"]) < 74


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "bbox est obligatoire"),
        ({"bbox": "abc"}, "quatre nombres"),
        ({"bbox": "1,2,3"}, "quatre nombres"),
        ({"bbox": "a,b,c,d"}, "que des nombres"),
        ({"bbox": "nan,1,2,3"}, "finis"),
        ({"bbox": "5,44,4,45"}, "de l’ouest vers l’est"),
        ({"bbox": "4,44,5,44"}, "du sud vers le nord"),
        ({"bbox": "-200,0,10,10"}, "limites de la Terre"),
        ({"bbox": VAUCLUSE, "zoom": "loin"}, "zoom"),
        ({"bbox": VAUCLUSE, "zoom": "99"}, "zoom"),
        ({"bbox": VAUCLUSE, "kind": "boulangerie"}, "Valeur inconnue pour kind"),
    ],
)
def test_invalid_parameters_give_400_with_a_message(visitor, params, message):
    response = get_layer(visitor, "etablissements", **params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_unknown_layer_is_404(visitor):
    assert get_layer(visitor, "boulangeries", bbox=VAUCLUSE).status_code == 404


def test_layer_refuses_writes(visitor):
    assert visitor.post("/carte/couches/etablissements.geojson?bbox=" + VAUCLUSE).status_code == 405


def insert_facilities(point_sql, series_sql, params):
    """Facilities at ``point_sql`` for each row of ``series_sql``, in one statement (real
    PostGIS rows, and no save signal: as an importer, the caller moves the generations)."""
    commune_id = Commune.objects.get(insee_code="84007").pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO territory_healthfacility
                (finess_et, finess_ej, name, kind, category_code, category_label, sector, address,
                 postal_code, commune_id, point, location_precision, phone, website, source,
                 verification_note, is_demo, updated_at, display_name, imported_values)
            SELECT NULL, '', 'Point de charge', 'msp', '', '', '', '', '', %s,
                   ST_SetSRID({point_sql}, 4326), 'exact', '', '', 'test de charge', '', TRUE,
                   now(), 'Point de charge', '{{}}'::jsonb
            FROM {series_sql}
            """,  # noqa: S608 - the SQL fragments are the tests' own constants
            [commune_id, *params],
        )


def insert_points(count):
    """``count`` facilities spread at random over France."""
    insert_facilities(
        "ST_MakePoint(-4.5 + random() * 12.5, 42.5 + random() * 8.5)",
        "generate_series(1, %s) AS n",
        [count],
    )


@pytest.mark.parametrize("bbox", [FRANCE, VAUCLUSE, "4.80,43.90,4.90,44.00"])
def test_clustering_keeps_every_response_within_budget_with_100000_points(visitor, bbox):
    insert_points(100_000)
    response = get_layer(visitor, "etablissements", bbox=bbox, zoom=6)
    assert response.status_code == 200
    body = response.json()
    assert len(body["features"]) <= MAX_FEATURES
    assert len(response.content) <= MAX_BYTES
    clustered_total = sum(
        f["properties"]["count"] if f["properties"].get("cluster") else 1 for f in body["features"]
    )
    assert clustered_total == body["total"]
    if bbox == FRANCE:
        assert body["clustered"] is True and body["total"] >= 100_000


def test_clusters_point_to_where_their_members_are(visitor):
    insert_points(2_000)
    body = get_layer(visitor, "etablissements", bbox=FRANCE).json()
    clusters = [f for f in body["features"] if f["properties"].get("cluster")]
    assert clusters
    for cluster in clusters:
        lon, lat = cluster["geometry"]["coordinates"]
        assert -5.5 <= lon <= 10 and 41 <= lat <= 51.5


@pytest.mark.parametrize("name", ["zonage", "communes", "cpts"])
@pytest.mark.parametrize("bbox", [VAUCLUSE, FRANCE, "4.80,43.90,4.90,44.00"])
def test_polygon_layers_stay_within_budget(visitor, demo_territory, name, bbox):
    response = get_layer(visitor, name, bbox=bbox, zoom=9)
    assert response.status_code == 200
    body = json.loads(response.content)
    assert len(response.content) <= MAX_BYTES
    assert len(body["features"]) <= MAX_FEATURES
    assert body["features"], f"{name} has shapes in {bbox}"


def test_zoning_layer_carries_the_real_zone_and_its_order(visitor, demo_territory):
    body = get_layer(visitor, "zonage", bbox=VAUCLUSE).json()
    assert len(body["features"]) == 151
    zones = [feature["properties"]["zone"] for feature in body["features"]]
    assert (zones.count("zip"), zones.count("zac"), zones.count("hors_zonage")) == (40, 104, 7)
    assert not any(feature["properties"]["demo"] for feature in body["features"])
    label = body["features"][0]["properties"]["label"]
    assert "zonage 2022" in label and "remplacé le 5 janvier 2026" in label


def test_cpts_layer_draws_each_perimeter_computed_at_import(visitor):
    from django.contrib.gis.db.models import Union
    from django.contrib.gis.geos import GEOSGeometry

    from territory.models import CPTS

    body = get_layer(visitor, "cpts", bbox=VAUCLUSE).json()
    names = [feature["properties"]["name"] for feature in body["features"]]
    assert sorted(names) == sorted(CPTS.objects.values_list("name", flat=True))
    assert len(names) == 10
    avignon = next(
        f for f in body["features"] if f["properties"]["name"] == "CPTS du Grand Avignon"
    )
    drawn = GEOSGeometry(json.dumps(avignon["geometry"]), srid=4326)
    union = CPTS.objects.get(name="CPTS du Grand Avignon").communes.aggregate(u=Union("boundary"))[
        "u"
    ]
    # The simplified drawing covers the same area as the union of the communes, within 2 %.
    assert abs(drawn.area - union.area) / union.area < 0.02
    assert avignon["properties"]["url"].startswith("/exercer/cpts/#")


def test_school_and_station_layers(visitor):
    from territory.models import RailwayStation, School

    stations = get_layer(visitor, "gares", bbox=VAUCLUSE).json()
    assert len(stations["features"]) == RailwayStation.objects.count() == 18
    colleges = get_layer(visitor, "etablissements-scolaires", bbox=VAUCLUSE, level="college")
    body = colleges.json()
    assert body["total"] == School.objects.filter(level="college").count() == 57
    assert not any(
        f["properties"].get("approximate") for f in body["features"] if "name" in f["properties"]
    )
    refused = get_layer(visitor, "etablissements-scolaires", bbox=VAUCLUSE, level="creche")
    assert refused.status_code == 400


def test_layer_query_count_does_not_grow_with_rows(visitor, django_assert_max_num_queries):
    insert_points(5_000)
    with django_assert_max_num_queries(3):
        get_layer(visitor, "etablissements", bbox=FRANCE)
