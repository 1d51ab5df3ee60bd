from django.conf import settings


def portal(request):
    """The deployment's identity, available to every template as ``portal``."""
    return {"portal": settings.PORTAL}
