"""The read-only JSON API, version 1: every open dataset (each public kind that declares
``export_fields``, the health facilities, the observatory), listed page by page and filtered
with the same parameters as its public list, one item by its id, an OpenAPI 3.1 description
built from the registry and a documentation page.

Plain Django views: the project adds no dependency for this (Django REST framework and
django-ninja are not in the locked environment); the API only reads and its shape is the open
data's columns."""

from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vsa_portal import ratelimit
from vsa_portal.open_data import LICENCE, all_datasets, get_dataset, record

PAGE_SIZE = 50
# Per client address; lifted when Redis is away, as every limit of the portal.
RATE_LIMIT = ratelimit.Limit(scope="api", count=120, seconds=60)
TYPES = {
    "string": {"type": ["string", "null"]},
    "integer": {"type": ["integer", "null"]},
    "number": {"type": ["number", "null"]},
    "boolean": {"type": ["boolean", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "datetime": {"type": ["string", "null"], "format": "date-time"},
}


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, status):
    return _json({"erreur": message}, status=status)


def rate_limited(view):
    @wraps(view)
    def limited(request, *args, **kwargs):
        if not ratelimit.hit(RATE_LIMIT, ratelimit.client_address(request)):
            response = _error("Trop de requêtes : réessayez dans une minute.", 429)
            response["Retry-After"] = str(RATE_LIMIT.seconds)
            return response
        return view(request, *args, **kwargs)

    return limited


@require_GET
@rate_limited
def item_list(request, key):
    dataset = get_dataset(key)
    params = request.GET.copy()
    page_number = params.pop("page", ["1"])[-1]
    filterset, items = dataset.search(params)
    if filterset is not None and filterset.is_bound and not filterset.is_valid():
        errors = {name: [str(e) for e in messages] for name, messages in filterset.errors.items()}
        return _json({"erreur": "Filtres invalides.", "details": errors}, status=400)
    paginator = Paginator(items, PAGE_SIZE)
    try:
        page = paginator.page(page_number)
    except (PageNotAnInteger, EmptyPage):
        return _error("Cette page n’existe pas.", 404)

    def link(number):
        query = params.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "licence": LICENCE["url"],
            "results": [record(dataset, item, request) for item in page.object_list],
        }
    )


@require_GET
@rate_limited
def item_detail(request, key, pk):
    dataset = get_dataset(key)
    item = dataset.lookup().filter(pk=pk).first() if dataset.lookup else None
    if item is None:
        return _error("Aucun élément public ne porte cet identifiant.", 404)
    return _json(record(dataset, item, request))


def _filter_parameters(dataset):
    filterset_class = dataset.filterset_class
    if filterset_class is None:
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": {"type": "string"},
            }
            for name, description in dataset.parameters
        ]
    parameters = []
    for name, declared in filterset_class.base_filters.items():
        multiple = "Multiple" in type(declared).__name__
        schema = {"type": "string"}
        if multiple:
            schema = {"type": "array", "items": {"type": "string"}}
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(declared.label or name),
                "schema": schema,
                **({"style": "form", "explode": True} if multiple else {}),
            }
        )
    return parameters


def openapi_document(request):
    paths, schemas = {}, {}
    for dataset in all_datasets():
        name = dataset.key.replace("-", "_")
        schemas[name] = {
            "type": "object",
            "properties": {
                field.name: {**TYPES[field.type], "title": field.title} for field in dataset.fields
            },
        }
        item = {"$ref": f"#/components/schemas/{name}"}
        title = dataset.title
        paths[f"/api/v1/{dataset.key}/"] = {
            "get": {
                "operationId": f"list_{name}",
                "summary": title,
                "parameters": [
                    {
                        "name": "page",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    *_filter_parameters(dataset),
                ],
                "responses": {
                    "200": {
                        "description": f"{title} : une page de {PAGE_SIZE} lignes au plus.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "count": {"type": "integer"},
                                        "page": {"type": "integer"},
                                        "pages": {"type": "integer"},
                                        "next": {"type": ["string", "null"]},
                                        "previous": {"type": ["string", "null"]},
                                        "licence": {"type": "string"},
                                        "results": {"type": "array", "items": item},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"$ref": "#/components/responses/error"},
                    "404": {"$ref": "#/components/responses/error"},
                },
            }
        }
        if not dataset.lookup:
            continue
        paths[f"/api/v1/{dataset.key}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"{title} : une ligne par son identifiant",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {
                    "200": {
                        "description": f"{title} : une ligne",
                        "content": {"application/json": {"schema": item}},
                    },
                    "404": {"$ref": "#/components/responses/error"},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API du portail (lecture seule)",
            "version": "1",
            "license": {"name": LICENCE["name"], "identifier": LICENCE["spdx"]},
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": {
                "error": {
                    "description": "Une erreur, expliquée en français.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"erreur": {"type": "string"}},
                            }
                        }
                    },
                }
            },
        },
    }


@require_GET
def openapi(request):
    return _json(openapi_document(request))


@require_GET
def documentation(request):
    """The API's page for people: what it serves, how to page and filter, the limits."""
    document = openapi_document(request)
    endpoints = [
        {
            "path": path,
            "summary": operation["get"]["summary"],
            "parameters": [p for p in operation["get"]["parameters"] if p["in"] == "query"],
        }
        for path, operation in document["paths"].items()
    ]
    return render(
        request,
        "open_data/api.html",
        {
            "endpoints": endpoints,
            "page_size": PAGE_SIZE,
            "rate_limit": RATE_LIMIT,
            "licence": LICENCE,
        },
    )
