from django.conf import settings


def event_jsonld(event, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {
            "@type": "Organization",
            "name": event.organisation.name if event.organisation_id else settings.PORTAL["NAME"],
        },
    }
    if event.commune_id:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = {
            "@type": "Place",
            "name": event.venue or event.commune.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressLocality": event.commune.name,
                "addressCountry": "FR",
            },
        }
    else:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        # The meeting link itself goes only to confirmed registrants: the page stands for it.
        data["location"] = {"@type": "VirtualLocation", "name": "En ligne", "url": url}
    return data
