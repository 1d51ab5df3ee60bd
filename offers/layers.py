from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from offers.filters import OfferFilter
from offers.models import Offer
from territory.geo import BboxError, point_layer
from territory.layers import register


def describe_offer(offer):
    properties = {
        "name": offer.title,
        "label": str(offer.get_kind_display()),
        "commune": offer.commune.name,
        "url": offer.get_absolute_url(),
        "link": _("Voir l’offre"),
    }
    if offer.is_demo:
        properties["demo"] = True
    return properties


@register("offres", gettext_lazy("Offres d’exercice"), "points")
def offers_layer(request, bbox, zoom):
    """The same search as the offer list, as points; the poster is never part of it."""
    queryset = (
        Offer.objects.available()
        .select_related("commune")
        .only("title", "kind", "point", "is_demo", "commune__name", "commune__slug")
    )
    filterset = OfferFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        errors = "; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
        raise BboxError(_("Filtres invalides — %(errors)s") % {"errors": errors})
    return point_layer(filterset.qs, bbox, describe_offer)
