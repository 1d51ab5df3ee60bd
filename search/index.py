"""What the site search indexes, and how: each registered public kind's published items through
``Kind.search_document(item) -> {"title", "text", "commune"}``, the communes and the health
facilities. Only ``kind.published()`` is ever indexed, so an unpublished item cannot be found."""

import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search.models import SearchDocument
from territory.filters import CommuneFilter, FacilityFilter
from territory.models import Commune, HealthFacility
from vsa_portal import kinds

COMMUNES = "communes"
FACILITIES = "etablissements"
BATCH = 500


def plain(value):
    """Lower case without accents: "Bollène" → "bollene" (the trigram side of the search)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Group:
    """One group of results: a registered kind, the communes or the facilities."""

    key: str
    label_plural: str
    list_url: str | None
    filterset_class: type | None

    @property
    def list_accepts_query(self):
        return bool(self.filterset_class and "q" in self.filterset_class.base_filters)

    def list_link(self, query, commune_slug=None):
        """The group's list, filtered by what the query says when the list can: its text
        (a list with ``q``), the commune it names (a list with a ``commune`` filter) and the
        choices of its ``kind`` filter it names ("collaboration Carpentras")."""
        from urllib.parse import urlencode

        if not self.list_url:
            return ""
        url = reverse(self.list_url)
        filters = self.filterset_class.base_filters if self.filterset_class else {}
        params = []
        if self.list_accepts_query:
            params.append(("q", query))
        else:
            if commune_slug and "commune" in filters:
                params.append(("commune", commune_slug))
            words = set(plain(query).split())
            choices = getattr(filters.get("kind"), "extra", {}).get("choices") or ()
            params += [("kind", value) for value, _label in choices if plain(value) in words]
        return f"{url}?{urlencode(params)}" if params else url


def searchable_kinds():
    return [kind for kind in kinds.public() if kind.search_document and kind.published]


def groups():
    """Every group, in the order the results page shows them."""
    territory = [
        Group(COMMUNES, _("communes"), "territory:commune_list", CommuneFilter),
        Group(FACILITIES, _("établissements de santé"), "territory:facility_list", FacilityFilter),
    ]
    return territory + [
        Group(
            kind.key,
            kind.label_plural,
            kind.list_url or None,
            kind.alert.filterset_class if kind.alert else None,
        )
        for kind in searchable_kinds()
    ]


def _document(group, content_type, item, fields, url):
    title = str(fields.get("title") or "")[:300]
    commune = str(fields.get("commune") or "")[:200]
    return SearchDocument(
        group=group,
        content_type=content_type,
        object_id=item.pk,
        title=title,
        commune=commune,
        text=str(fields.get("text") or ""),
        url=url,
        is_demo=bool(getattr(item, "is_demo", False)),
        plain=f"{plain(title)} {plain(commune)}".strip(),
    )


def commune_document(commune, content_type=None):
    content_type = content_type or ContentType.objects.get_for_model(Commune)
    text = " ".join(commune.postal_codes or [])
    fields = {"title": commune.name, "commune": commune.name, "text": text}
    return _document(COMMUNES, content_type, commune, fields, commune.get_absolute_url())


def facility_document(facility, content_type=None):
    content_type = content_type or ContentType.objects.get_for_model(HealthFacility)
    fields = {
        "title": facility.label,
        "commune": facility.commune.name,
        "text": " ".join(filter(None, [facility.category_label, facility.address])),
    }
    url = facility.commune.get_absolute_url()
    return _document(FACILITIES, content_type, facility, fields, url)


def item_document(kind, item, content_type=None):
    content_type = content_type or ContentType.objects.get_for_model(kind.model)
    return _document(
        kind.key, content_type, item, kind.search_document(item), item.get_absolute_url()
    )


def _documents():
    communes = Commune.objects.defer("boundary", "centroid", "town_hall_point").order_by("pk")
    content_type = ContentType.objects.get_for_model(Commune)
    for commune in communes.iterator(chunk_size=BATCH):
        yield commune_document(commune, content_type)
    facilities = HealthFacility.objects.select_related("commune").defer("commune__boundary")
    content_type = ContentType.objects.get_for_model(HealthFacility)
    for facility in facilities.order_by("pk").iterator(chunk_size=BATCH):
        yield facility_document(facility, content_type)
    for kind in searchable_kinds():
        content_type = ContentType.objects.get_for_model(kind.model)
        for item in kind.published().order_by("pk").iterator(chunk_size=BATCH):
            yield item_document(kind, item, content_type)


@transaction.atomic
def rebuild():
    """Replace the whole index with what is public now; returns the number of documents."""
    SearchDocument.objects.all().delete()
    batch, count = [], 0
    for document in _documents():
        batch.append(document)
        if len(batch) >= BATCH:
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    return count + len(batch)


def _store(document):
    SearchDocument.objects.update_or_create(
        content_type=document.content_type,
        object_id=document.object_id,
        defaults={
            name: getattr(document, name)
            for name in ("group", "title", "commune", "text", "url", "is_demo", "plain")
        },
    )


def remove(instance):
    content_type = ContentType.objects.get_for_model(instance)
    SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def sync_item(kind, instance):
    """Index the item if visitors may see it now, else take it out of the index."""
    item = kind.published().filter(pk=instance.pk).first()
    if item is None:
        remove(instance)
    else:
        _store(item_document(kind, item))


def sync_items(kind, model, pks):
    """``sync_item`` for rows changed together (an ``update()``), in three queries."""
    shown = list(kind.published().filter(pk__in=pks))
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id__in=pks).exclude(
        object_id__in=[item.pk for item in shown]
    ).delete()
    for item in shown:
        _store(item_document(kind, item))


def sync_territory(instance):
    if isinstance(instance, Commune):
        _store(commune_document(instance))
    else:
        _store(facility_document(instance))
