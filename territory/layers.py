"""The map layers: GeoJSON endpoints that any rubric registers and the map component shows.

A layer is a function ``(request, bbox, zoom) -> FeatureCollection`` registered under a name;
``/carte/couches/<name>.geojson?bbox=...&zoom=...`` serves it. Other apps register theirs in
their own ``layers.py`` (imported by their AppConfig.ready).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from territory.enums import FacilityKind, LocationPrecision, SchoolLevel, Zone
from territory.geo import BboxError, point_layer, polygon_layer
from territory.models import CPTS, Commune, HealthFacility, RailwayStation, School


@dataclass(frozen=True)
class Layer:
    name: str
    label: str
    geometry: str  # "points" or "polygons"
    build: object


REGISTRY = {}


def register(name, label, geometry):
    def decorator(build):
        REGISTRY[name] = Layer(name=name, label=label, geometry=geometry, build=build)
        return build

    return decorator


def parse_choices(request, name, choices):
    """Comma-separated values of a GET parameter, each checked against ``choices``."""
    raw = request.GET.get(name, "")
    values = [value for value in raw.split(",") if value]
    unknown = [value for value in values if value not in choices]
    if unknown:
        raise BboxError(
            _("Valeur inconnue pour %(name)s : %(value)s.")
            % {"name": name, "value": ", ".join(unknown)[:100]}
        )
    return values


def describe_place(place, label, anchor=""):
    """A point's properties: its name, kind, label, commune, and the approximate or demo flags."""
    properties = {
        "name": place.label,
        "kind": place.kind,
        "label": label,
        "commune": place.commune.name,
        "url": place.commune.get_absolute_url() + anchor,
    }
    if place.location_precision == LocationPrecision.COMMUNE:
        properties["approximate"] = True
    if getattr(place, "is_demo", False):
        properties["demo"] = True
    return properties


PLACE_FIELDS = (
    "name",
    "display_name",
    "kind",
    "point",
    "location_precision",
    "commune__name",
    "commune__slug",
)


def describe_facility(facility):
    return describe_place(facility, str(facility.get_kind_display()))


@register("etablissements", gettext_lazy("Établissements de santé"), "points")
def facilities_layer(request, bbox, zoom):
    kinds = parse_choices(request, "kind", FacilityKind.values)
    queryset = HealthFacility.objects.select_related("commune").only(*PLACE_FIELDS, "is_demo")
    if kinds:
        queryset = queryset.of_kind(*kinds)
    return point_layer(queryset, bbox, describe_facility)


@register("cpts", gettext_lazy("CPTS"), "polygons")
def cpts_layer(request, bbox, zoom):
    """Each CPTS's perimeter, computed once at import (the union of its communes)."""
    return polygon_layer(
        CPTS.objects.filter(perimeter__bboverlaps=bbox).only("name", "slug", "is_demo"),
        bbox,
        lambda cpts: {"name": cpts.name, "url": cpts.get_absolute_url(), "demo": cpts.is_demo},
        "perimeter",
    )


def describe_school(school):
    label = f"{school.get_kind_display()}, {school.get_sector_display().lower()}"
    return describe_place(school, label, "#famille")


@register("etablissements-scolaires", gettext_lazy("Écoles, collèges et lycées"), "points")
def schools_layer(request, bbox, zoom):
    levels = parse_choices(request, "level", SchoolLevel.values)
    queryset = School.objects.select_related("commune").only(*PLACE_FIELDS, "sector")
    if levels:
        queryset = queryset.of_level(*levels)
    return point_layer(queryset, bbox, describe_school)


@register("gares", gettext_lazy("Gares de voyageurs"), "points")
def stations_layer(request, bbox, zoom):
    queryset = RailwayStation.objects.select_related("commune").only(
        "name", "segment", "point", "commune__name", "commune__slug"
    )
    return point_layer(
        queryset,
        bbox,
        lambda station: {
            "name": station.name,
            "kind": station.segment,
            "label": str(station.get_segment_display()),
            "commune": station.commune.name,
            "url": station.commune.get_absolute_url() + "#famille",
        },
    )


def zoning_label(commune):
    """ "Zone d’action complémentaire (ZAC) — zonage 2022, remplacé le 5 janvier 2026"."""
    if not commune.current_zone:
        return str(_("Non renseigné"))
    label = f"{Zone(commune.current_zone).label} — " + _("zonage %(year)s") % {
        "year": commune.current_zone_valid_from.year
    }
    until = commune.current_zone_valid_until
    if until and until < timezone.localdate():
        label += ", " + _("remplacé le %(date)s ; nouveau zonage non encore chargé") % {
            "date": date_format(until + timedelta(days=1), "j F Y")
        }
    return label


def describe_zoning(commune):
    return {
        "name": commune.name,
        "url": commune.get_absolute_url(),
        "zone": commune.current_zone or "",
        "label": zoning_label(commune),
        "demo": bool(commune.current_zone_is_demo),
    }


@register("zonage", gettext_lazy("Zonage médecins"), "polygons")
def zoning_layer(request, bbox, zoom):
    queryset = (
        Commune.objects.filter(boundary__bboverlaps=bbox).only("name", "slug").with_current_zone()
    )
    return polygon_layer(queryset, bbox, describe_zoning, "boundary")


@register("communes", gettext_lazy("Communes"), "polygons")
def communes_layer(request, bbox, zoom):
    queryset = Commune.objects.filter(boundary__bboverlaps=bbox).only("name", "slug")
    return polygon_layer(
        queryset,
        bbox,
        lambda commune: {"name": commune.name, "url": commune.get_absolute_url()},
        "boundary",
    )
