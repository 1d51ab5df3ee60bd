from django.conf import settings


def portal(request):
    """The deployment's identity, available to every template as ``portal``, and the rubric the
    page belongs to (``portal_section``: the URL namespace, empty on an error page) for the header."""
    match = getattr(request, "resolver_match", None)
    return {"portal": settings.PORTAL, "portal_section": match.namespace if match else ""}
