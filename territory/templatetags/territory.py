from django import template
from django.conf import settings

from territory.enums import Zone

register = template.Library()


@register.simple_tag
def territory_note(name):
    """What a data file of the territory lacks, in its folder's words (territory.toml, [notes])."""
    return settings.TERRITORY["notes"].get(name, "")


@register.filter
def zone_label(zone):
    return Zone(zone).label if zone in Zone.values else ""


@register.filter
def kilometres(distance):
    """A GeoDjango Distance as French kilometres with one decimal."""
    return f"{distance.km:.1f}".replace(".", ",") + " km"


@register.inclusion_tag("territory/includes/nearest_places.html")
def nearest_places(point):
    """The nearest collège, lycée and stations of a point (an offer's place), in one query:
    ``{% nearest_places offer.point %}`` on any detail page."""
    from territory.family import family_places_around

    if point is None:
        return {"places": None}
    return {"places": family_places_around(point)}
