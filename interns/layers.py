from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interns.filters import InternshipSiteFilter
from interns.models import InternshipSite
from territory.geo import BboxError, point_layer
from territory.layers import register


def describe_site(site):
    properties = {
        "name": site.name,
        "label": str(site.get_specialty_display()),
        "commune": site.commune.name,
        "url": site.get_absolute_url(),
        "link": _("Voir le terrain de stage"),
    }
    if site.is_demo:
        properties["demo"] = True
    return properties


@register("terrains-de-stage", gettext_lazy("Terrains de stage"), "points")
def sites_layer(request, bbox, zoom):
    queryset = (
        InternshipSite.objects.published()
        .select_related("commune")
        .only("name", "specialty", "point", "is_demo", "commune__name", "commune__slug")
    )
    filterset = InternshipSiteFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        errors = "; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
        raise BboxError(_("Filtres invalides — %(errors)s") % {"errors": errors})
    return point_layer(filterset.qs, bbox, describe_site)
