"""Map layers cached in Redis, whole responses, for everyone: a layer never depends on who asks.

The key holds the layer's name, its query string, the language and a *generation* that every save
or deletion of mapped content (anything with a point, or territory data) moves on, so a newly
published offer is on the map at the next request. Content that leaves by the clock (an event
that has passed, a nightly expiry done with ``update()``) leaves within ``LAYER_CACHE_SECONDS``.

Below the whole responses, the clusters of point layers are cached by tile of a fixed grid
(``territory.geo.ClusterTiles``) under the same generation, for the layer and its filters
whatever the box: a box never asked before is made of tiles other boxes have counted.
"""

import contextlib
import contextvars
import functools
import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from vsa_portal.cache import next_generation
from vsa_portal.publication import changed_in_bulk

LAYER_CACHE_SECONDS = 300
GENERATION_KEY = "map-layers:generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 0


def query_digest(request, leaving_out=()):
    """The request's parameters in any order (but those named in ``leaving_out``) and the
    language, as a short digest."""
    pairs = request.GET.urlencode().split("&")
    kept = sorted(pair for pair in pairs if pair.partition("=")[0] not in leaving_out)
    return hashlib.sha256(f"{get_language()}|{'&'.join(kept)}".encode()).hexdigest()[:32]


def cache_key(name, request):
    return f"map-layers:{generation()}:{name}:{query_digest(request)}"


_tile_scope = contextvars.ContextVar("map_layer_tile_scope", default=None)


@contextlib.contextmanager
def tiles_for(name, request):
    """While a layer is built: its clusters' tiles are cached for its name and filters."""
    filters = query_digest(request, leaving_out=("bbox", "zoom"))
    token = _tile_scope.set(f"map-tiles:{generation()}:{name}:{filters}")
    try:
        yield
    finally:
        _tile_scope.reset(token)


def tile_scope():
    """The key prefix of the tiles of the layer being built, or None outside a layer request
    (nothing is cached then)."""
    return _tile_scope.get()


def get_tiles(keys):
    return cache.get_many(list(keys))


def set_tiles(tiles):
    cache.set_many(tiles, LAYER_CACHE_SECONDS)


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
    changed_in_bulk.connect(content_changed, dispatch_uid="map-layers-bulk")
