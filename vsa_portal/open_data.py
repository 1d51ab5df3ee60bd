"""Open data: every public list is a dataset, downloadable as CSV or JSON for the list's current
filters (streamed), described by a Table Schema, listed on the "Données ouvertes" page and in a
DCAT-like catalogue. Licence Ouverte 2.0 (Etalab).

The datasets are every public kind that declares ``export_fields`` (its rows are its list's: the
kind's alert FilterSet, or ``extra["list_filterset"]`` for a kind without alerts), plus the
datasets registered here with ``register``: the health facilities (territory) and what a rubric
adds from its ``AppConfig.ready()`` (the collective's observatory)."""

import csv
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from vsa_portal import kinds
from vsa_portal.kinds import ExportField
from vsa_portal.search import filtered

LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "etalab-2.0",
}
# The files are made from the database when they are asked for.
FREQUENCY = "continue"
FREQUENCY_LABEL = "En continu : chaque téléchargement reflète les contenus publiés à cet instant."
CHUNK = 500


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """One downloadable list. ``filterset`` builds the list's FilterSet from the query
    parameters (its ``qs`` is what the page shows); a list without filters gives ``rows``."""

    key: str
    title: str
    fields: tuple  # of ExportField
    page_url: str = ""  # URL name of the page that shows the same rows
    filterset: object = None  # (params) -> FilterSet, or None
    rows: object = None  # (params) -> an iterable of items, for a list without FilterSet
    # () -> the queryset an item is looked up in by id (the API's detail), or None
    lookup: object = None
    frequency: str = FREQUENCY_LABEL
    description: str = ""
    # ((name, description),) the query parameters a list without FilterSet reads (its sort…)
    parameters: tuple = ()

    @property
    def filterset_class(self):
        return type(self.filterset({})) if self.filterset else None

    def search(self, params):
        """(the bound FilterSet or None, what the page shows for these filters)."""
        if self.filterset:
            filterset = self.filterset(params)
            return filterset, filtered(filterset)
        return None, self.rows(params)


def id_field():
    return ExportField(
        name="id", title="Identifiant", type="integer", value=lambda item, r: item.pk
    )


def url_field(title):
    """The item's page, as an absolute address."""
    return ExportField(
        name="url", title=title, value=lambda item, r: r.build_absolute_uri(item.get_absolute_url())
    )


def commune_fields():
    """The item's commune: its name and its INSEE code."""
    return (
        ExportField(name="commune", title="Commune", value=lambda item, r: item.commune.name),
        ExportField(
            name="commune_insee",
            title="Code INSEE de la commune",
            value=lambda item, r: item.commune.insee_code,
        ),
    )


def demo_field(description):
    return ExportField(
        name="demo",
        title="Contenu de démonstration",
        type="boolean",
        value=lambda item, r: item.is_demo,
        description=description,
    )


_DATASETS: dict[str, Dataset] = {}


def register(dataset):
    _DATASETS[dataset.key] = dataset
    return dataset


def kind_dataset(kind):
    build = kind.extra.get("list_filterset")
    if build is None and kind.alert:

        def build(params):
            return kind.alert.filterset_class(params or None, queryset=kind.alert.queryset())

    return Dataset(
        key=kind.key,
        title=str(kind.label_plural).capitalize(),
        fields=kind.export_fields,
        page_url=kind.list_url or "",
        filterset=build,
        rows=None if build else (lambda params: kind.published().order_by("pk")),
        lookup=kind.published,
    )


def all_datasets():
    return [kind_dataset(kind) for kind in kinds.with_exports()] + list(_DATASETS.values())


def get_dataset(key):
    kind = kinds.get(key)
    if kind is not None and kind.public and kind.export_fields:
        return kind_dataset(kind)
    if key in _DATASETS:
        return _DATASETS[key]
    raise Http404("Aucun jeu de données de ce nom.")


def rows(dataset, params):
    """What the dataset's page shows for these filters, in the same order, or nothing when a
    filter is invalid (as the page then shows nothing either)."""
    return dataset.search(params)[1]


def record(dataset, item, request):
    return {field.name: field.value(item, request) for field in dataset.fields}


def _iterate(items):
    return items.iterator(chunk_size=CHUNK) if hasattr(items, "iterator") else iter(items)


class _Echo:
    def write(self, value):
        return value


def _csv_lines(dataset, items, request):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that a spreadsheet opens the UTF-8 file with its accents
    yield writer.writerow([field.name for field in dataset.fields])
    for item in _iterate(items):
        values = record(dataset, item, request).values()
        yield writer.writerow(["" if value is None else value for value in values])


def _json_chunks(dataset, items, request):
    yield "["
    for position, item in enumerate(_iterate(items)):
        yield ("," if position else "") + json.dumps(
            record(dataset, item, request), ensure_ascii=False
        )
    yield "]"


def _filename(dataset, extension):
    return f"{dataset.key}-{timezone.localdate().isoformat()}.{extension}"


@require_GET
def export_csv(request, key):
    dataset = get_dataset(key)
    response = StreamingHttpResponse(
        _csv_lines(dataset, rows(dataset, request.GET), request),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, "csv")}"'
    return response


@require_GET
def export_json(request, key):
    dataset = get_dataset(key)
    response = StreamingHttpResponse(
        _json_chunks(dataset, rows(dataset, request.GET), request),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, "json")}"'
    return response


FEED_ITEMS = 30


class DatasetFeed(Feed):
    """The Atom feed of a kind's list for the list's filters (?kind=collaboration&near=…): the
    newest published items first."""

    feed_type = Atom1Feed

    def get_object(self, request, key):
        kind = kinds.get(key)
        dataset = get_dataset(key)
        if kind is None or not hasattr(kind.model, "published_at"):
            raise Http404("Ce jeu de données n’a pas de flux.")
        return kind, dataset, request.GET.copy()

    def title(self, obj):
        kind, _dataset, _params = obj
        return f"{str(kind.label_plural).capitalize()} — {settings.PORTAL['NAME']}"

    def link(self, obj):
        kind, _dataset, params = obj
        url = reverse(kind.list_url) if kind.list_url else reverse("open_data:index")
        return f"{url}?{params.urlencode()}" if params else url

    def subtitle(self, obj):
        return "Les derniers contenus publiés, pour les filtres de l’adresse du flux."

    def items(self, obj):
        _kind, dataset, params = obj
        return rows(dataset, params).order_by("-published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item} (démo)" if getattr(item, "is_demo", False) else str(item)

    def item_description(self, item):
        document = kinds.for_model(item).search_document(item)
        # Atom's summary is HTML: the poster's text is escaped, never run.
        return linebreaksbr(document.get("text", ""), autoescape=True)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return getattr(item, "updated_at", None) or item.published_at


feed = DatasetFeed()


def table_schema(dataset):
    """The dataset's Table Schema (https://specs.frictionlessdata.io/table-schema/)."""
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": dataset.key,
        "title": dataset.title,
        "licenses": [{"name": LICENCE["spdx"], "title": LICENCE["name"], "path": LICENCE["url"]}],
        "fields": [
            {
                "name": field.name,
                "title": field.title,
                "type": field.type,
                **({"description": field.description} if field.description else {}),
            }
            for field in dataset.fields
        ],
        "primaryKey": dataset.fields[0].name,
        "missingValues": [""],
    }


@require_GET
def schema(request, key):
    return JsonResponse(table_schema(get_dataset(key)), json_dumps_params={"ensure_ascii": False})


def datasets(request):
    build = request.build_absolute_uri
    return [
        {
            "dataset": dataset,
            "key": dataset.key,
            "title": dataset.title,
            "description": dataset.description,
            "frequency": dataset.frequency,
            "csv": build(reverse("open_data:csv", args=[dataset.key])),
            "json": build(reverse("open_data:json", args=[dataset.key])),
            "schema": build(reverse("open_data:schema", args=[dataset.key])),
            "api": build(reverse(f"api:list_{dataset.key.replace('-', '_')}")),
            "page": build(reverse(dataset.page_url)) if dataset.page_url else "",
        }
        for dataset in all_datasets()
    ]


@require_GET
def catalogue(request):
    """A DCAT catalogue in JSON-LD: one dataset per list, one distribution per format."""
    portal = settings.PORTAL["NAME"]
    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "@id": request.build_absolute_uri(reverse("open_data:catalogue")),
        "dct:title": f"Données ouvertes du portail {portal}",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": portal},
        "dct:license": LICENCE["url"],
        "dcat:dataset": [
            {
                "@type": "dcat:Dataset",
                "@id": dataset["csv"].rsplit(".", 1)[0],
                "dct:identifier": dataset["key"],
                "dct:title": dataset["title"],
                "dct:license": LICENCE["url"],
                "dct:accrualPeriodicity": FREQUENCY,
                "dct:description": dataset["description"],
                "dct:conformsTo": dataset["schema"],
                "dcat:landingPage": dataset["page"],
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": dataset[fmt],
                        "dcat:mediaType": media_type,
                        "dct:license": LICENCE["url"],
                    }
                    for fmt, media_type in (
                        ("csv", "text/csv"),
                        ("json", "application/json"),
                        ("api", "application/json"),
                    )
                ],
            }
            for dataset in datasets(request)
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def index(request):
    return render(
        request,
        "open_data/index.html",
        {"datasets": datasets(request), "licence": LICENCE, "frequency": FREQUENCY_LABEL},
    )


def _facilities(params):
    from territory.filters import FacilityFilter
    from territory.models import HealthFacility

    queryset = HealthFacility.objects.select_related("commune").order_by("display_name", "pk")
    return FacilityFilter(params or None, queryset=queryset)


def _coordinate(facility, axis):
    return None if facility.point is None else round(getattr(facility.point, axis), 6)


register(
    Dataset(
        key="etablissements",
        title="Établissements de santé",
        description="Les hôpitaux, centres et maisons de santé du territoire, d’après le FINESS.",
        page_url="territory:facility_list",
        filterset=_facilities,
        frequency="À chaque import du répertoire FINESS par la cheffe de projet.",
        fields=(
            id_field(),
            ExportField(
                name="finess",
                title="Numéro FINESS de l’établissement",
                value=lambda f, r: f.finess_et,
            ),
            ExportField(name="nom", title="Nom", value=lambda f, r: f.label),
            ExportField(name="type", title="Type", value=lambda f, r: f.get_kind_display()),
            ExportField(
                name="categorie", title="Catégorie FINESS", value=lambda f, r: f.category_label
            ),
            ExportField(name="secteur", title="Secteur", value=lambda f, r: f.get_sector_display()),
            ExportField(name="adresse", title="Adresse", value=lambda f, r: f.address),
            ExportField(name="code_postal", title="Code postal", value=lambda f, r: f.postal_code),
            *commune_fields(),
            ExportField(
                name="latitude",
                title="Latitude",
                type="number",
                value=lambda f, r: _coordinate(f, "y"),
            ),
            ExportField(
                name="longitude",
                title="Longitude",
                type="number",
                value=lambda f, r: _coordinate(f, "x"),
            ),
            ExportField(name="site_web", title="Site web", value=lambda f, r: f.website),
            demo_field("Vrai pour un établissement fictif, généré pour la démonstration."),
        ),
    )
)
