"""Importers of the territory's official files.

Each importer runs in one transaction (a failure leaves nothing behind), is idempotent (a re-run
of the same file changes nothing) and returns an ImportReport: created, updated, unchanged and
skipped rows, each skipped row with its reason.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.gis.db.models import Union
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point, WKTWriter
from django.db import models, transaction
from django.utils.text import slugify

from territory.enums import (
    FacilityKind,
    FRRCategory,
    LocationPrecision,
    SchoolKind,
    SchoolSector,
    Sector,
    StationSegment,
    Zone,
)
from territory.models import (
    CPTS,
    EPCI,
    Commune,
    HealthFacility,
    PriorityDistrict,
    RailwayStation,
    RuralRevitalisation,
    School,
    TerritoryHighlight,
    Zoning,
)
from territory.names import facility_display_name


class ImportFailed(Exception):
    """The file cannot be imported at all; nothing was written."""


@dataclass
class ImportReport:
    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # fields left as edited in the admin instead of the file's value
    skipped: list = field(default_factory=list)  # (line or identifier, reason)
    notes: list = field(default_factory=list)

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def skip(self, where, reason):
        self.skipped.append((str(where), reason))

    def as_text(self):
        lines = [
            f"{self.label}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped."
        ]
        if self.kept:
            lines.append(f"  kept {self.kept} field(s) edited in the admin (the edit wins).")
        lines += [f"  note: {note}" for note in self.notes]
        lines += [f"  skipped {where}: {reason}" for where, reason in self.skipped]
        return "\n".join(lines)


def decode(data):
    """Text of an uploaded or read file: UTF-8 (with or without BOM), else Windows-1252."""
    if isinstance(data, str):
        return data, "utf-8"
    if b"\x00" in data:
        raise ImportFailed(
            "Le fichier semble encodé en UTF-16 ou binaire : enregistrez-le en CSV UTF-8."
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            "Le fichier n’est ni en UTF-8 ni en Windows-1252 : enregistrez-le en CSV UTF-8."
        ) from exc


def csv_table(data, delimiter=None, report=None):
    """The header and the rows (dictionaries) of a CSV file; the delimiter (";" or ",") is
    guessed from the first line; any line ending; a clear error if unreadable."""
    text, encoding = decode(data)
    text = "\n".join(text.splitlines())
    if report is not None and encoding != "utf-8":
        report.notes.append(f"file read as {encoding}")
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(reader.fieldnames or []), list(reader)
    except csv.Error as exc:
        raise ImportFailed(f"Le fichier CSV est mal formé : {exc}.") from exc


def read_csv(data, required, delimiter=None, report=None):
    """Rows of a CSV file as dictionaries; an error naming the missing columns."""
    fieldnames, rows = csv_table(data, delimiter=delimiter, report=report)
    missing = [column for column in required if column not in fieldnames]
    if missing:
        raise ImportFailed(
            f"Colonnes manquantes : {', '.join(missing)}. "
            f"Colonnes attendues : {', '.join(required)}."
        )
    return rows


def _same(current, new):
    if isinstance(current, GEOSGeometry) and isinstance(new, GEOSGeometry):
        return current.equals_exact(new, tolerance=1e-9)
    return current == new


_GEOMETRY_WRITER = WKTWriter(precision=7)


def fingerprint(value):
    """What ``imported_values`` records of a value: JSON, short (a geometry as a digest)."""
    if isinstance(value, GEOSGeometry):
        return (
            "wkt-sha1:"
            + hashlib.sha1(  # noqa: S324 (a fingerprint, not a secret)
                _GEOMETRY_WRITER.write(value)
            ).hexdigest()
        )
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [fingerprint(item) for item in value]
    return value


def _current(obj, name, value):
    """The row's value of a field; a foreign key as the related row only when it is the one
    wanted (compared by id, without fetching the related row)."""
    if isinstance(value, models.Model):
        current_id = getattr(obj, obj._meta.get_field(name).attname)
        return value if current_id == value.pk else current_id
    return getattr(obj, name)


def _edited(obj, name, current):
    """Whether someone changed the field since the importer last wrote it."""
    written = obj.imported_values or {}
    if name not in written:
        return False  # never recorded (a row imported before the records): the file owns it
    return fingerprint(current) != written[name]


_FETCH = object()


def upsert(model, lookup, values, report=None, found=_FETCH):
    """Create or update one row; return it with "created", "updated" or "unchanged".

    On a model with ``imported_values`` (see ``territory.models.ImportedRow``), a field is
    updated only if it still holds what the importer wrote last: an edit made in the admin
    wins over the file, and stays (``report.kept`` counts the fields kept that way)."""
    tracked = hasattr(model, "imported_values")
    obj = model._default_manager.filter(**lookup).first() if found is _FETCH else found
    if obj is None:
        extra = {}
        if tracked:
            extra["imported_values"] = {name: fingerprint(v) for name, v in values.items()}
        return model._default_manager.create(**lookup, **values, **extra), "created"
    changed = []
    for name, value in values.items():
        current = _current(obj, name, value)
        if _same(current, value):
            continue
        if tracked and _edited(obj, name, current):
            if report is not None:
                report.kept += 1
            continue
        changed.append(name)
    if tracked:
        record = dict(obj.imported_values or {})
        for name in changed:
            record[name] = fingerprint(values[name])
        for name, value in values.items():
            # A field that already held the file's value is the importer's again.
            if _same(_current(obj, name, value), value):
                record[name] = fingerprint(value)
        if record != obj.imported_values:
            obj.imported_values = record
            update_fields = [*changed, "imported_values"]
        else:
            update_fields = changed
    else:
        update_fields = changed
    for name in changed:
        setattr(obj, name, values[name])
    if update_fields:
        obj.save(update_fields=update_fields)
    return obj, "updated" if changed else "unchanged"


def _progress(callback, index, total):
    if callback and (index % 25 == 0 or index == total):
        callback(index, total)


# --- Communes -----------------------------------------------------------------------------------


def unique_slug(name, insee_code, taken):
    slug = slugify(name) or insee_code
    return slug if slug not in taken else f"{slug}-{insee_code}"


def import_communes(data, progress=None, departement=None):
    """The communes of a GeoJSON FeatureCollection; with ``departement``, a commune of another
    département is refused (reported with its feature number)."""
    report = ImportReport("Communes")
    text, _encoding = decode(data)
    try:
        collection = json.loads(text)
        features = collection["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ImportFailed("Ce fichier n’est pas un GeoJSON FeatureCollection.") from exc
    slug_by_insee = dict(Commune.objects.values_list("insee_code", "slug"))
    taken_slugs = set(slug_by_insee.values())
    with transaction.atomic():
        for index, feature in enumerate(features, start=1):
            _progress(progress, index, len(features))
            properties = feature.get("properties") or {}
            insee = str(properties.get("insee") or "").strip()
            if len(insee) != 5:
                report.skip(f"feature {index}", "code INSEE absent ou invalide")
                continue
            if departement and not insee.startswith(departement):
                report.skip(f"feature {index}", f"{insee} n’est pas du département {departement}")
                continue
            try:
                geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            except (KeyError, TypeError, ValueError, GEOSException, GDALException):
                report.skip(insee, "contour illisible")
                continue
            if geometry.geom_type == "Polygon":
                geometry = MultiPolygon(geometry, srid=4326)
            if geometry.geom_type != "MultiPolygon":
                report.skip(insee, f"contour de type {geometry.geom_type}, polygone attendu")
                continue
            epci = None
            if properties.get("epci_siren"):
                epci, _outcome = upsert(
                    EPCI,
                    {"siren": properties["epci_siren"]},
                    {"name": properties.get("epci_name") or properties["epci_siren"]},
                    report,
                )
            town_hall = None
            if properties.get("town_hall_lat") and properties.get("town_hall_lon"):
                town_hall = Point(
                    properties["town_hall_lon"], properties["town_hall_lat"], srid=4326
                )
            name = properties.get("name") or insee
            try:
                population = int(
                    str(properties.get("population") or 0).replace(" ", "").replace("\u202f", "")
                )
            except ValueError:
                report.skip(insee, f"population illisible : {properties.get('population')!r}")
                continue
            slug = slug_by_insee.get(insee) or unique_slug(name, insee, taken_slugs)
            slug_by_insee[insee] = slug
            taken_slugs.add(slug)
            _commune, outcome = upsert(
                Commune,
                {"insee_code": insee},
                {
                    "name": name,
                    "slug": slug,
                    "postal_codes": list(properties.get("postal_codes") or []),
                    "population": population,
                    "epci": epci,
                    "boundary": geometry,
                    "centroid": geometry.point_on_surface,
                    "town_hall_address": properties.get("town_hall_address") or "",
                    "town_hall_point": town_hall,
                    "town_hall_email": properties.get("town_hall_email") or "",
                    "town_hall_phone": properties.get("town_hall_phone") or "",
                    "town_hall_website": properties.get("town_hall_website") or "",
                },
                report,
            )
            report.count(outcome)
    return report


# --- Health facilities (the reference CSV of the shared data) ----------------------------------

KIND_BY_GROUP = {
    "centre_hospitalier_public": FacilityKind.HOSPITAL,
    "clinique_etablissement_prive_ou_espic": FacilityKind.CLINIC,
    "ssr_readaptation": FacilityKind.REHABILITATION,
    "psychiatrie": FacilityKind.PSYCHIATRY,
    "soins_longue_duree": FacilityKind.LONG_STAY,
    "dialyse": FacilityKind.DIALYSIS,
    "hospitalisation_a_domicile": FacilityKind.HOME_HOSPITALISATION,
    # The groups of the FINESS extraction's MSP and centres de santé (generate_territory_folder).
    "maison_de_sante": FacilityKind.MSP,
    "centre_de_sante": FacilityKind.HEALTH_CENTRE,
    "autre": FacilityKind.OTHER,
}

SECTOR_BY_VALUE = {
    "public": Sector.PUBLIC,
    "prive_non_lucratif": Sector.PRIVATE_NON_PROFIT,
    "prive_lucratif": Sector.PRIVATE_FOR_PROFIT,
}

FACILITY_COLUMNS = [
    "finess_et",
    "finess_ej",
    "nom",
    "type_large",
    "commune_insee",
    "lat_wgs84",
    "lon_wgs84",
]
FACILITY_SOURCE = "FINESS 2020 géocodé par Eurostat GISCO, SAE 2022 (DREES)"


def place_at_commune(commune):
    return commune.reference_point


def import_health_facilities(data, progress=None):
    report = ImportReport("Health facilities")
    rows = read_csv(data, FACILITY_COLUMNS, report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    commune_names = [commune.name for commune in communes.values()]
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            _progress(progress, index - 1, len(rows))
            finess = (row.get("finess_et") or "").strip()
            if not (len(finess) == 9 and finess[:2].isalnum()):
                report.skip(f"line {index}", "numéro FINESS établissement absent ou invalide")
                continue
            commune = communes.get((row.get("commune_insee") or "").strip())
            if commune is None:
                report.skip(finess, f"commune {row.get('commune_insee')!r} inconnue")
                continue
            kind = KIND_BY_GROUP.get(row.get("type_large", ""), FacilityKind.OTHER)
            point, precision = _wgs84_point(row.get("lat_wgs84"), row.get("lon_wgs84"))
            if point is None:
                point, precision = place_at_commune(commune), LocationPrecision.COMMUNE
            note = ""
            if row.get("dans_sae_2022") == "non":
                note = "Présent dans FINESS 2020, absent de la SAE 2022 : existence à vérifier"
            address = " ".join(
                part for part in (row.get("numero_voie", ""), row.get("voie", "")) if part
            ).strip()
            _facility, outcome = upsert(
                HealthFacility,
                {"finess_et": finess},
                {
                    "finess_ej": (row.get("finess_ej") or "").strip(),
                    "name": (row.get("nom") or "").strip(),
                    "display_name": facility_display_name(
                        (row.get("nom") or "").strip(), commune_names
                    ),
                    "kind": kind,
                    "category_code": (row.get("categorie_finess_code") or "").strip(),
                    "category_label": (row.get("categorie_finess_libelle") or "").strip(),
                    "sector": SECTOR_BY_VALUE.get(
                        row.get("secteur_derive_sae2022", ""), Sector.UNKNOWN
                    ),
                    "address": address.title() if address.isupper() else address,
                    "postal_code": (row.get("code_postal") or "").strip(),
                    "commune": commune,
                    "point": point,
                    "location_precision": precision,
                    "phone": (row.get("telephone") or "").strip(),
                    "source": FACILITY_SOURCE,
                    "verification_note": note,
                    "is_demo": False,
                },
                report,
            )
            report.count(outcome)
    return report


def _wgs84_point(lat, lon):
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return Point(lon, lat, srid=4326), LocationPrecision.EXACT


# --- CPTS ---------------------------------------------------------------------------------------


def normalise_url(value):
    """ "cpts-avignon.fr/" as "https://cpts-avignon.fr/": the listing drops the scheme."""
    value = (value or "").strip()
    if value and "://" not in value:
        value = f"https://{value}"
    return value


def split_emails(value):
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def import_cpts(cpts_data, communes_data, progress=None):
    """Import the CPTS listing and their communes. The listing names every CPTS of the
    territory: a real CPTS absent from it is removed (a demo one stays)."""
    report = ImportReport("CPTS")
    cpts_rows = read_csv(cpts_data, ["cpts_nom", "site_web"], report=report)
    member_rows = read_csv(communes_data, ["cpts_nom", "commune_insee"], report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    members_by_name = {}
    for member_index, member in enumerate(member_rows, start=2):
        name = (member.get("cpts_nom") or "").strip()
        commune = communes.get((member.get("commune_insee") or "").strip())
        if commune is None:
            report.skip(
                f"communes line {member_index}",
                f"commune {member['commune_insee']!r} inconnue",
            )
            continue
        members_by_name.setdefault(name, set()).add(commune.pk)
    kept = set()
    with transaction.atomic():
        for index, row in enumerate(cpts_rows, start=2):
            _progress(progress, index - 1, len(cpts_rows))
            name = (row.get("cpts_nom") or "").strip()
            if not name:
                report.skip(f"line {index}", "nom de CPTS vide")
                continue
            emails = split_emails(row.get("email"))
            invalid = [email for email in emails if not _valid_email(email)]
            if invalid:
                report.skip(f"line {index}", f"e-mail invalide : {', '.join(invalid)}")
                continue
            wanted = members_by_name.get(name, set())
            cpts, outcome = upsert(
                CPTS,
                {"slug": slugify(name)},
                {
                    "name": name,
                    "website": normalise_url(row.get("site_web")),
                    "emails": emails,
                    "note": (row.get("remarque") or "").strip(),
                    "source_url": (row.get("source_url") or "").strip(),
                    "is_demo": False,
                },
                report,
            )
            kept.add(cpts.pk)
            if set(cpts.communes.values_list("pk", flat=True)) != wanted or (
                cpts.perimeter is None and wanted
            ):
                cpts.communes.set(wanted)
                cpts.update_perimeter()
                outcome = "created" if outcome == "created" else "updated"
            report.count(outcome)
        if kept:
            gone = CPTS.objects.filter(is_demo=False).exclude(pk__in=kept)
            names = list(gone.values_list("name", flat=True))
            if names:
                gone.delete()
                report.notes.append(f"removed, absent from the listing: {', '.join(names)}")
    return report


def _valid_email(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


# --- Schools and railway stations (refused as a whole on any bad line) -------------------------


class LineErrors:
    """Every bad line of a file, so that the whole file is refused with all its reasons."""

    def __init__(self, filename, outcome="rien n’a été importé", where="ligne"):
        self.filename = filename or "fichier"
        self.outcome = outcome
        self.where = where
        self.errors = []

    def add(self, line, reason):
        self.errors.append((line, reason))

    def message(self):
        """Every error, one a line, after a heading that names the file ("" if none)."""
        if not self.errors:
            return ""
        shown = self.errors[:50]
        lines = [f"{self.filename}, {self.where} {line} : {reason}" for line, reason in shown]
        if len(self.errors) > len(shown):
            lines.append(f"… et {len(self.errors) - len(shown)} autres lignes en erreur")
        return (
            f"{self.filename} refusé : {len(self.errors)} ligne(s) en erreur, "
            f"{self.outcome}.\n" + "\n".join(lines)
        )

    def raise_if_any(self):
        if self.errors:
            raise ImportFailed(self.message())


class TerritoryShape:
    """The union of the communes' outlines, computed once in PostGIS, to refuse points outside
    the département."""

    def __init__(self):
        self._prepared = None

    def contains(self, point):
        if self._prepared is None:
            union = Commune.objects.aggregate(union=Union("boundary"))["union"]
            if union is None:
                return False
            self._prepared = union.prepared
        return self._prepared.intersects(point)


def _optional_point(row, line, errors, shape):
    """The row's WGS84 point, None if it has none; an error if unreadable or outside."""
    lat, lon = (row.get("lat_wgs84") or "").strip(), (row.get("lon_wgs84") or "").strip()
    if not lat and not lon:
        return None
    try:
        point = Point(float(lon), float(lat), srid=4326)
    except ValueError:
        errors.add(line, f"coordonnées illisibles : {lat!r}, {lon!r}")
        return None
    if not shape.contains(point):
        errors.add(line, f"coordonnées hors du département : {lat}, {lon}")
        return None
    return point


def _commune_of(row, line, errors, communes):
    code = (row.get("commune_insee") or "").strip()
    commune = communes.get(code)
    if commune is None:
        errors.add(line, f"commune {code!r} hors du territoire du portail")
    return commune


def _remove_absent(model, key, kept, report):
    removed, _detail = model.objects.exclude(**{f"{key}__in": kept}).delete()
    if removed:
        report.notes.append(f"{removed} row(s) absent from the file removed")


SCHOOL_COLUMNS = ["uai", "nom", "type", "secteur", "commune_insee", "lat_wgs84", "lon_wgs84"]
SCHOOL_KINDS = {
    "école primaire": SchoolKind.PRIMARY,
    "école élémentaire": SchoolKind.ELEMENTARY,
    "collège": SchoolKind.MIDDLE,
    "lycée général et technologique": SchoolKind.GENERAL,
    "lycée polyvalent": SchoolKind.POLYVALENT,
    "lycée professionnel": SchoolKind.VOCATIONAL,
}
SCHOOL_SOURCE_WITH_POINT = (
    "MENJ-DEPP, IPS rentrée 2022-2023 ; géolocalisation des établissements (novembre 2024)"
)
SCHOOL_SOURCE = "MENJ-DEPP, indices de position sociale (IPS), rentrée 2022-2023"


def _school_sector(row):
    sector = (row.get("secteur") or "").strip().lower()
    if sector == "public":
        return SchoolSector.PUBLIC
    if sector in ("privé", "prive"):
        contract = (row.get("contrat_prive") or "").strip().lower()
        if contract == "hors contrat":
            return SchoolSector.PRIVATE
        return SchoolSector.PRIVATE_UNDER_CONTRACT
    return None


def import_schools(data, filename="", progress=None):
    """Import the schools file (one row per UAI). Any bad line refuses the whole file."""
    report = ImportReport("Schools")
    rows = read_csv(data, SCHOOL_COLUMNS, report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    errors, shape, seen, parsed = LineErrors(filename), TerritoryShape(), set(), []
    for line, row in enumerate(rows, start=2):
        uai = (row.get("uai") or "").strip().upper()
        if not (len(uai) == 8 and uai[:7].isdigit() and uai[7].isalpha()):
            errors.add(line, f"code UAI {uai!r} invalide (7 chiffres et une lettre attendus)")
            continue
        if uai in seen:
            errors.add(line, f"code UAI {uai} déjà présent plus haut")
            continue
        seen.add(uai)
        kind = SCHOOL_KINDS.get((row.get("type") or "").strip().lower())
        if kind is None:
            errors.add(line, f"type « {row.get('type')} » inconnu")
        sector = _school_sector(row)
        if sector is None:
            errors.add(line, f"secteur « {row.get('secteur')} » inconnu (public ou privé)")
        commune = _commune_of(row, line, errors, communes)
        point = _optional_point(row, line, errors, shape)
        if not (row.get("nom") or "").strip():
            errors.add(line, "nom vide")
        parsed.append((uai, row, kind, sector, commune, point))
    errors.raise_if_any()
    commune_names = [commune.name for commune in communes.values()]
    existing = School.objects.in_bulk(field_name="uai")
    with transaction.atomic():
        for index, (uai, row, kind, sector, commune, point) in enumerate(parsed, start=1):
            _progress(progress, index, len(parsed))
            name = row["nom"].strip()
            values = {
                "name": name,
                "display_name": facility_display_name(name, commune_names),
                "kind": kind,
                "level": SchoolKind(kind).level,
                "sector": sector,
                "commune": commune,
                "point": point or place_at_commune(commune),
                "location_precision": LocationPrecision.EXACT
                if point
                else LocationPrecision.COMMUNE,
                "source": SCHOOL_SOURCE_WITH_POINT if point else SCHOOL_SOURCE,
                "source_url": (row.get("source_liste_url") or "").strip(),
            }
            _school, outcome = upsert(School, {"uai": uai}, values, report, found=existing.get(uai))
            report.count(outcome)
        _remove_absent(School, "uai", seen, report)
    return report


STATION_COLUMNS = ["code_uic", "nom", "segment_drg", "commune_insee", "lat_wgs84", "lon_wgs84"]


def import_railway_stations(data, filename="", progress=None):
    """Import the passenger stations. Any bad line refuses the whole file."""
    report = ImportReport("Railway stations")
    rows = read_csv(data, STATION_COLUMNS, report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    errors, shape, seen, parsed = LineErrors(filename), TerritoryShape(), set(), []
    for line, row in enumerate(rows, start=2):
        code = (row.get("code_uic") or "").strip()
        if not (len(code) == 8 and code.isdigit()):
            errors.add(line, f"code UIC {code!r} invalide (8 chiffres attendus)")
            continue
        if code in seen:
            errors.add(line, f"code UIC {code} déjà présent plus haut")
            continue
        seen.add(code)
        segment = (row.get("segment_drg") or "").strip().lower()
        if segment not in StationSegment.values:
            errors.add(line, f"segment « {row.get('segment_drg')} » inconnu (A, B ou C)")
        commune = _commune_of(row, line, errors, communes)
        point = None
        if (row.get("lat_wgs84") or "").strip() and (row.get("lon_wgs84") or "").strip():
            point = _optional_point(row, line, errors, shape)
        else:
            errors.add(line, "coordonnées absentes (une gare a toujours une position)")
        if not (row.get("nom") or "").strip():
            errors.add(line, "nom vide")
        parsed.append((code, row, segment, commune, point))
    errors.raise_if_any()
    existing = RailwayStation.objects.in_bulk(field_name="uic_code")
    with transaction.atomic():
        for index, (code, row, segment, commune, point) in enumerate(parsed, start=1):
            _progress(progress, index, len(parsed))
            codes = (row.get("codes_uic_source") or code).split()
            _station, outcome = upsert(
                RailwayStation,
                {"uic_code": code},
                {
                    "uic_codes": codes,
                    "name": row["nom"].strip(),
                    "trigram": (row.get("trigramme") or "").strip()[:3],
                    "segment": segment,
                    "commune": commune,
                    "point": point,
                    "source_url": (row.get("source_url") or "").strip(),
                },
                report,
                found=existing.get(code),
            )
            report.count(outcome)
        _remove_absent(RailwayStation, "uic_code", seen, report)
    return report


# --- The territory's advantages (content the project lead edits, with its source) -------------


def import_highlights(data, progress=None):
    report = ImportReport("Territory highlights")
    rows = read_csv(data, ["key", "position", "title", "text", "source"], report=report)
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            _progress(progress, index - 1, len(rows))
            key = slugify(row.get("key") or "")
            if not key or not (row.get("title") or "").strip():
                report.skip(f"line {index}", "identifiant ou titre vide")
                continue
            try:
                position = int(row.get("position") or 0)
            except ValueError:
                report.skip(f"line {index}", f"ordre illisible : {row.get('position')!r}")
                continue
            _highlight, outcome = upsert(
                TerritoryHighlight,
                {"key": key},
                {
                    "title": row["title"].strip(),
                    "text": (row.get("text") or "").strip(),
                    "source": (row.get("source") or "").strip(),
                    "source_url": (row.get("source_url") or "").strip(),
                    "position": position,
                    "to_check": (row.get("to_check") or "").strip().lower() in ("oui", "yes", "1"),
                },
                report,
            )
            report.count(outcome)
    return report


# --- FINESS extraction (etalab-cs1100507-stock-*.csv) -------------------------------------------

# Positions of the fields in the "structureet" lines of the official extraction.
FINESS_ET, FINESS_EJ, FINESS_NAME, FINESS_LONG_NAME = 1, 2, 3, 4
FINESS_NUMBER, FINESS_STREET_TYPE, FINESS_STREET = 7, 8, 9
FINESS_COMMUNE, FINESS_DEPARTMENT, FINESS_ROUTING = 12, 13, 15
FINESS_PHONE, FINESS_CATEGORY, FINESS_CATEGORY_LABEL = 16, 18, 19
FINESS_STRUCTURE_FIELDS = 32

KIND_BY_FINESS_CATEGORY = {
    "101": FacilityKind.HOSPITAL,  # Centre hospitalier régional
    "106": FacilityKind.HOSPITAL,  # Centre hospitalier, ex hôpital local
    "355": FacilityKind.HOSPITAL,  # Centre hospitalier (C.H.)
    "122": FacilityKind.CLINIC,  # Établissement de soins obstétriques, chirurgicaux et médicaux
    "128": FacilityKind.CLINIC,  # Établissement de soins chirurgicaux
    "129": FacilityKind.CLINIC,  # Établissement de soins médicaux
    "365": FacilityKind.CLINIC,  # Établissement de soins pluridisciplinaire
    "109": FacilityKind.REHABILITATION,  # Établissement de santé privé autorisé en SSR
    "161": FacilityKind.PSYCHIATRY,  # Maison de santé pour maladies mentales
    "292": FacilityKind.PSYCHIATRY,  # Centre hospitalier spécialisé lutte maladies mentales
    "362": FacilityKind.LONG_STAY,  # Établissement de soins longue durée
    "141": FacilityKind.DIALYSIS,  # Centre de dialyse
    "146": FacilityKind.DIALYSIS,  # Structure d'alternative à la dialyse en centre
    "127": FacilityKind.HOME_HOSPITALISATION,  # Hospitalisation à domicile
    "603": FacilityKind.MSP,  # Maison de santé (L.6223-3)
    "124": FacilityKind.HEALTH_CENTRE,  # Centre de santé
}


@dataclass
class FinessEstablishment:
    """One kept "structureet" line of the FINESS extraction, with its WGS84 point if any."""

    line: int
    finess_et: str
    finess_ej: str
    name: str
    kind: str
    category_code: str
    category_label: str
    street_number: str
    street: str
    postal_code: str
    insee: str
    phone: str
    point: Point | None


@dataclass
class FinessExtraction:
    date: str  # of the extraction, from its first line ("finess;etalab;95;2026-11-01")
    encoding: str
    establishments: list
    problems: list  # (line number, reason): lines that could not be read


def read_finess_extraction(data, department=None, categories=None):
    """The establishments of the national FINESS extraction (etalab-cs1100507-stock-*.csv).

    Only the categories of KIND_BY_FINESS_CATEGORY (or ``categories``) are kept, and only those
    of ``department`` when given; Lambert-93 coordinates are converted to WGS84. A line of
    another département or category is left out silently; a line that cannot be read is in
    ``problems``."""
    text, encoding = decode(data)
    try:
        lines = list(csv.reader(io.StringIO("\n".join(text.splitlines())), delimiter=";"))
    except csv.Error as exc:
        raise ImportFailed(f"Le fichier FINESS est mal formé : {exc}.") from exc
    if not lines or not lines[0] or lines[0][0].strip().lower() != "finess":
        raise ImportFailed(
            "Ce fichier n’est pas une extraction FINESS "
            "(première ligne « finess;etalab;… » attendue)."
        )
    kinds = {
        code: kind
        for code, kind in KIND_BY_FINESS_CATEGORY.items()
        if not categories or code in categories
    }
    extraction = FinessExtraction(
        date=lines[0][3].strip() if len(lines[0]) > 3 else "",
        encoding=encoding,
        establishments=[],
        problems=[],
    )
    coordinates = {}
    structures = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        section = line[0].strip().lower()
        if section == "geolocalisation" and len(line) >= 4:
            coordinates[line[1].strip()] = (line[2].strip(), line[3].strip())
        elif section == "structureet":
            structures.append((number, line))
        else:
            extraction.problems.append((number, f"type de ligne inconnu « {line[0][:30]} »"))
    for number, line in structures:
        if len(line) < FINESS_STRUCTURE_FIELDS:
            extraction.problems.append(
                (number, f"{len(line)} champs au lieu de {FINESS_STRUCTURE_FIELDS}")
            )
            continue
        department_code = line[FINESS_DEPARTMENT].strip()
        if department and department_code != department:
            continue
        category = line[FINESS_CATEGORY].strip()
        if category not in kinds:
            continue
        finess = line[FINESS_ET].strip()
        if len(finess) != 9:
            extraction.problems.append((number, "numéro FINESS établissement invalide"))
            continue
        point, _precision = _lambert93_point(coordinates.get(finess))
        routing = line[FINESS_ROUTING].strip()
        extraction.establishments.append(
            FinessEstablishment(
                line=number,
                finess_et=finess,
                finess_ej=line[FINESS_EJ].strip(),
                name=(line[FINESS_LONG_NAME] or line[FINESS_NAME]).strip(),
                kind=kinds[category],
                category_code=category,
                category_label=line[FINESS_CATEGORY_LABEL].strip(),
                street_number=line[FINESS_NUMBER].strip(),
                street=" ".join(
                    part.strip()
                    for part in (line[FINESS_STREET_TYPE], line[FINESS_STREET])
                    if part.strip()
                ),
                postal_code=routing[:5] if routing[:5].isdigit() else "",
                insee=department_code + line[FINESS_COMMUNE].strip(),
                phone=line[FINESS_PHONE].strip(),
                point=point,
            )
        )
    return extraction


def import_finess(data, department=None, categories=None, progress=None):
    """Import the establishments of the national FINESS extraction (``read_finess_extraction``)
    whose commune is in the portal."""
    report = ImportReport("FINESS")
    extraction = read_finess_extraction(data, department=department, categories=categories)
    if extraction.encoding != "utf-8":
        report.notes.append(f"file read as {extraction.encoding}")
    for number, reason in extraction.problems:
        report.skip(f"line {number}", reason)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    commune_names = [commune.name for commune in communes.values()]
    establishments = extraction.establishments
    with transaction.atomic():
        for index, establishment in enumerate(establishments, start=1):
            _progress(progress, index, len(establishments))
            commune = communes.get(establishment.insee)
            if commune is None:
                report.skip(
                    establishment.finess_et, f"commune {establishment.insee} inconnue du portail"
                )
                continue
            point, precision = establishment.point, LocationPrecision.EXACT
            if point is None:
                point, precision = place_at_commune(commune), LocationPrecision.COMMUNE
            street = " ".join(
                part for part in (establishment.street_number, establishment.street) if part
            )
            _facility, outcome = upsert(
                HealthFacility,
                {"finess_et": establishment.finess_et},
                {
                    "finess_ej": establishment.finess_ej,
                    "name": establishment.name,
                    "display_name": facility_display_name(establishment.name, commune_names),
                    "kind": establishment.kind,
                    "category_code": establishment.category_code,
                    "category_label": establishment.category_label,
                    "address": street.title() if street.isupper() else street,
                    "postal_code": establishment.postal_code,
                    "commune": commune,
                    "point": point,
                    "location_precision": precision,
                    "phone": establishment.phone,
                    "source": "Extraction FINESS (data.gouv.fr)",
                    "is_demo": False,
                },
                report,
            )
            report.count(outcome)
    return report


def _lambert93_point(pair):
    if not pair:
        return None, None
    try:
        x, y = float(pair[0]), float(pair[1])
    except ValueError:
        return None, None
    # Metropolitan France in Lambert-93 (EPSG:2154); other systems (overseas) are not mapped.
    if not (50_000 <= x <= 1_300_000 and 6_000_000 <= y <= 7_200_000):
        return None, None
    point = Point(x, y, srid=2154)
    point.transform(4326)
    return point, LocationPrecision.EXACT


# --- Zoning -----------------------------------------------------------------------------------

ZONE_ALIASES = {
    "zip": Zone.ZIP,
    "zone d'intervention prioritaire": Zone.ZIP,
    "zac": Zone.ZAC,
    "zone d'action complementaire": Zone.ZAC,
    "zone d'action complémentaire": Zone.ZAC,
    "vigilance": Zone.VIGILANCE,
    "zone de vigilance": Zone.VIGILANCE,
    "hors zonage": Zone.NONE,
    "hz": Zone.NONE,
    "hors_zonage": Zone.NONE,
    "aucune": Zone.NONE,
    "none": Zone.NONE,
}


def import_zoning(
    data, valid_from, source, is_demo=False, progress=None, valid_until=None, source_url=""
):
    """Import a zoning CSV with the columns insee (or code_insee, commune_insee) and zone.

    The order that was in force before ``valid_from`` in the same communes is closed the day
    before (its ``valid_until``), so that the new order replaces it from that date.
    """
    if not isinstance(valid_from, date):
        raise ImportFailed("La date d’entrée en vigueur est obligatoire.")
    if not source.strip():
        raise ImportFailed("La source du zonage est obligatoire (par exemple l’arrêté de l’ARS).")
    report = ImportReport("Zoning")
    text, _encoding = decode(data)
    header = text.split("\n", 1)[0].lower()
    insee_column = next(
        (name for name in ("code_insee", "commune_insee") if name in header), "insee"
    )
    rows = read_csv(data, [insee_column, "zone"], report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    seen = set()
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            _progress(progress, index - 1, len(rows))
            insee = (row.get(insee_column) or "").strip().zfill(5)
            commune = communes.get(insee)
            if commune is None:
                report.skip(f"line {index}", f"commune {insee!r} inconnue du portail")
                continue
            if insee in seen:
                report.skip(
                    f"line {index}", f"commune {insee} déjà présente plus haut dans le fichier"
                )
                continue
            raw_zone = (row.get("zone") or "").strip().lower().replace("’", "'")
            zone = ZONE_ALIASES.get(raw_zone)
            if zone is None:
                report.skip(
                    f"line {index}",
                    f"zone « {row.get('zone')} » inconnue (ZIP, ZAC, vigilance, hors zonage)",
                )
                continue
            seen.add(insee)
            _zoning, outcome = upsert(
                Zoning,
                {"commune": commune, "valid_from": valid_from, "is_demo": is_demo},
                {
                    "zone": zone,
                    "source": source.strip(),
                    "source_url": source_url,
                    "valid_until": valid_until,
                },
            )
            report.count(outcome)
        closed = close_previous_zonings(seen, valid_from, is_demo)
        if closed:
            report.notes.append(f"{closed} zonings of an earlier order closed on the day before")
    return report


def close_previous_zonings(insee_codes, valid_from, is_demo=False):
    """End, the day before ``valid_from``, the earlier orders still open in these communes."""
    return Zoning.objects.filter(
        commune__insee_code__in=insee_codes,
        is_demo=is_demo,
        valid_from__lt=valid_from,
        valid_until__isnull=True,
    ).update(valid_until=valid_from - timedelta(days=1))


# --- Priority districts (QPV) and France Ruralités Revitalisation (FRR) ---------------------------

QPV_ZONE_SOURCE = "Arrêté de l’ARS de zonage des QPV pour les médecins"


def import_priority_districts(
    data, geography="QPV 2024", progress=None, zone_source=QPV_ZONE_SOURCE
):
    """Import the QPV list: qpv_code, qpv_nom, commune_insee and the doctors' zoning of each."""
    report = ImportReport("Priority districts (QPV)")
    rows = read_csv(data, ["qpv_code", "qpv_nom", "commune_insee"], report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            _progress(progress, index - 1, len(rows))
            code = (row.get("qpv_code") or "").strip()
            commune = communes.get((row.get("commune_insee") or "").strip().zfill(5))
            if not code or commune is None:
                report.skip(f"line {index}", "code du quartier vide ou commune inconnue")
                continue
            raw_zone = (row.get("zonage_medecins_qpv_2025") or "").strip().lower()
            zone = ZONE_ALIASES.get(raw_zone, "")
            _district, outcome = upsert(
                PriorityDistrict,
                {"code": code},
                {
                    "name": (row.get("qpv_nom") or "").strip(),
                    "commune": commune,
                    "geography": geography,
                    "doctors_zone": zone,
                    "zone_source": zone_source if zone else "",
                    "source_url": (row.get("source_url") or "").strip(),
                },
            )
            report.count(outcome)
    return report


FRR_CATEGORIES = {
    "frr socle": FRRCategory.BASE,
    "frr+": FRRCategory.PLUS,
    "frr bénéficiaire": FRRCategory.BENEFICIARY,
    "frr beneficiaire": FRRCategory.BENEFICIARY,
}
FRR_SOURCE = "DGCL, liste des communes France Ruralités Revitalisation (juillet 2025)"


def import_rural_revitalisation(data, as_of, source=FRR_SOURCE, progress=None):
    """Import the FRR communes (commune_insee, category); communes absent from the list lose
    their classification, since the list names every classed commune."""
    report = ImportReport("France Ruralités Revitalisation (FRR)")
    rows = read_csv(data, ["commune_insee", "category"], report=report)
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    kept = set()
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            _progress(progress, index - 1, len(rows))
            commune = communes.get((row.get("commune_insee") or "").strip().zfill(5))
            category = FRR_CATEGORIES.get((row.get("category") or "").strip().lower())
            if commune is None or category is None:
                report.skip(f"line {index}", "commune inconnue ou classement FRR inconnu")
                continue
            kept.add(commune.pk)
            _frr, outcome = upsert(
                RuralRevitalisation,
                {"commune": commune},
                {
                    "category": category,
                    "as_of": as_of,
                    "source": source,
                    "source_url": (row.get("source_url") or "").strip(),
                },
            )
            report.count(outcome)
        if rows and kept:
            removed, _detail = RuralRevitalisation.objects.exclude(commune__in=kept).delete()
            if removed:
                report.notes.append(f"{removed} communes no longer on the list")
    return report
