from django.conf import settings
from django.urls import reverse

from vsa_portal import identity


def portal(request):
    """The deployment's identity, available to every template as ``portal``; the rubric the
    page belongs to (``portal_section``: the URL namespace, empty on an error page); the header's
    rubrics as the territory lists them (``portal_rubrics``); the theme's and logo's URLs."""
    match = getattr(request, "resolver_match", None)
    section = match.namespace if match else ""
    rubrics = [
        {
            "title": rubric["title"],
            "url": reverse(f"{rubric['key']}:landing"),
            "current": rubric["key"] == section,
        }
        for rubric in settings.TERRITORY["rubrics"]
    ]
    return {
        "portal": settings.PORTAL,
        "portal_section": section,
        "portal_rubrics": rubrics,
        "portal_identity": identity.urls(),
    }
