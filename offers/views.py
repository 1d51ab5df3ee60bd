from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from territory.figures import territory_figures
from territory.maps import build_map, cpts_layer, facility_layers, zoning_layer
from territory.views import territory_list_links


@require_GET
def landing(request):
    return render(
        request,
        "offers/landing.html",
        {
            "figures": territory_figures(),
            "map": build_map(
                "carte-territoire",
                _("La carte du territoire"),
                [*facility_layers(), cpts_layer(), zoning_layer()],
                list_links=territory_list_links(),
            ),
        },
    )
