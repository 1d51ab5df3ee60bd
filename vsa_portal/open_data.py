"""Open data: every public kind that declares ``export_fields`` is a dataset, downloadable as
CSV or JSON for the list's current filters (streamed), described by a Table Schema, listed on the
"Données ouvertes" page and in a DCAT-like catalogue. Licence Ouverte 2.0 (Etalab)."""

import csv
import json

from django.conf import settings
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from vsa_portal import kinds
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


def dataset_kind(key):
    kind = kinds.get(key)
    if kind is None or not kind.public or not kind.export_fields:
        raise Http404("Aucun jeu de données de ce nom.")
    return kind


def rows(kind, params):
    """What the kind's public list shows for these filters, in the same order, or nothing
    when a filter is invalid (as the list then shows nothing either)."""
    queryset = kind.alert.queryset() if kind.alert else kind.published()
    if kind.alert:
        return filtered(kind.alert.filterset_class(params or None, queryset=queryset))
    return queryset.order_by("pk")


def record(kind, item, request):
    return {field.name: field.value(item, request) for field in kind.export_fields}


class _Echo:
    def write(self, value):
        return value


def _csv_lines(kind, queryset, request):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that a spreadsheet opens the UTF-8 file with its accents
    yield writer.writerow([field.name for field in kind.export_fields])
    for item in queryset.iterator(chunk_size=CHUNK):
        values = record(kind, item, request).values()
        yield writer.writerow(["" if value is None else value for value in values])


def _json_chunks(kind, queryset, request):
    yield "["
    for position, item in enumerate(queryset.iterator(chunk_size=CHUNK)):
        yield ("," if position else "") + json.dumps(
            record(kind, item, request), ensure_ascii=False
        )
    yield "]"


def _filename(kind, extension):
    return f"{kind.key}-{timezone.localdate().isoformat()}.{extension}"


@require_GET
def export_csv(request, key):
    kind = dataset_kind(key)
    response = StreamingHttpResponse(
        _csv_lines(kind, rows(kind, request.GET), request), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(kind, "csv")}"'
    return response


@require_GET
def export_json(request, key):
    kind = dataset_kind(key)
    response = StreamingHttpResponse(
        _json_chunks(kind, rows(kind, request.GET), request),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(kind, "json")}"'
    return response


def table_schema(kind):
    """The dataset's Table Schema (https://specs.frictionlessdata.io/table-schema/)."""
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": kind.key,
        "title": str(kind.label_plural).capitalize(),
        "licenses": [{"name": LICENCE["spdx"], "title": LICENCE["name"], "path": LICENCE["url"]}],
        "fields": [
            {
                "name": field.name,
                "title": field.title,
                "type": field.type,
                **({"description": field.description} if field.description else {}),
            }
            for field in kind.export_fields
        ],
        "primaryKey": "id",
        "missingValues": [""],
    }


@require_GET
def schema(request, key):
    return JsonResponse(table_schema(dataset_kind(key)), json_dumps_params={"ensure_ascii": False})


def datasets(request):
    build = request.build_absolute_uri
    return [
        {
            "kind": kind,
            "title": str(kind.label_plural).capitalize(),
            "csv": build(reverse("open_data:csv", args=[kind.key])),
            "json": build(reverse("open_data:json", args=[kind.key])),
            "schema": build(reverse("open_data:schema", args=[kind.key])),
            "api": build(reverse("api:list", args=[kind.key])),
            "page": build(reverse(kind.list_url)) if kind.list_url else "",
        }
        for kind in kinds.with_exports()
    ]


@require_GET
def catalogue(request):
    """A DCAT catalogue in JSON-LD: one dataset per kind, one distribution per format."""
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
                "dct:identifier": dataset["kind"].key,
                "dct:title": dataset["title"],
                "dct:license": LICENCE["url"],
                "dct:accrualPeriodicity": FREQUENCY,
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
