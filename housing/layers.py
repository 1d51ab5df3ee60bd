from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.filters import HousingFilter
from housing.models import Housing
from territory.geo import BboxError, point_layer
from territory.layers import register


def describe_housing(housing):
    properties = {
        "name": housing.title,
        "label": f"{housing.get_housing_type_display()} · {housing.rent + housing.charges} €",
        "commune": housing.commune.name,
        "url": housing.get_absolute_url(),
        "link": _("Voir le logement"),
    }
    if housing.place_precision != "exact":
        properties["approximate"] = True
    if housing.is_demo:
        properties["demo"] = True
    return properties


@register("logements", gettext_lazy("Logements"), "points")
def housing_layer(request, bbox, zoom):
    """The same search as the housing list, as points (clustered by PostGIS when many)."""
    queryset = (
        Housing.objects.available()
        .select_related("commune")
        .only(
            "title",
            "housing_type",
            "rent",
            "charges",
            "point",
            "place_precision",
            "is_demo",
            "commune__name",
            "commune__slug",
        )
    )
    filterset = HousingFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        errors = "; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
        raise BboxError(_("Filtres invalides — %(errors)s") % {"errors": errors})
    return point_layer(filterset.qs, bbox, describe_housing)
