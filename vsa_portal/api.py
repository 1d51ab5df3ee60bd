"""The read-only JSON API, version 1: every open dataset (each public kind that declares
``export_fields``, the health facilities, the observatory), listed page by page and filtered
with the same parameters as its public list, one item by its id, an OpenAPI 3.1 description
built from the registry and a documentation page.

django-ninja rather than Django REST framework: the API only reads, its operations are built
from the registry at start-up (one per dataset, with the list's filters as parameters), and
django-ninja writes the OpenAPI 3.1 document from them without serializers that would repeat
the open data's columns (``export_fields``), which stay the one description of each row."""

from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from ninja import NinjaAPI

from vsa_portal import ratelimit
from vsa_portal.open_data import LICENCE, all_datasets, record

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


@rate_limited
def item_list(request, dataset):
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


@rate_limited
def item_detail(request, dataset, pk):
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


def _row_schema(dataset):
    return {
        "type": "object",
        "properties": {
            field.name: {**TYPES[field.type], "title": field.title} for field in dataset.fields
        },
    }


ERROR_RESPONSE = {
    "description": "Une erreur, expliquée en français.",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"erreur": {"type": "string"}}}
        }
    },
}


def _list_operation(dataset):
    title = dataset.title
    page = {
        "name": "page",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1},
    }
    page_schema = {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": {"type": ["string", "null"]},
            "previous": {"type": ["string", "null"]},
            "licence": {"type": "string"},
            "results": {"type": "array", "items": _row_schema(dataset)},
        },
    }
    return {
        "parameters": [page, *_filter_parameters(dataset)],
        "responses": {
            "200": {
                "description": f"{title} : une page de {PAGE_SIZE} lignes au plus.",
                "content": {"application/json": {"schema": page_schema}},
            },
            "400": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
        },
    }


def _detail_operation(dataset):
    return {
        "responses": {
            "200": {
                "description": f"{dataset.title} : une ligne",
                "content": {"application/json": {"schema": _row_schema(dataset)}},
            },
            "404": ERROR_RESPONSE,
        }
    }


def build_api():
    """One list operation per dataset (and one detail where rows have an id), from the registry."""
    api = NinjaAPI(
        title="API du portail (lecture seule)",
        version="1",
        urls_namespace="api",
        docs_url=None,  # the documentation page is ours, served by the portal (no CDN)
        openapi_extra={
            "info": {"license": {"name": LICENCE["name"], "identifier": LICENCE["spdx"]}}
        },
    )

    @api.get("/", include_in_schema=False, url_name="documentation")
    def documentation(request):
        return documentation_page(request, api)

    for dataset in all_datasets():
        name = dataset.key.replace("-", "_")
        api.get(
            f"/{dataset.key}/",
            operation_id=f"list_{name}",
            summary=dataset.title,
            url_name=f"list_{name}",
            openapi_extra=_list_operation(dataset),
        )(list_view(dataset))
        if dataset.lookup:
            api.get(
                f"/{dataset.key}/{{id}}/",
                operation_id=f"get_{name}",
                summary=f"{dataset.title} : une ligne par son identifiant",
                url_name=f"detail_{name}",
                openapi_extra=_detail_operation(dataset),
            )(detail_view(dataset))
    return api


def list_view(dataset):
    def view(request):
        return item_list(request, dataset)

    return view


def detail_view(dataset):
    def view(request, id: int):  # noqa: A002 - the parameter's public name in the API
        return item_detail(request, dataset, id)

    return view


def documentation_page(request, api):
    """The API's page for people: what it serves, how to page and filter, the limits."""
    document = api.get_openapi_schema()
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
