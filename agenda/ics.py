"""iCalendar (RFC 5545): one event, or a feed of a filtered list that calendar apps subscribe to.
Times are written in UTC, which every calendar converts to the reader's time zone."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

ONLINE = "En ligne"


def calendar(events, base_url, name=None):
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL['NAME']}//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    host = base_url.split("://", 1)[-1].split("/", 1)[0]
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        vevent = VEvent()
        vevent.add("uid", f"evenement-{event.pk}@{host}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.starts_at.astimezone(UTC))
        vevent.add("dtend", event.ends_at.astimezone(UTC))
        summary = f"[démo] {event.title}" if event.is_demo else event.title
        vevent.add("summary", summary)
        vevent.add("description", event.description)
        location = ", ".join(
            part
            for part in (event.venue, event.address, event.commune.name if event.commune_id else "")
            if part
        )
        # The meeting link goes only to confirmed registrants (their e-mail), never in a feed.
        vevent.add("location", location or ONLINE)
        vevent.add("url", base_url.rstrip("/") + event.get_absolute_url())
        if event.updated_at:
            vevent.add("last-modified", event.updated_at.astimezone(UTC))
        cal.add_component(vevent)
    return cal.to_ical()
