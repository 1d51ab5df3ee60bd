from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.filters import EventFilter
from agenda.models import Event
from territory.geo import BboxError, point_layer
from territory.layers import register


def describe_event(event):
    properties = {
        "name": event.title,
        "label": f"{event.get_kind_display()} — {event.starts_at:%d/%m/%Y}",
        "commune": event.commune.name if event.commune_id else "",
        "url": event.get_absolute_url(),
        "link": _("Voir l’événement"),
    }
    if event.is_demo:
        properties["demo"] = True
    return properties


@register("evenements", gettext_lazy("Événements à venir"), "points")
def events_layer(request, bbox, zoom):
    queryset = Event.objects.upcoming().select_related("commune")
    filterset = EventFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        raise BboxError(_("Filtres invalides."))
    return point_layer(filterset.qs, bbox, describe_event)
