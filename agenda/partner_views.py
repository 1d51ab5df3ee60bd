"""The agenda's own page in the partner space: an event's registrations, and their export."""

from django.shortcuts import render

from agenda.admin import registrations_csv
from agenda.models import Event
from organisations.access import get_for_partner, partner_required


@partner_required
def event_registrations(request, pk):
    """The organiser sees and exports the registrations of its own events only."""
    event = get_for_partner(request, Event.objects.all(), pk=pk)
    registrations = event.registrations.owner_confirmed().order_by("created_at", "pk")
    if request.GET.get("format") == "csv":
        return registrations_csv(
            registrations.select_related("event"), f"inscriptions-{event.pk}.csv"
        )
    return render(
        request,
        "agenda/partner/event_registrations.html",
        {"event": event, "registrations": registrations},
    )
