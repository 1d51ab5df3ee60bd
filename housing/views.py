from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Favorite
from housing.emails import notify_housing_contact
from housing.filters import HousingFilter
from housing.forms import HousingContactForm
from housing.models import Housing, HousingPhoto
from organisations.access import partner_organisations
from territory.maps import build_map, facility_layers, kind_layer
from territory.models import commune_unshown
from vsa_portal import kinds
from vsa_portal.publication import PublicationStatus
from vsa_portal.ratelimit import Limit
from vsa_portal.relayed_contact import relay_contact
from vsa_portal.search import filtered, paginate, querystring_without_page

PAGE_SIZE = 20
SITES_RADIUS_KM = 10
# The contact form e-mails the poster and sends a copy to the address it is given.
CONTACTS_PER_CLIENT = Limit("housing-contact-client", 5, 600)
CONTACTS_PER_EMAIL = Limit("housing-contact-email", 5, 3600)


def first_photos():
    return Prefetch("photos", queryset=HousingPhoto.objects.order_by("position", "pk"))


def search(request):
    """The filtered housing (a function: applied only when read) and everything the list and
    the map pages share."""
    queryset = Housing.objects.available().select_related("commune").defer(*commune_unshown())
    filterset = HousingFilter(request.GET or None, queryset=queryset)
    return filterset, (lambda: filtered(filterset)), querystring_without_page(request)


@require_GET
def housing_list(request):
    filterset, results, querystring = search(request)
    page = paginate(
        request, lambda: results().prefetch_related(first_photos()), PAGE_SIZE, filterset
    )
    return render(
        request,
        "housing/housing_list.html",
        {"filter": filterset, "page": page, "querystring": querystring},
    )


@require_GET
def housing_map(request):
    filterset, _results, querystring = search(request)
    list_url = request.path.replace("carte/", "") + (f"?{querystring}" if querystring else "")
    return render(
        request,
        "housing/housing_map.html",
        {
            "filter": filterset,
            "querystring": querystring,
            "list_url": list_url,
            "map": build_map(
                "carte-logements",
                _("Les logements sur la carte"),
                [
                    kind_layer(kinds.get("logements"), querystring),
                    *facility_layers(checked=("hopitaux",)),
                ],
                list_links=[(_("ces logements en liste"), list_url)],
            ),
        },
    )


def published_housing(pk):
    return get_object_or_404(
        Housing.objects.published()
        .select_related("commune__epci", "organisation")
        .prefetch_related(first_photos()),
        pk=pk,
    )


def detail_context(request, housing, form):
    return {
        "housing": housing,
        "photos": list(housing.photos.all()),
        "form": form,
        "is_favorite": Favorite.objects.holds(request.user, housing),
        # the internship sites around it, through their registration (never an import)
        "sites": kinds.nearby("terrains-de-stage", housing.point, SITES_RADIUS_KM),
    }


@require_GET
def housing_detail(request, pk, slug):
    housing = published_housing(pk)
    if slug != housing.url_slug:
        return redirect(housing, permanent=True)
    housing.count_view(request)
    return render(
        request,
        "housing/housing_detail.html",
        detail_context(request, housing, HousingContactForm()),
    )


@require_POST
def housing_contact(request, pk):
    housing = published_housing(pk)

    def render_detail(form, status):
        context = detail_context(request, housing, form)
        return render(request, "housing/housing_detail.html", context, status=status)

    return relay_contact(
        request,
        housing,
        HousingContactForm(request.POST),
        limits=(CONTACTS_PER_CLIENT, CONTACTS_PER_EMAIL),
        render_detail=render_detail,
        notify=notify_housing_contact,
    )


@require_GET
def photo(request, pk):
    """A photo, served by the portal: anyone sees those of published housing, the poster's
    organisation (and staff) those of a draft; nobody else learns that it exists."""
    found = get_object_or_404(HousingPhoto.objects.select_related("housing"), pk=pk)
    housing = found.housing
    allowed = housing.is_public or request.user.is_staff
    if not allowed and request.user.is_authenticated and housing.organisation_id:
        allowed = partner_organisations(request.user).filter(pk=housing.organisation_id).exists()
    if not allowed:
        raise Http404
    try:
        with found.image.open("rb") as handle:
            content = handle.read()  # re-encoded photos are small (1,600 pixels at most)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type=content_type(found.image.name))
    response["Cache-Control"] = (
        "public, max-age=86400" if housing.status == PublicationStatus.PUBLISHED else "private"
    )
    return response


def content_type(name):
    return "image/png" if name.lower().endswith(".png") else "image/jpeg"
