"""Map layers cached in Redis, whole responses, for everyone: a layer never depends on who asks.

The key holds the layer's name, its query string, the language and a *generation* that every save
or deletion of mapped content (anything with a point, or territory data) moves on, so a newly
published offer is on the map at the next request. Content that leaves by the clock (an event
that has passed, a nightly expiry done with ``update()``) leaves within ``LAYER_CACHE_SECONDS``.
"""

import functools
import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from vsa_portal.cache import next_generation

LAYER_CACHE_SECONDS = 300
GENERATION_KEY = "map-layers:generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 0


def cache_key(name, request):
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    digest = hashlib.sha256(f"{get_language()}|{query}".encode()).hexdigest()[:32]
    return f"map-layers:{generation()}:{name}:{digest}"


@functools.cache
def _is_mapped(sender):
    """Whether saving a row of this model can change a map (answered once per model: this runs
    on every save of the portal)."""
    fields = sender._meta.concrete_fields
    return sender._meta.app_label == "territory" or any(
        getattr(field, "geom_type", None) for field in fields
    )


def content_changed(sender, **kwargs):
    if _is_mapped(sender):
        next_generation(GENERATION_KEY)


def connect():
    post_save.connect(content_changed, dispatch_uid="map-layers-save")
    post_delete.connect(content_changed, dispatch_uid="map-layers-delete")
