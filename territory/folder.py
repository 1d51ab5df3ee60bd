"""The territory folder: everything that names a département or describes it is read from one
folder (``territories/<name>/``, format in ``territories/README.md``), never from the code.

This module is read by the settings, before Django is set up: reading and checking use the
standard library only; ``portal_settings`` and ``leaflet_settings`` add the environment's
overrides (``vsa_portal.env``).
``read_territory(path)`` checks ``territory.toml`` and returns a plain dictionary; every error
names the file, and the line when the TOML itself is malformed.
"""

import os
import re
import tomllib
from datetime import date
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "territories" / "vaucluse"
MANIFEST = "territory.toml"
# The rubrics a territory can list in its header, in the order it chooses (key = URL namespace).
RUBRICS = ("offers", "aids", "interns", "agenda", "collective")
# The data files every territory provides, and the optional ones.
REQUIRED_FILES = ("communes.geojson",)
OPTIONAL_FILES = (
    "facilities.csv",
    "cpts.csv",
    "cpts_communes.csv",
    "zoning.csv",
    "qpv.csv",
    "frr.csv",
    "gp_per_commune.csv",
    "schools.csv",
    "stations.csv",
    "highlights.csv",
    "aids.yaml",
    "partners.csv",
)
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"


def territory_dir():
    """The folder chosen by TERRITORY_DIR (relative to the project), Vaucluse's by default."""
    value = os.environ.get("TERRITORY_DIR", "").strip()
    if not value:
        return DEFAULT_DIR
    path = Path(value)
    return path if path.is_absolute() else DEFAULT_DIR.parent.parent / path


def database_name():
    """The database of the chosen territory (for scripts/provision.sh)."""
    return read_territory(territory_dir())["database"]


class TerritoryFolderError(Exception):
    """The folder cannot be used: the message says which file and what to change."""


def _luminance(colour):
    def channel(value):
        value = int(value, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class _Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def fail(self, where, message):
        self.errors.append(f"{self.path} [{where}] : {message}")

    def text(self, table, section, key, required=True, default=""):
        value = table.get(key, default)
        if not isinstance(value, str):
            self.fail(section, f"« {key} » doit être un texte entre guillemets.")
            return default
        if required and not value.strip():
            self.fail(section, f"« {key} » est obligatoire.")
        return value.strip()

    def table(self, data, section):
        value = data.get(section, {})
        if not isinstance(value, dict):
            self.fail(section, "doit être une table [" + section + "].")
            return {}
        return value

    def tables(self, data, section):
        value = data.get(section, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail(section, f"doit être une liste de tables [[{section}]].")
            return []
        return value


def _read_manifest(path):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TerritoryFolderError(f"{path} : fichier illisible ({exc.strerror}).") from exc
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TerritoryFolderError(f"{path} : le fichier doit être encodé en UTF-8.") from exc
    except tomllib.TOMLDecodeError as exc:
        # The message of tomllib ends with "(at line L, column C)".
        raise TerritoryFolderError(f"{path} : TOML invalide, {exc}.") from exc


def read_territory(directory=DEFAULT_DIR):
    """The territory described by ``directory/territory.toml``, checked and with its defaults."""
    directory = Path(directory).resolve()
    path = directory / MANIFEST
    if not directory.is_dir():
        raise TerritoryFolderError(f"{directory} : dossier de territoire introuvable.")
    data = _read_manifest(path)
    check = _Checker(path)

    departement = check.table(data, "departement")
    code = check.text(departement, "departement", "code")
    if code and not re.fullmatch(r"(\d{2,3}|2[AB])", code):
        check.fail("departement", f"« code » : « {code} » n’est pas un code de département.")
    name = check.text(departement, "departement", "name")
    territory = {
        "dir": directory,
        "code": code,
        "name": name,
        "with_preposition": check.text(departement, "departement", "with_preposition"),
        "of": check.text(departement, "departement", "of"),
        "region": check.text(departement, "departement", "region"),
        "ars": check.text(departement, "departement", "ars"),
        "is_example": bool(departement.get("is_example", False)),
    }

    portal = check.table(data, "portal")
    territory["portal"] = {
        key: check.text(portal, "portal", key, required=key in {"name", "short_name", "publisher"})
        for key in (
            "name",
            "short_name",
            "publisher",
            "publisher_address",
            "publication_director",
            "contact_email",
            "host",
            "dpo_email",
            "project_lead_email",
        )
    }
    territory["database"] = check.text(
        portal, "portal", "database", required=False, default=f"portal_{code.lower()}"
    )
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", territory["database"]):
        check.fail("portal", "« database » : lettres minuscules, chiffres et « _ » seulement.")

    theme = check.table(data, "theme")
    colours = {}
    for key in ("primary", "primary_dark", "primary_soft", "accent", "highlight"):
        value = check.text(theme, "theme", key)
        if value and not COLOUR.match(value):
            check.fail("theme", f"« {key} » : « {value} » n’est pas une couleur #rrggbb.")
        colours[key] = value
    for key in ("primary", "primary_dark", "accent"):
        # Links and headings are written in these colours on a near-white page (WCAG AA).
        if COLOUR.match(colours.get(key, "")) and contrast_ratio(colours[key], WHITE) < 4.5:
            check.fail(
                "theme",
                f"« {key} » ({colours[key]}) est trop clair sur fond blanc : un contraste d’au "
                f"moins 4,5:1 est nécessaire (il est de "
                f"{contrast_ratio(colours[key], WHITE):.1f}:1).",
            )
    territory["colours"] = colours
    logo = check.text(theme, "theme", "logo", required=False)
    territory["logo"] = None
    if logo:
        logo_path = (directory / logo).resolve()
        if logo_path.suffix.lower() not in {".svg", ".png"}:
            check.fail("theme", "« logo » : un fichier .svg ou .png est attendu.")
        elif directory not in logo_path.parents or not logo_path.is_file():
            check.fail("theme", f"« logo » : le fichier « {logo} » est absent du dossier.")
        else:
            territory["logo"] = logo_path

    map_table = check.table(data, "map")
    center = map_table.get("center")
    if (
        not isinstance(center, list)
        or len(center) != 2
        or not all(isinstance(value, int | float) for value in center)
        or not (-90 <= center[0] <= 90 and -180 <= center[1] <= 180)
    ):
        check.fail("map", "« center » : [latitude, longitude] en degrés est attendu.")
        center = [0.0, 0.0]
    zoom = map_table.get("zoom", 9)
    if not isinstance(zoom, int) or not 3 <= zoom <= 18:
        check.fail("map", "« zoom » : un entier de 3 à 18 est attendu.")
        zoom = 9
    territory["map"] = {
        "center": (float(center[0]), float(center[1])),
        "zoom": zoom,
        "min_zoom": map_table.get("min_zoom", max(zoom - 2, 3)),
        "tile_url": check.text(
            map_table,
            "map",
            "tile_url",
            required=False,
            default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        ),
        "tile_attribution": check.text(
            map_table,
            "map",
            "tile_attribution",
            required=False,
            default="&copy; les contributeurs d'OpenStreetMap",
        ),
    }

    rubrics = []
    for position, rubric in enumerate(check.tables(data, "rubrics"), start=1):
        where = f"rubrics n° {position}"
        key = check.text(rubric, where, "key")
        if key and key not in RUBRICS:
            check.fail(where, f"« key » : « {key} » inconnue (possibles : {', '.join(RUBRICS)}).")
            continue
        rubrics.append({"key": key, "title": check.text(rubric, where, "title")})
    if not rubrics:
        check.fail("rubrics", "au moins une rubrique [[rubrics]] est nécessaire.")
    territory["rubrics"] = rubrics

    faculties = []
    for position, faculty in enumerate(check.tables(data, "faculties"), start=1):
        where = f"faculties n° {position}"
        faculties.append(
            {
                "slug": check.text(faculty, where, "slug"),
                "name": check.text(faculty, where, "name"),
                "city": check.text(faculty, where, "city"),
                "website": check.text(faculty, where, "website", required=False),
            }
        )
    territory["faculties"] = faculties

    territory["zoning"] = _zoning(check, check.table(data, "zoning"))
    notes = check.table(data, "notes")
    territory["notes"] = {key: check.text(notes, "notes", key, required=False) for key in notes}
    qpv = check.table(data, "qpv")
    territory["qpv_zone_source"] = check.text(qpv, "qpv", "zone_source", required=False)
    frr = check.table(data, "frr")
    territory["frr_list_date"] = frr.get("list_date")
    if frr and not isinstance(territory["frr_list_date"], date):
        check.fail("frr", "« list_date » : une date AAAA-MM-JJ est attendue.")

    sources = []
    for position, source in enumerate(check.tables(data, "sources"), start=1):
        where = f"sources n° {position}"
        sources.append(
            {
                key: check.text(source, where, key, required=key != "licence")
                for key in ("data", "source", "licence")
            }
        )
    territory["sources"] = sources

    for name_ in REQUIRED_FILES:
        if not (directory / name_).is_file():
            check.fail("fichiers", f"« {name_} » est absent du dossier {directory}.")
    territory["files"] = {
        name_: directory / name_
        for name_ in (*REQUIRED_FILES, *OPTIONAL_FILES)
        if (directory / name_).is_file()
    }
    if check.errors:
        raise TerritoryFolderError("\n".join(check.errors))
    return territory


def _zoning(check, zoning):
    if not zoning:
        return None
    valid_from, valid_until = zoning.get("valid_from"), zoning.get("valid_until")
    if not isinstance(valid_from, date):
        check.fail("zoning", "« valid_from » : une date AAAA-MM-JJ est attendue.")
    if valid_until is not None and not isinstance(valid_until, date):
        check.fail("zoning", "« valid_until » : une date AAAA-MM-JJ est attendue.")
    return {
        "valid_from": valid_from,
        "valid_until": valid_until,
        "source": check.text(zoning, "zoning", "source"),
        "source_url": check.text(zoning, "zoning", "source_url", required=False),
    }


def portal_settings(territory):
    """settings.PORTAL: the identity of territory.toml, each value overridden by its PORTAL_*
    environment variable."""
    from vsa_portal.env import env_bool, env_str

    identity = territory["portal"]
    return {
        "NAME": env_str("PORTAL_NAME", identity["name"]),
        "SHORT_NAME": env_str("PORTAL_SHORT_NAME", identity["short_name"]),
        "TERRITORY": env_str("PORTAL_TERRITORY", territory["name"]),
        "TERRITORY_WITH_PREPOSITION": env_str(
            "PORTAL_TERRITORY_WITH_PREPOSITION", territory["with_preposition"]
        ),
        # "du Vaucluse", "de Lot-et-Garonne": the département as a complement.
        "TERRITORY_OF": env_str("PORTAL_TERRITORY_OF", territory["of"]),
        "REGION": territory["region"],
        "ARS": territory["ars"],
        "PUBLISHER": env_str("PORTAL_PUBLISHER", identity["publisher"]),
        "PUBLISHER_ADDRESS": env_str("PORTAL_PUBLISHER_ADDRESS", identity["publisher_address"]),
        "PUBLICATION_DIRECTOR": env_str(
            "PORTAL_PUBLICATION_DIRECTOR", identity["publication_director"]
        ),
        "CONTACT_EMAIL": env_str("PORTAL_CONTACT_EMAIL", identity["contact_email"]),
        "HOST": env_str("PORTAL_HOST", identity["host"]),
        "DPO_EMAIL": env_str("PORTAL_DPO_EMAIL", identity["dpo_email"]),
        # Where contact requests are copied, and relayed for anonymous offers.
        "PROJECT_LEAD_EMAIL": env_str("PORTAL_PROJECT_LEAD_EMAIL", identity["project_lead_email"]),
        "DEMO_CONTENT": env_bool("PORTAL_DEMO_CONTENT", False),
        "IS_EXAMPLE": territory["is_example"],
    }


def leaflet_settings(territory):
    """settings.LEAFLET_CONFIG from [map], each value overridden by its MAP_* variable."""
    from vsa_portal.env import env_int, env_list, env_str

    map_ = territory["map"]
    return {
        "DEFAULT_CENTER": tuple(
            float(value) for value in env_list("MAP_CENTER", ",".join(map(str, map_["center"])))
        ),
        "DEFAULT_ZOOM": env_int("MAP_ZOOM", map_["zoom"]),
        "MIN_ZOOM": env_int("MAP_MIN_ZOOM", map_["min_zoom"]),
        "MAX_ZOOM": 18,
        "TILES": [
            (
                "Plan",
                env_str("MAP_TILE_URL", map_["tile_url"]),
                {"attribution": env_str("MAP_TILE_ATTRIBUTION", map_["tile_attribution"])},
            )
        ],
        "RESET_VIEW": False,
    }
