"""Configuration of the map component, passed to the page with json_script."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from territory.enums import FacilityKind, Zone

# Each layer's colour is the CSS custom property --layer-<id> of static/css/site.css: the legend
# and the map script both read it there.
FACILITY_GROUPS = [
    ("hopitaux", _("Centres hospitaliers"), [FacilityKind.HOSPITAL]),
    ("cliniques", _("Cliniques"), [FacilityKind.CLINIC]),
    ("readaptation", _("Soins de suite et de réadaptation"), [FacilityKind.REHABILITATION]),
    ("psychiatrie", _("Psychiatrie"), [FacilityKind.PSYCHIATRY]),
    (
        "autres-soins",
        _("Longue durée, dialyse, hospitalisation à domicile, autres"),
        [
            FacilityKind.LONG_STAY,
            FacilityKind.DIALYSIS,
            FacilityKind.HOME_HOSPITALISATION,
            FacilityKind.OTHER,
        ],
    ),
    (
        "maisons-de-sante",
        _("Maisons et centres de santé"),
        [FacilityKind.MSP, FacilityKind.HEALTH_CENTRE],
    ),
]


def layer_url(name, **params):
    url = reverse("territory:layer", args=[name])
    return f"{url}?{urlencode(params)}" if params else url


def facility_layers(checked=("hopitaux", "cliniques")):
    return [
        {
            "id": group_id,
            "label": str(label),
            "type": "points",
            "url": layer_url("etablissements", kind=",".join(kinds)),
            "checked": group_id in checked,
        }
        for group_id, label, kinds in FACILITY_GROUPS
    ]


# (id, label, layer, levels, checked, colour): colours of at least 4.5:1 on white.
FAMILY_GROUPS = [
    (
        "colleges-lycees",
        _("Collèges et lycées"),
        "etablissements-scolaires",
        "college,lycee",
        True,
        "#005a70",
    ),
    ("ecoles", _("Écoles"), "etablissements-scolaires", "ecole", False, "#6a3d9a"),
    ("gares", _("Gares de voyageurs"), "gares", "", True, "#1a1a1a"),
]


def family_layers():
    """The schools' and stations' layers."""
    return [
        {
            "id": group_id,
            "label": str(label),
            "type": "points",
            "url": layer_url(name, level=levels) if levels else layer_url(name),
            "checked": checked,
            "colour": colour,
        }
        for group_id, label, name, levels, checked, colour in FAMILY_GROUPS
    ]


def kind_layer(kind, querystring="", checked=True, label=None):
    """The map layer of a registered kind of content; its colour comes from the registry."""
    url = layer_url(kind.layer.name)
    return {
        "id": kind.layer.name,
        "label": str(label or kind.label_plural.capitalize()),
        "type": "points",
        "url": f"{url}?{querystring}" if querystring else url,
        "checked": checked,
        "colour": kind.layer.colour,
    }


def zoning_layer(checked=False):
    return {
        "id": "zonage",
        "label": str(_("Zonage médecins")),
        "type": "choropleth",
        "url": layer_url("zonage"),
        "zones": Zone.values,
        "checked": checked,
    }


def cpts_layer(checked=False):
    return {
        "id": "cpts",
        "label": str(_("CPTS")),
        "type": "polygons",
        "url": layer_url("cpts"),
        "checked": checked,
    }


def build_map(map_id, title, layers, bounds=None, list_links=()):
    """What the map include needs: the script's configuration, the legend, the list links.

    ``bounds`` is (west, south, east, north); ``list_links`` are (label, url) pairs of the
    pages that show the same data without JavaScript.
    """
    return {
        "id": map_id,
        "config_id": f"{map_id}-config",
        "title": title,
        "config": map_config(layers, bounds),
        "legend": legend_for(layers),
        "list_links": list_links,
    }


def map_config(layers, bounds=None):
    """Everything the map script needs."""
    _tile_name, tile_url, tile_options = settings.LEAFLET_CONFIG["TILES"][0]
    return {
        "tiles": {"url": tile_url, "attribution": tile_options.get("attribution", "")},
        # The commune outlines, drawn under the tiles and always on: with no tile server
        # (offline, intranet, server down) the map still shows the territory.
        "base": {
            "url": layer_url("communes"),
            "attribution": str(_("Contours des communes : IGN, Etalab")),
        },
        "center": list(settings.LEAFLET_CONFIG["DEFAULT_CENTER"]),
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "bounds": list(bounds) if bounds else None,
        "layers": layers,
        "labels": {
            "cluster": str(_("%(count)s lieux : zoomer pour les voir")),
            "approximate": str(_("position approximative (commune)")),
            "demo": str(_("démo")),
            "seeCommune": str(_("Voir la commune")),
            "error": str(_("La couche « %(layer)s » n’a pas pu être chargée.")),
        },
    }


def legend_for(layers):
    """The legend's entries, in HTML rather than on the map, so that they are readable."""
    entries = []
    for layer in layers:
        if layer["type"] == "choropleth":
            for zone in layer["zones"]:
                entries.append(
                    {"key": f"zone-{zone}", "label": Zone(zone).label, "shape": "square"}
                )
        else:
            shape = "circle" if layer["type"] == "points" else "outline"
            entries.append(
                {
                    "key": layer["id"],
                    "label": layer["label"],
                    "shape": shape,
                    "colour": layer.get("colour", ""),
                }
            )
    return entries
