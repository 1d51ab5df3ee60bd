"""What the benchmark's generators share."""

from django.contrib.gis.geos import Point

BATCH = 5000


def point_in(rng, commune):
    west, south, east, north = commune.boundary.extent
    return Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326)
