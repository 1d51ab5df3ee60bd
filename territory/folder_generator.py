"""The starting folder of a new département, built from the official files it has.

``generate_territory_folder`` reads the INSEE list of communes (COG), a GeoJSON of the
communes' outlines, and optionally the national FINESS extraction and the ARS zoning file; it
writes ``communes.geojson``, ``facilities.csv``, ``zoning.csv``, ``territory.toml`` and
``SOURCES.md`` in the format of ``territories/README.md``. Every bad line is reported with its
file and number, and nothing is written unless everything could be read: the folder is built in
a temporary directory, proven readable by ``read_territory``, then moved into place.
"""

import csv
import hashlib
import io
import json
import math
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry

from territory.enums import Zone
from territory.folder import OPTIONAL_FILES, TerritoryFolderError, read_territory
from territory.importers import (
    KIND_BY_GROUP,
    ZONE_ALIASES,
    ImportFailed,
    LineErrors,
    csv_table,
    decode,
    read_finess_extraction,
)

TO_COMPLETE = "À COMPLÉTER"
DEPARTEMENT_CODE = re.compile(r"\d{2,3}|2[AB]")
NOTHING_WRITTEN = "rien n’a été écrit"

# Code REG of the COG -> region; the ARS of each region bears its name (Corsica's excepted).
REGIONS = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d’Azur",
    "94": "Corse",
}
ARS_NAMES = {"94": "ARS de Corse"}

# Neutral colours, each of primary, primary_dark and accent at least 4.5:1 on white.
NEUTRAL_THEME = {
    "primary": "#1f5f8b",
    "primary_dark": "#174766",
    "primary_soft": "#e6eff5",
    "accent": "#5b6b2a",
    "highlight": "#f2c14e",
}

COG_COLUMNS = ("TYPECOM", "COM", "DEP", "LIBELLE")
CONTOUR_CODE_KEYS = ("code", "insee", "INSEE_COM", "code_insee")
CONTOUR_NAME_KEYS = ("nom", "name", "NOM")
CONTOUR_POPULATION_KEYS = ("population", "POPULATION")
CONTOUR_POSTAL_KEYS = ("postal_codes", "codesPostaux", "codes_postaux", "code_postal", "CODE_POST")
ZONING_INSEE_COLUMNS = ("commune_insee", "code_insee", "insee", "codgeo", "code_commune")
ZONING_ZONE_COLUMNS = ("zone", "zonage")
ZONE_OUTPUT = {
    Zone.ZIP: "ZIP",
    Zone.ZAC: "ZAC",
    Zone.VIGILANCE: "vigilance",
    Zone.NONE: "hors_zonage",
}
GROUP_BY_KIND = {kind: group for group, kind in reversed(KIND_BY_GROUP.items())}
FACILITY_COLUMNS = (
    "finess_et",
    "finess_ej",
    "nom",
    "type_large",
    "categorie_finess_code",
    "categorie_finess_libelle",
    "secteur_derive_sae2022",
    "numero_voie",
    "voie",
    "code_postal",
    "commune_insee",
    "telephone",
    "lat_wgs84",
    "lon_wgs84",
)
# Files of the format this command cannot build from national files.
NOT_GENERATED = tuple(
    name for name in OPTIONAL_FILES if name not in ("facilities.csv", "zoning.csv")
)


# The legal notice and contacts of [portal], left empty for the reviewer (the pages say so).
PORTAL_CONTACTS = """# À COMPLÉTER : legal notice and contacts.
publisher_address = ""
publication_director = ""
contact_email = ""
host = ""
dpo_email = ""
project_lead_email = ""
"""


class GenerationFailed(Exception):
    """The folder was not written: the message names each file and line to correct."""


@dataclass
class InputFile:
    path: Path
    what: str
    produces: str
    data: bytes = b""
    date_inside: str = ""  # the vintage the file states (COG year, FINESS extraction date)
    kept: str = ""

    @property
    def modified(self):
        return date.fromtimestamp(self.path.stat().st_mtime).isoformat()

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class GeneratedFolder:
    path: Path
    territory: dict
    inputs: list
    to_check: list = field(default_factory=list)


@dataclass
class _Commune:
    insee: str
    name: str
    line: int
    region: str
    feature: dict | None = None
    extent: tuple | None = None


def generate_territory_folder(
    *,
    departement,
    name,
    out,
    communes,
    contours,
    finess=None,
    zoning=None,
    with_preposition="",
    of="",
    force=False,
):
    """Build the folder ``out`` of département ``departement``; return a GeneratedFolder whose
    ``to_check`` lists what the reviewer must check or complete."""
    code, name, out = departement.strip().upper(), name.strip(), Path(out).resolve()
    if not DEPARTEMENT_CODE.fullmatch(code):
        raise GenerationFailed(f"« {departement} » n’est pas un code de département (84, 2A, 974).")
    if not name:
        raise GenerationFailed("Le nom du département est obligatoire (--name).")
    inputs = [
        InputFile(Path(communes), "liste des communes (INSEE, COG)", "communes.geojson"),
        InputFile(Path(contours), "contours des communes (GeoJSON)", "communes.geojson"),
    ]
    if finess:
        inputs.append(InputFile(Path(finess), "extraction FINESS nationale", "facilities.csv"))
    if zoning:
        inputs.append(InputFile(Path(zoning), "zonage des médecins de l’ARS", "zoning.csv"))
    _check_out(out, force, [item.path for item in inputs])
    for item in inputs:
        try:
            item.data = item.path.read_bytes()
        except OSError as exc:
            raise GenerationFailed(f"{item.path} : fichier illisible ({exc.strerror}).") from exc

    to_check = []
    errors = []
    cog_errors = LineErrors(inputs[0].path.name, NOTHING_WRITTEN)
    commune_list = _read_cog(inputs[0], code, cog_errors)
    contour_errors = LineErrors(inputs[1].path.name, NOTHING_WRITTEN, where="entité n°")
    _read_contours(inputs[1], code, commune_list, contour_errors)
    for commune in commune_list.values():
        if commune.feature is None:
            cog_errors.add(
                commune.line,
                f"commune {commune.insee} ({commune.name}) sans contour dans {inputs[1].path.name}",
            )
    errors += [cog_errors, contour_errors]
    files = {"communes.geojson": _communes_geojson(code, name, commune_list)}
    for item in inputs[2:]:
        item_errors = LineErrors(item.path.name, NOTHING_WRITTEN)
        if item.produces == "facilities.csv":
            files["facilities.csv"] = _facilities_csv(
                item, code, commune_list, item_errors, to_check
            )
        else:
            files["zoning.csv"] = _zoning_csv(item, code, commune_list, item_errors, to_check)
        errors.append(item_errors)
    messages = [item.message() for item in errors if item.errors]
    if messages:
        raise GenerationFailed("\n".join(messages))

    region_code = next(iter(commune_list.values())).region
    identity = _identity(code, name, region_code, with_preposition, of)
    to_check[:0] = _review_list(identity, region_code, inputs, zoning is not None)
    extents = [commune.extent for commune in commune_list.values()]
    files["territory.toml"] = _manifest(identity, _map_view(extents), inputs, commune_list)
    files["SOURCES.md"] = _sources_md(identity, inputs, to_check)
    _write_folder(out, files)
    return GeneratedFolder(
        path=out, territory=read_territory(out), inputs=inputs, to_check=to_check
    )


# --- Inputs -------------------------------------------------------------------------------------


def _check_out(out, force, input_paths):
    if out.exists() and not out.is_dir():
        raise GenerationFailed(f"{out} est un fichier : --out doit être un dossier.")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise GenerationFailed(
                f"{out} n’est pas vide : choisissez un autre dossier, ou ajoutez --force pour "
                "remplacer son contenu."
            )
        inside = [path for path in input_paths if out in Path(path).resolve().parents]
        if inside:
            raise GenerationFailed(
                f"{inside[0]} est dans {out}, que --force effacerait : déplacez-le d’abord."
            )


def _table(item, wanted, refusal):
    """Header (upper case -> actual name) and rows of a CSV input; ``refusal`` if it lacks the
    ``wanted`` columns (any case)."""
    try:
        fieldnames, rows = csv_table(item.data)
    except ImportFailed as exc:
        raise GenerationFailed(f"{item.path} : {exc}") from exc
    columns = {name.strip().upper(): name for name in fieldnames if name}
    missing = [column for column in wanted if column.upper() not in columns]
    if missing:
        found = ", ".join(fieldnames[:12]) or "aucune"
        raise GenerationFailed(
            f"{item.path} : {refusal} (colonnes absentes : {', '.join(missing)} ; "
            f"colonnes du fichier : {found})."
        )
    return columns, rows


def _read_cog(item, code, errors):
    columns, rows = _table(
        item,
        COG_COLUMNS,
        "ce fichier n’est pas la liste des communes du Code officiel géographique de l’INSEE "
        "(v_commune_AAAA.csv)",
    )
    year = re.search(r"(?:19|20)\d{2}", item.path.name)
    item.date_inside = f"COG {year.group()}" if year else ""

    def value(row, column):
        return (row.get(columns.get(column, column)) or "").strip()

    communes = {}
    for line, row in enumerate(rows, start=2):
        if value(row, "TYPECOM") != "COM" or value(row, "DEP") not in (code, ""):
            continue
        insee, label = value(row, "COM"), value(row, "LIBELLE") or value(row, "NCCENR")
        if not insee:
            errors.add(line, "code commune (COM) vide")
        elif not (re.fullmatch(r"[0-9]{5}|2[AB][0-9]{3}", insee) and insee.startswith(code)):
            errors.add(line, f"code commune « {insee} » invalide pour le département {code}")
        elif insee in communes:
            errors.add(line, f"commune {insee} déjà présente ligne {communes[insee].line}")
        elif not label:
            errors.add(line, f"commune {insee} sans nom (LIBELLE)")
        else:
            communes[insee] = _Commune(insee, label, line, value(row, "REG").zfill(2))
    if not communes and not errors.errors:
        raise GenerationFailed(
            f"{item.path} : aucune commune du département {code} (lignes TYPECOM « COM » dont "
            "la colonne DEP est ce code) : est-ce le bon département, le bon fichier ?"
        )
    item.kept = f"{len(communes)} communes"
    return communes


def _first(properties, keys):
    return next((properties[key] for key in keys if properties.get(key) not in (None, "")), None)


def _read_contours(item, code, communes, errors):
    try:
        features = json.loads(decode(item.data)[0])["features"]
        if not isinstance(features, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, ImportFailed) as exc:
        raise GenerationFailed(
            f"{item.path} : ce fichier n’est pas un GeoJSON FeatureCollection (les contours des "
            "communes sont attendus)."
        ) from exc
    features = [feature if isinstance(feature, dict) else {} for feature in features]
    all_properties = [feature.get("properties") or {} for feature in features]
    if features and not any(_first(props, CONTOUR_CODE_KEYS) for props in all_properties):
        found = ", ".join(list(all_properties[0])[:12]) or "aucune"
        raise GenerationFailed(
            f"{item.path} : ce fichier n’est pas un fichier de contours de communes : aucune "
            f"entité n’a de propriété {', '.join(CONTOUR_CODE_KEYS)} (propriétés de la "
            f"première : {found})."
        )
    seen = {}
    for number, (feature, properties) in enumerate(
        zip(features, all_properties, strict=True), start=1
    ):
        insee = str(_first(properties, CONTOUR_CODE_KEYS) or "").strip().upper()
        if not insee:
            errors.add(number, f"pas de code commune (propriété {', '.join(CONTOUR_CODE_KEYS)})")
            continue
        insee = insee.zfill(5) if insee.isdigit() else insee
        if not insee.startswith(code):
            continue
        commune = communes.get(insee)
        if commune is None:
            label = _first(properties, CONTOUR_NAME_KEYS) or ""
            errors.add(
                number,
                f"commune {insee} {label} absente de la liste des communes (les deux fichiers "
                "sont-ils du même millésime ?)",
            )
            continue
        if insee in seen:
            errors.add(number, f"commune {insee} déjà décrite par l’entité n° {seen[insee]}")
            continue
        seen[insee] = number
        geometry, extent, reason = _outline(feature.get("geometry"))
        if reason:
            errors.add(number, f"commune {insee} : {reason}")
            continue
        population = _first(properties, CONTOUR_POPULATION_KEYS)
        out_properties = {"insee": insee, "name": commune.name}
        if population is not None:
            try:
                out_properties["population"] = int(str(population).replace(" ", ""))
            except ValueError:
                errors.add(number, f"commune {insee} : population illisible « {population} »")
                continue
        postal_codes = _first(properties, CONTOUR_POSTAL_KEYS)
        if postal_codes:
            if isinstance(postal_codes, str):
                postal_codes = re.split(r"[\s,;/]+", postal_codes.strip())
            out_properties["postal_codes"] = sorted({str(value) for value in postal_codes})
        commune.feature = {"type": "Feature", "properties": out_properties, "geometry": geometry}
        commune.extent = extent
    item.kept = f"{len(seen)} contours"


def _outline(geometry):
    """(geometry, extent, "") if it is a WGS84 polygon, else (None, None, why not)."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else "absent"
        return None, None, f"contour de type {kind}, Polygon ou MultiPolygon attendu"
    try:
        extent = GEOSGeometry(json.dumps(geometry)).extent
    except (ValueError, TypeError, GEOSException, GDALException):
        return None, None, "contour illisible"
    xmin, ymin, xmax, ymax = extent
    if not (-180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90):
        return (
            None,
            None,
            (
                "coordonnées hors des degrés WGS84 (Lambert-93 ?) : reprojetez le fichier en "
                "EPSG:4326"
            ),
        )
    return geometry, extent, ""


def _facilities_csv(item, code, communes, errors, to_check):
    try:
        extraction = read_finess_extraction(item.data, department=code)
    except ImportFailed as exc:
        raise GenerationFailed(f"{item.path} : {exc}") from exc
    item.date_inside = f"extraction du {extraction.date}" if extraction.date else ""
    for line, reason in extraction.problems:
        errors.add(line, reason)
    rows = []
    for establishment in extraction.establishments:
        if establishment.insee not in communes:
            to_check.append(
                f"{item.path.name}, ligne {establishment.line} : l’établissement "
                f"{establishment.finess_et} est dans la commune {establishment.insee}, absente "
                "de la liste des communes : laissé de côté."
            )
            continue
        point = establishment.point
        rows.append(
            {
                "finess_et": establishment.finess_et,
                "finess_ej": establishment.finess_ej,
                "nom": establishment.name,
                "type_large": GROUP_BY_KIND.get(establishment.kind, "autre"),
                "categorie_finess_code": establishment.category_code,
                "categorie_finess_libelle": establishment.category_label,
                "secteur_derive_sae2022": "",
                "numero_voie": establishment.street_number,
                "voie": establishment.street,
                "code_postal": establishment.postal_code,
                "commune_insee": establishment.insee,
                "telephone": establishment.phone,
                "lat_wgs84": f"{point.y:.6f}" if point else "",
                "lon_wgs84": f"{point.x:.6f}" if point else "",
            }
        )
    item.kept = f"{len(rows)} établissements"
    if not rows and not errors.errors:
        to_check.append(
            f"{item.path.name} : aucun établissement retenu pour le département {code} "
            "(colonne département de FINESS : les départements d’outre-mer y ont un autre code)."
        )
    without_point = sum(1 for row in rows if not row["lat_wgs84"])
    if without_point:
        to_check.append(
            f"facilities.csv : {without_point} établissement(s) sans coordonnées, placés à leur "
            "commune à l’import."
        )
    return _csv_text(FACILITY_COLUMNS, sorted(rows, key=lambda row: row["finess_et"]))


def _zoning_csv(item, code, communes, errors, to_check):
    try:
        fieldnames, rows = csv_table(item.data)
    except ImportFailed as exc:
        raise GenerationFailed(f"{item.path} : {exc}") from exc
    lower = {name.strip().lower(): name for name in fieldnames if name}
    insee_column = next((lower[name] for name in ZONING_INSEE_COLUMNS if name in lower), None)
    zone_column = next((lower[name] for name in ZONING_ZONE_COLUMNS if name in lower), None)
    if insee_column is None or zone_column is None:
        raise GenerationFailed(
            f"{item.path} : ce fichier n’est pas un fichier de zonage (une colonne "
            f"{' ou '.join(ZONING_INSEE_COLUMNS)} et une colonne zone ou zonage sont attendues ; "
            f"colonnes du fichier : {', '.join(fieldnames[:12]) or 'aucune'})."
        )
    zones, lines = {}, {}
    for line, row in enumerate(rows, start=2):
        insee = (row.get(insee_column) or "").strip().upper()
        if not insee:
            errors.add(line, "code INSEE vide")
            continue
        insee = insee.zfill(5) if insee.isdigit() else insee
        if not insee.startswith(code):
            continue
        raw = (row.get(zone_column) or "").strip()
        zone = ZONE_ALIASES.get(raw.lower().replace("’", "'"))
        if zone is None:
            errors.add(line, f"zone « {raw} » inconnue (ZIP, ZAC, vigilance, HZ ou hors zonage)")
        elif insee in lines:
            errors.add(line, f"commune {insee} déjà présente ligne {lines[insee]}")
        elif insee not in communes:
            to_check.append(
                f"{item.path.name}, ligne {line} : commune {insee} absente de la liste des "
                "communes : laissée de côté."
            )
        else:
            zones[insee], lines[insee] = ZONE_OUTPUT[zone], line
    if not zones and not errors.errors:
        raise GenerationFailed(f"{item.path} : aucune commune du département {code}.")
    missing = [insee for insee in communes if insee not in zones]
    if missing:
        to_check.append(
            f"zoning.csv : {len(missing)} commune(s) sans zonage dans {item.path.name} : "
            f"{', '.join(missing[:10])}{' …' if len(missing) > 10 else ''}."
        )
    item.kept = f"{len(zones)} communes"
    rows = [
        {"commune_insee": insee, "commune_nom": communes[insee].name, "zone": zones[insee]}
        for insee in sorted(zones)
    ]
    return _csv_text(("commune_insee", "commune_nom", "zone"), rows)


def _csv_text(columns, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# --- Outputs ------------------------------------------------------------------------------------


def _communes_geojson(code, name, communes):
    collection = {
        "type": "FeatureCollection",
        "name": f"communes_{code.lower()}",
        "features": [communes[insee].feature for insee in sorted(communes)],
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def _identity(code, name, region_code, with_preposition, of):
    region = REGIONS.get(region_code, "")
    words = [word for word in re.split(r"[\s\-’']+", name) if word[:1].isupper()]
    elided = name[:1].lower() in "aeiouyhéèêîô"
    return {
        "code": code,
        "name": name,
        "with_preposition": with_preposition.strip() or f"en {name}",
        "of": of.strip() or (f"d’{name}" if elided else f"de {name}"),
        "guessed_prepositions": not (with_preposition.strip() and of.strip()),
        "region": region or TO_COMPLETE,
        "ars": ARS_NAMES.get(region_code, f"ARS {region}") if region else TO_COMPLETE,
        "portal_name": f"{name} Santé Attractivité",
        "short_name": "".join(word[0] for word in words).upper() + "SA",
    }


def _map_view(extents):
    xmin = min(extent[0] for extent in extents)
    ymin = min(extent[1] for extent in extents)
    xmax = max(extent[2] for extent in extents)
    ymax = max(extent[3] for extent in extents)
    latitude, longitude = (ymin + ymax) / 2, (xmin + xmax) / 2
    # The largest zoom at which the extent fits in about 600 pixels of map (256-pixel tiles);
    # Web Mercator stretches latitudes by 1 / cos(latitude).
    span = max(xmax - xmin, (ymax - ymin) / math.cos(math.radians(latitude)), 1e-6)
    zoom = min(18, max(3, math.floor(math.log2(600 * 360 / (256 * span)))))
    return {"center": [round(latitude, 4), round(longitude, 4)], "zoom": zoom}


def _toml(value):
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value, ensure_ascii=False)


def _manifest(identity, view, inputs, communes):
    by_role = {item.produces: item for item in reversed(inputs)}
    contours = inputs[1]
    has_population = any("population" in c.feature["properties"] for c in communes.values())
    has_postal = any("postal_codes" in c.feature["properties"] for c in communes.values())
    cog_year = inputs[0].date_inside.removeprefix("COG ")
    communes_data = "Communes : code INSEE, nom" + (", codes postaux" if has_postal else "")
    sources = [
        (
            communes_data,
            f"INSEE, Code officiel géographique {cog_year or f'({TO_COMPLETE} : millésime)'}",
            "Licence Ouverte 2.0",
        ),
        (
            "Contours des communes" + (" et population" if has_population else ""),
            f"{TO_COMPLETE} : producteur et millésime du fichier {contours.path.name}",
            TO_COMPLETE,
        ),
    ]
    if "facilities.csv" in by_role:
        finess = by_role["facilities.csv"]
        sources.append(
            (
                "Établissements de santé (numéros FINESS, catégories, adresses, coordonnées)",
                "FINESS, ministère de la Santé"
                + (f", {finess.date_inside}" if finess.date_inside else ""),
                "Licence Ouverte 2.0",
            )
        )
    if "zoning.csv" in by_role:
        sources.append(
            (
                "Zonage des médecins généralistes par commune (ZIP, ZAC, hors zonage)",
                f"{TO_COMPLETE} : arrêté de l’{identity['ars']} (date), et le fichier "
                f"{by_role['zoning.csv'].path.name} s’il en est une copie",
                "Information publique",
            )
        )
    guessed = "  # À VÉRIFIER : déduit du nom" if identity["guessed_prepositions"] else ""
    lines = [
        f"# {identity['name']} ({identity['code']}) : dossier de départ écrit par "
        f"generate_territory_folder le {date.today().isoformat()}.",
        "# Format : territories/README.md. Chaque « À COMPLÉTER » et « À VÉRIFIER » est à relire.",
        "",
        "[departement]",
        f"code = {_toml(identity['code'])}",
        f"name = {_toml(identity['name'])}",
        f"with_preposition = {_toml(identity['with_preposition'])}{guessed}",
        f"of = {_toml(identity['of'])}{guessed}",
        f"region = {_toml(identity['region'])}",
        f"ars = {_toml(identity['ars'])}",
        "",
        "[portal]",
        f"name = {_toml(identity['portal_name'])}  # À VÉRIFIER",
        f"short_name = {_toml(identity['short_name'])}  # À VÉRIFIER",
        "# The project lead's organisation, which publishes the portal (legal notice).",
        f"publisher = {_toml(TO_COMPLETE)}",
        PORTAL_CONTACTS.rstrip(),
        f"database = {_toml('portal_' + identity['code'].lower())}",
        "",
        "[theme]",
        "# Neutral colours (À VÉRIFIER): primary, primary_dark and accent need 4.5:1 on white.",
        *(f"{key} = {_toml(value)}" for key, value in NEUTRAL_THEME.items()),
        '# logo = "logo.svg"  (À COMPLÉTER : un fichier .svg ou .png du dossier)',
        "",
        "[map]",
        "# Computed from the extent of the communes.",
        f"center = [{view['center'][0]}, {view['center'][1]}]",
        f"zoom = {view['zoom']}",
        f"min_zoom = {max(view['zoom'] - 2, 3)}",
        'tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"',
        'tile_attribution = "&copy; les contributeurs d\'OpenStreetMap"',
    ]
    rubrics = (
        ("offers", f"Exercer la médecine {identity['with_preposition']}"),
        ("aids", "S’installer"),
        ("interns", "Internes"),
        ("agenda", "Agenda"),
        ("collective", f"Le collectif {identity['short_name']}"),
    )
    for key, title in rubrics:
        lines += ["", "[[rubrics]]", f"key = {_toml(key)}", f"title = {_toml(title)}"]
    lines += [
        "",
        "# À COMPLÉTER : the faculties whose interns come to the territory, one table each:",
        "# [[faculties]]",
        '# slug = "..."',
        '# name = "Faculté de médecine de ..."',
        '# city = "..."',
        '# website = "https://..."',
    ]
    if "zoning.csv" in by_role:
        lines += [
            "",
            "# À COMPLÉTER, puis décommentez : l’arrêté de l’ARS dont zoning.csv est la liste.",
            "# load_territory refuse zoning.csv tant que cette table manque.",
            "# [zoning]",
            "# valid_from = AAAA-MM-JJ",
            f'# source = "Arrêté de l’{identity["ars"]} du ... (zonage des médecins généralistes)"',
            '# source_url = "https://..."',
        ]
    lines += ["", '# The "Sources des données" page, one table per dataset (SOURCES.md).']
    for data, source, licence in sources:
        lines += [
            "",
            "[[sources]]",
            f"data = {_toml(data)}",
            f"source = {_toml(source)}",
            f"licence = {_toml(licence)}",
        ]
    return "\n".join(lines) + "\n"


def _review_list(identity, region_code, inputs, has_zoning):
    checks = []
    if identity["guessed_prepositions"]:
        checks.append(
            f"territory.toml [departement] : « {identity['with_preposition']} », "
            f"« {identity['of']} » sont déduits du nom (« dans le », « du » ?) : à vérifier."
        )
    if identity["region"] == TO_COMPLETE:
        checks.append(
            f"territory.toml [departement] region et ars : code région « {region_code} » "
            "inconnu, À COMPLÉTER."
        )
    else:
        checks.append(
            f"territory.toml [departement] : région « {identity['region']} » et "
            f"« {identity['ars']} » lues du code région {region_code} du COG."
        )
    checks += [
        "territory.toml [portal] : publisher À COMPLÉTER ; nom, sigle, mentions légales et "
        "contacts à remplir.",
        "territory.toml [theme] : couleurs neutres et pas de logo ; à remplacer par l’identité "
        "du territoire (contraste 4,5:1 vérifié au démarrage).",
        "territory.toml [map] : centre et zoom calculés de l’étendue des communes.",
        "territory.toml [[rubrics]] : titres neutres ; [[faculties]] : aucune, À COMPLÉTER.",
        "territory.toml [[sources]] : chaque « À COMPLÉTER » (origine des contours, licences).",
    ]
    if has_zoning:
        checks.append(
            "territory.toml [zoning] : À COMPLÉTER et à décommenter (valid_from, source), sinon "
            "load_territory refuse zoning.csv."
        )
    if not any(item.produces == "facilities.csv" for item in inputs):
        checks.append("facilities.csv : absent (pas d’extraction FINESS donnée).")
    else:
        checks.append(
            "facilities.csv : FINESS ne dit pas le secteur (public, privé) : colonne "
            "secteur_derive_sae2022 vide."
        )
    checks.append("Fichiers à ajouter s’ils existent : " + ", ".join(NOT_GENERATED) + ".")
    return checks


def _sources_md(identity, inputs, to_check):
    lines = [
        f"# Données du territoire ({identity['name']}, département {identity['code']})",
        "",
        "Dossier de départ écrit par `manage.py generate_territory_folder` le "
        f"{date.today().isoformat()} à partir des fichiers ci-dessous, à relire avant la mise en "
        "ligne (`territories/README.md`).",
        "",
        "| fichier produit | fichier d’origine | ce qu’il est | date indiquée | modifié le | "
        "retenu | SHA-256 |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in inputs:
        lines.append(
            f"| `{item.produces}` | `{item.path.name}` | {item.what} | "
            f"{item.date_inside or TO_COMPLETE} | {item.modified} | {item.kept} | "
            f"`{item.sha256[:16]}` |"
        )
    lines += ["", "## À vérifier", "", *(f"- {check}" for check in to_check)]
    return "\n".join(lines) + "\n"


def _write_folder(out, files):
    """Write every file in a temporary folder next to ``out``, prove it readable, then put it
    in place of ``out``: an error leaves ``out`` as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}-{stamp}-", dir=out.parent))
    try:
        for filename, text in files.items():
            (building / filename).write_text(text, encoding="utf-8")
        try:
            read_territory(building)
        except TerritoryFolderError as exc:
            raise GenerationFailed(
                f"Le dossier produit n’est pas lisible (erreur du générateur) : {exc}"
            ) from exc
        building.chmod(0o755)
        old = None
        if out.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            out.rename(old / out.name)
        try:
            building.rename(out)
        except OSError:
            if old is not None:
                (old / out.name).rename(out)
            raise
        if old is not None:
            shutil.rmtree(old)
    finally:
        if building.exists():
            shutil.rmtree(building)
