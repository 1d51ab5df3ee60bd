import hashlib
import json

from django.contrib.gis.db.models import Extent
from django.contrib.gis.db.models.functions import Distance, Envelope
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.functional import SimpleLazyObject
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from territory import layer_cache
from territory.family import family_places
from territory.figures import living_here_figures
from territory.filters import CommuneFilter, FacilityFilter
from territory.geo import BboxError, parse_bbox, parse_zoom
from territory.layers import REGISTRY
from territory.maps import build_map, cpts_layer, facility_layers, family_layers
from territory.models import (
    CPTS,
    Commune,
    HealthFacility,
    RailwayStation,
    TerritoryHighlight,
    commune_unshown,
)
from vsa_portal import fragments, kinds
from vsa_portal.search import filtered, paginate, querystring_without_page

NEARBY_KM = 15
NEARBY_ITEMS = 4
NEARBY_FACILITIES = 20
FACILITY_UNSHOWN = ("imported_values",)
PAGE_SIZE = 50
SUGGESTIONS = 10


@require_GET
def layer(request, name):
    if name not in REGISTRY:
        raise Http404(_("Cette couche n’existe pas."))
    key = layer_cache.cache_key(name, request)
    body = cache.get(key)
    if body is None:
        try:
            bbox = parse_bbox(request.GET.get("bbox"))
            zoom = parse_zoom(request.GET.get("zoom"))
            with layer_cache.tiles_for(name, request):
                collection = REGISTRY[name].build(request, bbox, zoom)
        except BboxError as error:
            return JsonResponse({"error": str(error)}, status=400)
        body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, layer_cache.LAYER_CACHE_SECONDS)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type="application/geo+json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={layer_cache.LAYER_CACHE_SECONDS}"
    return response


def filtered_list(request, filterset, template):
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": paginate(request, lambda: filtered(filterset), PAGE_SIZE, filterset),
            "querystring": querystring_without_page(request),
        },
    )


@require_GET
def facility_list(request):
    queryset = HealthFacility.objects.select_related("commune").order_by("display_name", "pk")
    return filtered_list(
        request,
        FacilityFilter(request.GET or None, queryset=queryset),
        "territory/facility_list.html",
    )


@require_GET
def facility_suggestions(request):
    """The facilities a search box suggests for what the visitor has typed (two letters at
    least), as "name — commune" (``FacilityByNameField`` finds them back)."""
    text = request.GET.get("q", "").strip()[:100]
    facilities = []
    if len(text) >= 2:
        facilities = (
            HealthFacility.objects.mapped()
            .matching(text)
            .select_related("commune")
            .only("name", "display_name", "commune__name")
            .order_by("display_name", "pk")[:SUGGESTIONS]
        )
    return JsonResponse({"results": [facility.label_with_commune for facility in facilities]})


@require_GET
def commune_list(request):
    queryset = (
        Commune.objects.select_related("epci")
        .with_current_zone()
        .prefetch_related(Prefetch("cpts", queryset=CPTS.objects.only("name")))
        .defer("boundary", "centroid", "town_hall_point")
        .order_by("name", "pk")
    )
    return filtered_list(
        request,
        CommuneFilter(request.GET or None, queryset=queryset),
        "territory/commune_list.html",
    )


def nearby_section(kind, commune):
    """A kind's items near the commune, nearest first, and the link to all of them."""
    query = kind.extra.get("nearby_query")
    list_link = ""
    if kind.list_url and query:
        list_link = f"{reverse(kind.list_url)}?{query.format(slug=commune.slug, km=NEARBY_KM)}"
    template = (
        _("Toutes les %(label)s proches") if kind.gender == "f" else _("Tous les %(label)s proches")
    )
    return {
        "kind": kind,
        "items": list(kind.near_commune(commune, NEARBY_KM)[:NEARBY_ITEMS]),
        "list_link": list_link,
        "list_label": template % {"label": kind.label_plural},
    }


def facilities_in_and_around(commune):
    """The commune's facilities and the nearest others, in one query; what the list shows of
    them and of their communes only (a commune's outline weighs more than the whole list)."""
    around = HealthFacility.objects.exclude(commune=commune).nearest_candidates(commune, NEARBY_KM)
    nearby_or_local = list(
        HealthFacility.objects.select_related("commune")
        .defer(*FACILITY_UNSHOWN, *commune_unshown())
        .filter(Q(commune=commune) | Q(pk__in=around))
        .annotate(distance=Distance("point", commune.reference_point))
        .order_by("distance", "pk")
    )
    local = sorted(
        (facility for facility in nearby_or_local if facility.commune_id == commune.pk),
        key=lambda facility: (facility.kind, facility.name),
    )
    nearby = [facility for facility in nearby_or_local if facility.commune_id != commune.pk]
    return local, nearby[:NEARBY_FACILITIES]


def commune_for_its_page(slug):
    """The commune as its page reads it, or None: its map's bounds without its outline
    (hundreds of kilobytes for Avignon), its districts and CPTS."""
    return (
        Commune.objects.select_related("epci", "frr")
        .annotate(outline_box=Envelope("boundary"))
        .defer("boundary", "imported_values")
        .prefetch_related(
            "priority_districts",
            Prefetch("cpts", queryset=CPTS.objects.defer("perimeter", "imported_values")),
        )
        .filter(slug=slug)
        .first()
    )


def commune_zoning(commune):
    """One plain query (six correlated subqueries took longer to write out than to run); its
    zone is what with_current_zone() would have annotated (the aids' summary reads it)."""
    zoning = commune.current_zoning()
    commune.current_zone = zoning.zone if zoning else None
    return zoning


def commune_map(commune):
    west, south, east, north = commune.outline_box.extent
    margin = 0.05
    return build_map(
        "carte-commune",
        _("Les établissements de santé, écoles et gares autour de %(commune)s")
        % {"commune": commune.name},
        [
            *facility_layers(checked=[layer["id"] for layer in facility_layers()]),
            *family_layers(),
        ],
        bounds=(west - margin, south - margin, east + margin, north + margin),
        list_links=[
            (_("établissements de la commune et des environs"), "#etablissements"),
            (_("écoles, collèges, lycées et gares"), "#famille"),
        ],
    )


@require_GET
def commune_detail(request, slug):
    # The row is kept per generation of the page cache, and the page's content is rendered
    # once per generation ({% public_fragment %} in the template): what follows is read only
    # when the template asks for it.
    commune = fragments.kept_or_404("commune-page-row", slug, lambda: commune_for_its_page(slug))
    zoning = SimpleLazyObject(lambda: commune_zoning(commune))
    around = SimpleLazyObject(lambda: facilities_in_and_around(commune))

    def summaries():
        bool(zoning)  # the aids' summary reads the commune's current zone
        return [kind.commune_summary(commune) for kind in kinds.public() if kind.commune_summary]

    return render(
        request,
        "territory/commune_detail.html",
        {
            "commune": commune,
            "zoning": zoning,
            "zoning_ended": SimpleLazyObject(lambda: bool(zoning and zoning.is_ended())),
            "priority_districts": SimpleLazyObject(
                lambda: sorted(
                    commune.priority_districts.all(),
                    key=lambda district: (district.name, district.pk),
                )
            ),
            "frr": SimpleLazyObject(lambda: commune.frr_or_none),
            "summaries": SimpleLazyObject(summaries),
            "cpts_list": SimpleLazyObject(lambda: list(commune.cpts.all())),
            "facilities": SimpleLazyObject(lambda: around[0]),
            "nearby": SimpleLazyObject(lambda: around[1]),
            "nearby_km": NEARBY_KM,
            "nearby_sections": SimpleLazyObject(
                lambda: [
                    nearby_section(kind, commune) for kind in kinds.public() if kind.near_commune
                ]
            ),
            "family": SimpleLazyObject(lambda: family_places(commune)),
            "map": SimpleLazyObject(lambda: commune_map(commune)),
        },
    )


@require_GET
def cpts_list(request):
    cpts_list = list(
        CPTS.objects.with_population()
        .prefetch_related(
            Prefetch("communes", queryset=Commune.objects.only("name", "slug").order_by("name"))
        )
        .defer("perimeter")
        .order_by("name", "pk")
    )
    west, south, east, north = Commune.objects.aggregate(extent=Extent("boundary"))["extent"] or (
        0,
        0,
        0,
        0,
    )
    return render(
        request,
        "territory/cpts_list.html",
        {
            "cpts_list": cpts_list,
            "covered": Commune.objects.filter(cpts__isnull=False).distinct().count(),
            "commune_count": Commune.objects.count(),
            "map": build_map(
                "carte-cpts",
                _("Le périmètre des CPTS"),
                [cpts_layer(checked=True)],
                bounds=(west, south, east, north),
                list_links=[(_("liste des CPTS et de leurs communes"), "#liste-cpts")],
            ),
        },
    )


def territory_list_links():
    return [
        (_("liste des établissements de santé"), reverse("territory:facility_list")),
        (
            _("liste des communes, de leur zonage et de leur CPTS"),
            reverse("territory:commune_list"),
        ),
        (_("liste des CPTS et de leurs communes"), reverse("territory:cpts_list")),
    ]


@require_GET
def living_here(request):
    """The territory's advantages: figures computed from the data, the position (the station
    of national interest), the highlights the project lead edits, the registry's sections."""
    return render(
        request,
        "territory/living_here.html",
        {
            "figures": living_here_figures(),
            "national_stations": list(
                RailwayStation.objects.national().select_related("commune").order_by("name")
            ),
            "highlights": list(TerritoryHighlight.objects.filter(is_published=True)),
            "sections": kinds.living_sections(),
        },
    )
