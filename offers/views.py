from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Favorite
from offers.emails import notify_offer_contact
from offers.filters import OfferFilter
from offers.forms import OfferContactForm
from offers.jsonld import job_posting
from offers.models import Offer
from territory.figures import territory_figures
from territory.maps import build_map, cpts_layer, facility_layers, kind_layer, zoning_layer
from territory.models import commune_unshown
from territory.views import territory_list_links
from vsa_portal import fragments, kinds
from vsa_portal.ratelimit import Limit
from vsa_portal.relayed_contact import relay_contact
from vsa_portal.search import filtered, paginate, querystring_without_page

PAGE_SIZE = 20
SIMILAR_RADIUS_KM = 30
# "Je suis intéressé·e" e-mails the poster and sends a copy to the address it is given:
# limits per client and per that address.
CONTACTS_PER_CLIENT = Limit("offers-contact-client", 5, 600)
CONTACTS_PER_EMAIL = Limit("offers-contact-email", 5, 3600)


@require_GET
def landing(request):
    # read only when the page's content is not kept ({% public_fragment %} in the template)
    return render(
        request,
        "offers/landing.html",
        {
            "figures": SimpleLazyObject(territory_figures),
            "latest_offers": SimpleLazyObject(
                lambda: list(
                    Offer.objects.available()
                    .select_related("commune", "profession")
                    .defer(*commune_unshown())
                    .order_by("-published_at", "-pk")[:4]
                )
            ),
            "map": SimpleLazyObject(
                lambda: build_map(
                    "carte-territoire",
                    _("La carte du territoire"),
                    [
                        offers_layer(),
                        *facility_layers(checked=("hopitaux",)),
                        cpts_layer(),
                        zoning_layer(),
                    ],
                    list_links=territory_list_links(),
                )
            ),
        },
    )


def offers_layer(querystring="", checked=True):
    return kind_layer(kinds.get("offres"), querystring, checked)


def search(request):
    """The filtered offers (a function: applied only when read) and everything the list and
    the map pages share."""
    queryset = (
        Offer.objects.available()
        .select_related("commune", "profession", "organisation")
        .defer(*commune_unshown())
    )
    filterset = OfferFilter(request.GET or None, queryset=queryset)
    return filterset, (lambda: filtered(filterset)), querystring_without_page(request)


@require_GET
def offer_list(request):
    filterset, results, querystring = search(request)
    page = paginate(request, results, PAGE_SIZE, filterset)
    return render(
        request,
        "offers/offer_list.html",
        {"filter": filterset, "page": page, "querystring": querystring},
    )


@require_GET
def offer_map(request):
    filterset, _results, querystring = search(request)
    list_url = request.path.replace("carte/", "") + (f"?{querystring}" if querystring else "")
    return render(
        request,
        "offers/offer_map.html",
        {
            "filter": filterset,
            "querystring": querystring,
            "list_url": list_url,
            "map": build_map(
                "carte-offres",
                _("Les offres sur la carte"),
                [offers_layer(querystring), *facility_layers(checked=()), zoning_layer()],
                list_links=[(_("ces offres en liste"), list_url)],
            ),
        },
    )


def published_offers():
    return (
        Offer.objects.published()
        .select_related("commune__epci", "profession", "organisation", "facility")
        .defer(*commune_unshown())
    )


def published_offer(pk):
    return get_object_or_404(published_offers(), pk=pk)


def published_offer_or_none(pk):
    return published_offers().filter(pk=pk).first()


def detail_context(request, offer, form):
    url = request.build_absolute_uri(offer.get_absolute_url())
    # the zoning and the similar offers are read only when the page's fragments of public
    # content are not kept (the template's {% public_fragment %}); each card shows its
    # commune's name, not its outline
    similar = SimpleLazyObject(
        lambda: list(
            Offer.objects.available()
            .exclude(pk=offer.pk)
            .filter(profession=offer.profession_id)
            .select_related("commune", "profession")
            .defer(*commune_unshown())
            .nearest(offer.point, SIMILAR_RADIUS_KM)[:4]
        )
    )
    return {
        "offer": offer,
        "zoning": SimpleLazyObject(offer.commune.current_zoning),
        "similar": similar,
        "similar_km": SIMILAR_RADIUS_KM,
        "form": form,
        "job_posting": job_posting(offer, url),
        "share_url": url,
        "share_mailto": "mailto:?" + urlencode({"subject": offer.title, "body": url}),
        "is_favorite": Favorite.objects.holds(request.user, offer),
    }


@require_GET
def offer_detail(request, pk, slug):
    # the offer and its related rows as its page shows them, read once per generation (5 ms
    # of the ORM's work on every rendering otherwise); a 404 is read again each time
    offer = fragments.kept_or_404("published-offer", pk, lambda: published_offer_or_none(pk))
    if slug != offer.url_slug:
        return redirect(offer, permanent=True)
    offer.count_view(request)
    return render(
        request, "offers/offer_detail.html", detail_context(request, offer, OfferContactForm())
    )


@require_POST
def offer_contact(request, pk):
    offer = published_offer(pk)

    def render_detail(form, status):
        return render(
            request, "offers/offer_detail.html", detail_context(request, offer, form), status=status
        )

    return relay_contact(
        request,
        offer,
        OfferContactForm(request.POST),
        limits=(CONTACTS_PER_CLIENT, CONTACTS_PER_EMAIL),
        render_detail=render_detail,
        notify=notify_offer_contact,
        refusal=_("Cette offre est pourvue : elle ne reçoit plus de candidatures.")
        if offer.is_filled
        else "",
    )
