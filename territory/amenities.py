"""Distances to what a family needs (collèges, lycées, railway stations), for any model with a
point: a search keeps the rows "within N km of a collège" (``NearAmenityFilterSet`` in
``territory.filters``); a detail page shows the nearest with ``family.family_places_around``."""

import math

from django.contrib.gis.measure import D
from django.db.models import Exists, OuterRef, TextChoices
from django.utils.translation import gettext_lazy as _

from territory.enums import SchoolLevel
from territory.models import KM_PER_DEGREE, RailwayStation, School

# The planar pre-filter (in degrees, on the spatial index) must be wide enough at any latitude
# of a French département; the exact geodesic test then keeps only what is within the radius.
WIDEST_LATITUDE = 52.0


class Amenity(TextChoices):
    COLLEGE = "college", _("un collège")
    LYCEE = "lycee", _("un lycée")
    STATION = "gare", _("une gare de voyageurs")


def amenity_rows(amenity):
    if amenity == Amenity.STATION:
        return RailwayStation.objects.all()
    level = SchoolLevel.MIDDLE if amenity == Amenity.COLLEGE else SchoolLevel.HIGH
    return School.objects.filter(level=level)


def near_amenity(queryset, amenity, km, point_field="point"):
    """The rows of ``queryset`` whose ``point_field`` is within ``km`` km of an ``amenity``."""
    degrees = km / (KM_PER_DEGREE * math.cos(math.radians(WIDEST_LATITUDE)))
    origin = OuterRef(point_field)
    nearby = (
        amenity_rows(amenity)
        .filter(point__dwithin=(origin, degrees))
        .filter(point__distance_lte=(origin, D(km=km)))
    )
    return queryset.filter(Exists(nearby))
