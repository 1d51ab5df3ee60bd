"""The demography observatory: general practitioners per commune (INSEE BPE counts, vintage
shown), population, density per 10,000 inhabitants, zoning, QPV and FRR, facilities and the
open items of the kinds on the map, per commune, EPCI, CPTS and for the département. What the
data does not have is "non disponible" until the project lead imports it (APL, RPPS ages: see
``collective.importers``); a newer BPE vintage imported replaces the file shipped with the code."""

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count

from collective.enums import Indicator
from territory.models import Commune
from vsa_portal import kinds
from vsa_portal.kinds import ExportField
from vsa_portal.open_data import Dataset

PER = 10_000  # density per 10,000 inhabitants

SORTS = {
    "commune": (lambda row: row.name, False),
    "medecins": (lambda row: (row.gp_count is None, row.gp_count or 0), True),
    "densite": (lambda row: (row.density is None, row.density or 0), True),
    "population": (lambda row: row.population, True),
}
DEFAULT_SORT = "commune"


def file_gp_counts():
    """{INSEE code: (count, vintage)} from the territory folder's gp_per_commune.csv (empty when
    the folder has none: the figures then say "non disponible")."""
    path = settings.TERRITORY["files"].get("gp_per_commune.csv")
    return _read_gp_file(path) if path else {}


@lru_cache(maxsize=4)
def _read_gp_file(path):
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {
            row["commune_insee"]: (int(row["gp_count"]), row["vintage"])
            for row in csv.DictReader(handle)
        }


def imported(indicator):
    from collective.models import CommuneIndicator

    return CommuneIndicator.objects.latest_vintage(indicator)


def gp_counts():
    """{INSEE code: (count, vintage)}: the last BPE vintage imported, else the shipped file."""
    counts = imported(Indicator.GP_COUNT)
    if counts:
        return {code: (int(value), vintage) for code, (value, vintage) in counts.items()}
    return file_gp_counts()


def vintage(rows=None):
    """The vintages of the GP counts shown: of these rows, else of the current counts."""
    if rows is not None:
        return ", ".join(sorted({row.vintage for row in rows if row.vintage}))
    return ", ".join(sorted({vintage for _count, vintage in gp_counts().values()}))


def density(gp_count, population):
    if gp_count is None or not population:
        return None
    return round(gp_count * PER / population, 1)


@dataclass
class Row:
    insee_code: str
    name: str
    url: str
    epci: str
    population: int
    gp_count: int | None
    density: float | None
    zone: str
    zone_is_demo: bool
    qpv_count: int
    frr: str
    cpts: list = field(default_factory=list)
    facility_count: int = 0
    apl: float | None = None
    gp_60_plus: int | None = None
    items: list = field(default_factory=list)  # the open items of each kind on the map
    vintage: str = ""


def mapped_kinds():
    """The public kinds on the map whose items lie in a commune (offers, housing, events…)."""
    return [
        kind
        for kind in kinds.with_layers()
        if kind.public and any(f.name == "commune" for f in kind.model._meta.get_fields())
    ]


def open_items_per_commune():
    """[(kind, {commune pk: count})], one query per kind."""
    return [
        (
            kind,
            dict(
                kind.published()
                .order_by()
                .values_list("commune")
                .annotate(count=Count("pk"))
                .values_list("commune", "count")
            ),
        )
        for kind in mapped_kinds()
    ]


def commune_rows(sort=DEFAULT_SORT):
    from django.db.models import Prefetch

    from territory.enums import Zone
    from territory.models import CPTS

    counts = gp_counts()
    apl = imported(Indicator.APL)
    older = imported(Indicator.GP_60_PLUS)
    per_kind = open_items_per_commune()
    communes = (
        Commune.objects.with_current_zone()
        .select_related("epci", "frr")
        .prefetch_related(Prefetch("cpts", queryset=CPTS.objects.only("name").order_by("name")))
        .annotate(
            qpv_count=Count("priority_districts", distinct=True),
            facility_count=Count("facilities", distinct=True),
        )
        .defer("boundary")
        .order_by("name", "pk")
    )
    rows = []
    for commune in communes:
        gp_count, gp_vintage = counts.get(commune.insee_code, (None, ""))
        frr = commune.frr_or_none
        apl_value = apl.get(commune.insee_code, (None,))[0]
        older_value = older.get(commune.insee_code, (None,))[0]
        rows.append(
            Row(
                insee_code=commune.insee_code,
                name=commune.name,
                url=commune.get_absolute_url(),
                epci=commune.epci.name if commune.epci else "",
                population=commune.population,
                gp_count=gp_count,
                density=density(gp_count, commune.population),
                zone=Zone(commune.current_zone).label if commune.current_zone else "",
                zone_is_demo=bool(commune.current_zone_is_demo),
                qpv_count=commune.qpv_count,
                frr=frr.get_category_display() if frr else "",
                cpts=[cpts.name for cpts in commune.cpts.all()],
                facility_count=commune.facility_count,
                apl=None if apl_value is None else float(apl_value),
                gp_60_plus=None if older_value is None else int(older_value),
                items=[(kind, counted.get(commune.pk, 0)) for kind, counted in per_kind],
                vintage=gp_vintage,
            )
        )
    key, reverse = SORTS.get(sort, SORTS[DEFAULT_SORT])
    rows.sort(key=lambda row: row.name)  # a stable tie-break by name
    rows.sort(key=key, reverse=reverse)
    return rows


def _groups(rows, names):
    totals = {}
    for row in rows:
        for name in names(row):
            gp, population, communes = totals.get(name, (0, 0, 0))
            totals[name] = (gp + (row.gp_count or 0), population + row.population, communes + 1)
    return [
        {
            "name": name,
            "communes": n,
            "gp_count": gp,
            "population": pop,
            "density": density(gp, pop),
        }
        for name, (gp, pop, n) in sorted(totals.items())
    ]


def cpts_rows(rows):
    """Per CPTS (a commune may belong to none, or to one): the same sums as per EPCI."""
    return _groups(rows, lambda row: row.cpts)


def epci_rows(rows):
    return _groups(rows, lambda row: [row.epci] if row.epci else [])


def department_figures(rows):
    gp = sum(row.gp_count or 0 for row in rows)
    population = sum(row.population for row in rows)
    return {
        "gp_count": gp,
        "population": population,
        "density": density(gp, population),
        "without_gp": sum(1 for row in rows if row.gp_count == 0),
        "facilities": sum(row.facility_count for row in rows),
    }


def _blank(value):
    return "" if value is None else value


def _zone(row, request):
    return row.zone + (" (démo)" if row.zone and row.zone_is_demo else "")


def _attribute(name, title, attribute, type="string"):
    return ExportField(
        name=name, title=title, type=type, value=lambda row, request: getattr(row, attribute)
    )


# The observatory's columns: its CSV download and its open data (JSON, API, Table Schema).
EXPORT_FIELDS = (
    _attribute("code_insee", "Code INSEE de la commune", "insee_code"),
    _attribute("commune", "Commune", "name"),
    _attribute("intercommunalite", "Intercommunalité", "epci"),
    _attribute("population", "Population légale", "population", "integer"),
    _attribute(
        "medecins_generalistes", "Médecins généralistes libéraux (BPE)", "gp_count", "integer"
    ),
    _attribute(
        "densite_pour_10000_habitants",
        "Médecins généralistes pour 10 000 habitants",
        "density",
        "number",
    ),
    ExportField(name="zonage", title="Zonage médecins en vigueur", value=_zone),
    _attribute(
        "quartiers_prioritaires",
        "Quartiers prioritaires de la politique de la ville",
        "qpv_count",
        "integer",
    ),
    _attribute(
        "france_ruralites_revitalisation", "Classement France ruralités revitalisation", "frr"
    ),
    _attribute("millesime_medecins", "Millésime du décompte des médecins", "vintage"),
    ExportField(name="cpts", title="CPTS", value=lambda row, request: ", ".join(row.cpts)),
    _attribute(
        "etablissements_de_sante", "Établissements de santé (FINESS)", "facility_count", "integer"
    ),
    _attribute(
        "apl_medecins_generalistes",
        "APL aux médecins généralistes (DREES), si importée",
        "apl",
        "number",
    ),
    _attribute(
        "medecins_60_ans_plus",
        "Médecins généralistes de 60 ans et plus (RPPS), si importé",
        "gp_60_plus",
        "integer",
    ),
    ExportField(
        name="contenus_publies",
        title="Contenus publiés dans la commune (par type)",
        value=lambda row, request: ", ".join(f"{kind.key}: {count}" for kind, count in row.items),
        description="Les contenus publiés sur la carte : offres, logements, événements.",
    ),
)
CSV_HEADER = [field.name for field in EXPORT_FIELDS]


def csv_lines(rows):
    yield CSV_HEADER
    for row in rows:
        yield [_blank(field.value(row, None)) for field in EXPORT_FIELDS]


def dataset():
    """The observatory as an open dataset: one row per commune, sorted as the page (?tri=)."""
    return Dataset(
        key="observatoire",
        title="Observatoire de la démographie médicale",
        description=(
            "Les médecins généralistes libéraux par commune (Insee, BPE), la population, la "
            "densité pour 10 000 habitants, le zonage, les quartiers prioritaires et la FRR."
        ),
        page_url="collective:observatory",
        rows=lambda params: commune_rows(params.get("tri", DEFAULT_SORT)),
        parameters=(("tri", "Ordre des communes : " + ", ".join(SORTS) + "."),),
        frequency="À chaque nouveau millésime des fichiers officiels importé par la cheffe de projet.",
        fields=EXPORT_FIELDS,
    )


# The choropleth: communes coloured by density, drawn on the server from their outlines.
# (upper bound excluded, label, fill colour): a sequential palette, darker where doctors lack.
CLASSES = [
    (0.0001, "aucun médecin", "#7a1f3d"),
    (5, "moins de 5", "#c2456b"),
    (8, "de 5 à moins de 8", "#e98fa5"),
    (11, "de 8 à moins de 11", "#f6cdd6"),
    (None, "11 ou plus", "#fbeff2"),
]
NO_DATA_COLOUR = "#d9d9d9"
LATITUDE_SCALE = 0.72  # cos(44°): a degree of longitude is shorter than one of latitude here


def density_class(value):
    if value is None:
        return NO_DATA_COLOUR
    for upper, _label, colour in CLASSES:
        if upper is None or value < upper:
            return colour
    return CLASSES[-1][2]


def choropleth(rows):
    """{"view_box", "scale", "paths": [(svg path, fill, title)], "legend"} for the SVG map."""
    from django.contrib.gis.db.models import Extent
    from django.contrib.gis.db.models.functions import AsSVG

    by_code = {row.insee_code: row for row in rows}
    communes = Commune.objects.annotate(svg=AsSVG("boundary", precision=3)).order_by("pk")
    paths = []
    for insee_code, svg in communes.values_list("insee_code", "svg"):
        row = by_code.get(insee_code)
        if row is None:
            continue
        title = f"{row.name} : " + (
            "non disponible" if row.density is None else f"{row.density:.1f}".replace(".", ",")
        )
        paths.append((svg, density_class(row.density), title))
    extent = Commune.objects.aggregate(extent=Extent("boundary"))["extent"]
    if not extent:
        return None
    min_x, min_y, max_x, max_y = extent
    view_box = (
        f"{min_x * LATITUDE_SCALE:.3f} {-max_y:.3f} "
        f"{(max_x - min_x) * LATITUDE_SCALE:.3f} {max_y - min_y:.3f}"
    )
    return {
        "view_box": view_box,
        "scale": LATITUDE_SCALE,
        "paths": paths,
        "legend": [(label, colour) for _upper, label, colour in CLASSES],
        "no_data": NO_DATA_COLOUR,
    }
