"""Keep the search documents in step with the items: every registered public kind's saves and
deletions, whichever app registered it (the receivers look the sender up in the registry, so a
kind registered after this app's ``ready()`` is followed too)."""

from django.db.models.signals import post_delete, post_save

from territory.models import Commune, HealthFacility
from vsa_portal import kinds
from vsa_portal.publication import changed_in_bulk


def _searchable_kind(sender):
    kind = kinds.for_model(sender)
    if kind and kind.public and kind.search_document:
        return kind
    return None


def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from search import index

    if sender in (Commune, HealthFacility):
        index.sync_territory(instance)
        return
    kind = _searchable_kind(sender)
    if kind:
        index.sync_item(kind, instance)


def item_deleted(sender, instance, **kwargs):
    from search import index

    if sender in (Commune, HealthFacility) or _searchable_kind(sender):
        index.remove(instance)


def items_changed_in_bulk(sender, pks, **kwargs):
    from search import index

    kind = _searchable_kind(sender)
    if kind:
        index.sync_items(kind, sender, pks)


def connect():
    post_save.connect(item_saved, dispatch_uid="search.item_saved")
    post_delete.connect(item_deleted, dispatch_uid="search.item_deleted")
    changed_in_bulk.connect(items_changed_in_bulk, dispatch_uid="search.items_changed_in_bulk")
