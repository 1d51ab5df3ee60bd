"""Bounding boxes, server-side clustering and GeoJSON building for the map layers.

Every layer response stays within MAX_FEATURES features and MAX_BYTES bytes whatever the
number of rows: points are clustered on a grid by PostGIS when there are too many to send one
by one, and polygons are simplified to the precision the zoom level can show.
"""

import json
import math

from django.contrib.gis.db.models import Collect, GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, Centroid
from django.contrib.gis.geos import Polygon
from django.db.models import Count, FloatField, Func, Min
from django.db.models.functions import Floor
from django.utils.translation import gettext as _

from territory import layer_cache

MAX_FEATURES = 500
MAX_BYTES = 100_000
MAX_SINGLE_POINTS = 300
CLUSTER_GRID = 18  # at most this many cells along the longer side of the box (see ClusterTiles)
TILE_CELLS = 4  # a cached tile is 4 x 4 cells
MAX_LEVEL = 30  # cells of 0.3 mm: finer than any zoom shows
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
    return point_feature_at(rounded(list(point.coords)), properties)


def point_feature_at(coordinates, properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coordinates},
        "properties": properties,
    }


def feature_collection(features, **meta):
    return {"type": "FeatureCollection", "features": features, **meta}


def encoded_size(collection):
    return len(json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode())


def point_layer(queryset, bbox, describe, field="point"):
    """Points of ``queryset`` inside ``bbox``: one by one when few, clustered when many.

    ``describe(obj)`` returns the properties of one object's feature. Clusters come from
    ``ClusterTiles``: the box is covered by cells of a fixed grid, so that another box at a
    similar scale reuses the cells already counted (cached while a map layer is answered).
    """
    in_box = queryset.filter(**{f"{field}__bboverlaps": bbox}).exclude(**{field: None})
    tiles = ClusterTiles(queryset, field, describe)
    cells = tiles.cells_touching(bbox, compute_missing=False)
    if few_points_in(in_box, cells):
        features = [point_feature(getattr(obj, field), describe(obj)) for obj in in_box]
        collection = feature_collection(features, total=len(features), clustered=False)
        if encoded_size(collection) <= MAX_BYTES:
            return collection
    if cells is None:
        cells = tiles.cells_touching(bbox)
    return clustered_collection(cells)


def few_points_in(in_box, cells):
    """Whether the box holds at most MAX_SINGLE_POINTS points, the same answer whatever the
    cache holds. The cells the box touches reach past it: their counts bound the box's from
    above, those of the cells wholly inside it from below; in between, or with a tile missing
    from the cache, the box is counted."""
    if cells is not None:
        if sum(count for count, _feature, _inside in cells) <= MAX_SINGLE_POINTS:
            return True
        if sum(count for count, _feature, inside in cells if inside) > MAX_SINGLE_POINTS:
            return False
    return in_box.count() <= MAX_SINGLE_POINTS


def clustered_collection(cells):
    features = [feature for _count, feature, _inside in cells]
    collection = feature_collection(
        features, total=sum(count for count, _feature, _inside in cells), clustered=True
    )
    if encoded_size(collection) > MAX_BYTES:  # long titles: the single places become markers
        collection["features"] = [
            point_feature_at(feature["geometry"]["coordinates"], {"cluster": True, "count": count})
            if count == 1
            else feature
            for count, feature, _inside in cells
        ]
    return collection


class ClusterTiles:
    """Clusters on a grid fixed for the whole world at each level, by tiles of TILE_CELLS².

    Level L has cells of 360 / 2^L degrees; a box takes the finest level whose cells keep it
    within CLUSTER_GRID cells along its longer side (at most (CLUSTER_GRID + 2)² cells touch
    it). A cell holds its count and one feature: the place itself when alone, else a cluster
    at its members' centroid. Tiles missing from the cache are computed together, in one
    grouped query over the rectangle of tiles that covers them, plus one for the single places.
    """

    def __init__(self, queryset, field, describe):
        self.queryset = queryset.exclude(**{field: None})
        self.field = field
        self.describe = describe
        self.scope = layer_cache.tile_scope()

    @staticmethod
    def level_for(bbox):
        west, south, east, north = bbox.extent
        span = max(east - west, north - south, 360 / 2**MAX_LEVEL)
        return max(0, min(MAX_LEVEL, math.floor(math.log2(360 * CLUSTER_GRID / span))))

    def cells_touching(self, bbox, compute_missing=True):
        """(count, feature, wholly inside the box) of every cell the box touches; None when a
        tile is not in the cache and ``compute_missing`` is false."""
        level = self.level_for(bbox)
        cell = 360 / 2**level
        west, south, east, north = bbox.extent
        columns = range(math.floor(west / cell), math.floor(east / cell) + 1)
        rows = range(math.floor(south / cell), math.floor(north / cell) + 1)
        wanted = {(x // TILE_CELLS, y // TILE_CELLS) for x in columns for y in rows}
        tiles = self.tiles(level, wanted, compute_missing)
        if tiles is None:
            return None
        touched = sorted(
            (
                (position, count, feature)
                for tile in tiles.values()
                for position, (count, feature) in tile.items()
                if position[0] in columns and position[1] in rows
            ),
            key=lambda touched_cell: touched_cell[0],
        )
        return [
            (
                count,
                feature,
                west <= x * cell
                and (x + 1) * cell <= east
                and south <= y * cell
                and (y + 1) * cell <= north,
            )
            for (x, y), count, feature in touched
        ]

    def tiles(self, level, wanted, compute_missing):
        keys = {tile: self.key(level, tile) for tile in wanted}
        cached = layer_cache.get_tiles(keys.values()) if self.scope else {}
        tiles = {tile: cached[key] for tile, key in keys.items() if key in cached}
        missing = wanted - tiles.keys()
        if missing and not compute_missing:
            return None
        if missing:
            computed = self.compute(level, missing)
            if self.scope:
                layer_cache.set_tiles(
                    {self.key(level, tile): cells for tile, cells in computed.items()}
                )
            tiles.update((tile, computed[tile]) for tile in missing)
        return tiles

    def key(self, level, tile):
        return f"{self.scope}:{level}:{tile[0]}:{tile[1]}"

    def compute(self, level, missing):
        """Every tile of the rectangle that covers ``missing``, each {(x, y): (count, feature)}."""
        cell = 360 / 2**level
        low_x, high_x = min(t[0] for t in missing), max(t[0] for t in missing)
        low_y, high_y = min(t[1] for t in missing), max(t[1] for t in missing)
        side = cell * TILE_CELLS
        rectangle = Polygon.from_bbox(
            (low_x * side, low_y * side, (high_x + 1) * side, (high_y + 1) * side)
        )
        grid = (
            self.queryset.filter(**{f"{self.field}__bboverlaps": rectangle})
            .order_by()
            .annotate(x=Floor(PointX(self.field) / cell), y=Floor(PointY(self.field) / cell))
            .values("x", "y")
            .annotate(count=Count("pk"), center=Centroid(Collect(self.field)), first_pk=Min("pk"))
            .values_list("x", "y", "count", "center", "first_pk")
        )
        tiles = {(tx, ty): {} for tx in range(low_x, high_x + 1) for ty in range(low_y, high_y + 1)}
        rows = [(int(x), int(y), count, center, pk) for x, y, count, center, pk in grid]
        singles = {pk for _x, _y, count, _center, pk in rows if count == 1}
        objects = self.queryset.in_bulk(singles) if singles else {}
        for x, y, count, center, pk in rows:
            tile = tiles.get((x // TILE_CELLS, y // TILE_CELLS))
            if tile is None:  # on the rectangle's outer edge: it belongs to a tile not read
                continue
            if count == 1 and pk in objects:
                obj = objects[pk]
                feature = point_feature(getattr(obj, self.field), self.describe(obj))
            else:
                feature = point_feature(center, {"cluster": True, "count": count})
            tile[(x, y)] = (count, feature)
        return tiles


def simplification_tolerance(bbox):
    """Degrees that a pixel covers when the box fills a map about 800 pixels wide."""
    west, south, east, north = bbox.extent
    return max(east - west, north - south) / 800


class PointX(Func):
    function = "ST_X"
    output_field = FloatField()


class PointY(Func):
    function = "ST_Y"
    output_field = FloatField()


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
