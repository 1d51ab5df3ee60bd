"""Bounding boxes, server-side clustering and GeoJSON building for the map layers.

Every layer response stays within MAX_FEATURES features and MAX_BYTES bytes whatever the
number of rows: points are clustered on a grid by PostGIS when there are too many to send one
by one, and polygons are simplified to the precision the zoom level can show.
"""

import json
import math

from django.contrib.gis.db.models import Collect, GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, Centroid, SnapToGrid
from django.contrib.gis.geos import Polygon
from django.db.models import Count, Func, Min
from django.utils.translation import gettext as _

MAX_FEATURES = 500
MAX_BYTES = 100_000
MAX_SINGLE_POINTS = 300
CLUSTER_GRID = 18  # cells along the longer side of the box: at most 19 x 19 = 361 clusters
COORDINATE_PRECISION = 5  # decimal degrees: about one metre


class BboxError(ValueError):
    """A bounding box that cannot be used; the message is shown to the visitor."""


def parse_bbox(raw):
    """Parse "west,south,east,north" in WGS84 degrees into a Polygon."""
    if not raw:
        raise BboxError(_("Le paramètre bbox est obligatoire (ouest,sud,est,nord en degrés)."))
    parts = raw.split(",")
    if len(parts) != 4:
        raise BboxError(_("bbox doit contenir quatre nombres : ouest,sud,est,nord."))
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError as exc:
        raise BboxError(_("bbox ne doit contenir que des nombres.")) from exc
    if not all(math.isfinite(value) for value in (west, south, east, north)):
        raise BboxError(_("bbox ne doit contenir que des nombres finis."))
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise BboxError(_("bbox sort des limites de la Terre (longitude ±180, latitude ±90)."))
    if west >= east or south >= north:
        raise BboxError(_("bbox doit aller de l’ouest vers l’est et du sud vers le nord."))
    return Polygon.from_bbox((west, south, east, north))


def parse_zoom(raw, default=9):
    if raw in (None, ""):
        return default
    try:
        zoom = int(raw)
    except ValueError as exc:
        raise BboxError(_("zoom doit être un nombre entier entre 0 et 22.")) from exc
    if not 0 <= zoom <= 22:
        raise BboxError(_("zoom doit être un nombre entier entre 0 et 22."))
    return zoom


def rounded(coordinates):
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], float):
        return [round(value, COORDINATE_PRECISION) for value in coordinates]
    return [rounded(item) for item in coordinates]


def point_feature(point, properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": rounded(list(point.coords))},
        "properties": properties,
    }


def feature_collection(features, **meta):
    return {"type": "FeatureCollection", "features": features, **meta}


def encoded_size(collection):
    return len(json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode())


def point_layer(queryset, bbox, describe, field="point"):
    """Points of ``queryset`` inside ``bbox``: one by one when few, clustered when many.

    ``describe(obj)`` returns the properties of one object's feature.
    """
    in_box = queryset.filter(**{f"{field}__bboverlaps": bbox}).exclude(**{field: None})
    total = in_box.count()
    if total <= MAX_SINGLE_POINTS:
        collection = feature_collection(
            [point_feature(getattr(obj, field), describe(obj)) for obj in in_box],
            total=total,
            clustered=False,
        )
        if encoded_size(collection) <= MAX_BYTES:
            return collection
    return clustered_layer(in_box, bbox, describe, field, total)


def clustered_layer(in_box, bbox, describe, field, total):
    west, south, east, north = bbox.extent
    cell = max(east - west, north - south) / CLUSTER_GRID
    cells = list(
        in_box.order_by()
        .annotate(cell=SnapToGrid(field, cell))
        .values("cell")
        .annotate(count=Count("pk"), center=Centroid(Collect(field)), first_pk=Min("pk"))
        .values_list("count", "center", "first_pk")
    )
    singles = {pk for count, _center, pk in cells if count == 1}
    objects = in_box.in_bulk(singles) if singles else {}
    features = []
    for count, center, pk in cells:
        if count == 1 and pk in objects:
            obj = objects[pk]
            features.append(point_feature(getattr(obj, field), describe(obj)))
        else:
            features.append(point_feature(center, {"cluster": True, "count": count}))
    return feature_collection(features, total=total, clustered=True)


def simplification_tolerance(bbox):
    """Degrees that a pixel covers when the box fills a map about 800 pixels wide."""
    west, south, east, north = bbox.extent
    return max(east - west, north - south) / 800


class SimplifyPreserveTopology(Func):
    function = "ST_SimplifyPreserveTopology"
    output_field = GeometryField(srid=4326)


def polygon_layer(queryset, bbox, describe, geometry):
    """Polygons of ``queryset`` (already limited to the box), simplified to fit the budget.

    ``geometry`` is the expression of each row's shape: a field name, or an aggregate such as
    the union of a CPTS's communes.
    """
    tolerance = simplification_tolerance(bbox)
    for _attempt in range(8):
        rows = queryset.annotate(
            geojson=AsGeoJSON(
                SimplifyPreserveTopology(geometry, tolerance), precision=COORDINATE_PRECISION
            )
        ).order_by("pk")[:MAX_FEATURES]
        features = [
            {"type": "Feature", "geometry": json.loads(row.geojson), "properties": describe(row)}
            for row in rows
            if row.geojson
        ]
        collection = feature_collection(features, total=len(features), clustered=False)
        if encoded_size(collection) <= MAX_BYTES:
            break
        tolerance *= 2
    return collection
