from django import template

from territory.enums import Zone

register = template.Library()


@register.filter
def zone_label(zone):
    return Zone(zone).label if zone in Zone.values else ""


@register.filter
def kilometres(distance):
    """A GeoDjango Distance as French kilometres with one decimal."""
    return f"{distance.km:.1f}".replace(".", ",") + " km"
