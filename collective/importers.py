"""The observatory's importer: a newer official file (Insee BPE, DREES APL by commune, RPPS
age structure) read per commune of the territory, in one transaction, idempotent (a re-run of
the same file changes nothing), with a report of what was created, updated, unchanged and
skipped. A dry run is the command's ``--dry-run`` or the admin form's checkbox: the import
runs in full and is rolled back.

Accepted columns: the commune's code in ``commune_insee``, ``code_insee``, ``codgeo`` or
``depcom``; the value in ``valeur`` or the indicator's own column. A BPE detail file (one row
per equipment with ``typequ``) is counted: the general practitioners are type D201, each row
counts ``nb_equip`` (1 without that column)."""

from decimal import Decimal, InvalidOperation

from django.db import transaction

from collective.enums import Indicator
from collective.models import CommuneIndicator, ObservatoryImport
from territory.importers import ImportFailed, ImportReport, read_csv
from territory.models import Commune

CODE_COLUMNS = ("commune_insee", "code_insee", "codgeo", "depcom", "code commune insee")
VALUE_COLUMNS = {
    Indicator.GP_COUNT: ("valeur", "gp_count", "nb_medg", "medecins_generalistes", "nb_equip"),
    Indicator.APL: ("valeur", "apl", "apl_mg", "apl aux médecins généralistes"),
    Indicator.GP_60_PLUS: ("valeur", "medecins_60_ans_plus", "nb_medg_60_plus"),
}
GP_EQUIPMENT_TYPE = "D201"  # BPE: médecin généraliste
MAX_VALUE = Decimal("99999999")


def _column(fieldnames, candidates):
    by_name = {name.strip().lower(): name for name in fieldnames}
    return next((by_name[c] for c in candidates if c in by_name), None)


def _number(text):
    text = (text or "").strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite() or value < 0 or value > MAX_VALUE:
        raise InvalidOperation
    return value.quantize(Decimal("0.01"))


def read_values(data, indicator, report):
    """{INSEE code: value} from the file, every code of the file (the territory's or not)."""
    rows = read_csv(data, required=[], report=report)
    fieldnames = list(rows[0].keys()) if rows else []
    code_column = _column(fieldnames, CODE_COLUMNS)
    if code_column is None:
        raise ImportFailed(
            "Aucune colonne ne donne le code INSEE de la commune : nommez-la "
            f"{', '.join(CODE_COLUMNS)}."
        )
    type_column = _column(fieldnames, ("typequ",))
    if indicator == Indicator.GP_COUNT and type_column:
        value_column = _column(fieldnames, ("nb_equip",))
    else:
        value_column = _column(fieldnames, VALUE_COLUMNS[indicator])
        if value_column is None:
            raise ImportFailed(
                "Aucune colonne ne donne la valeur : nommez-la "
                f"{', '.join(VALUE_COLUMNS[indicator])}."
            )
    values = {}
    for line, row in enumerate(rows, start=2):
        code = (row.get(code_column) or "").strip().zfill(5)
        if type_column and (row.get(type_column) or "").strip().upper() != GP_EQUIPMENT_TYPE:
            continue
        try:
            value = _number(row.get(value_column)) if value_column else Decimal("1.00")
        except InvalidOperation:
            report.skip(f"ligne {line}", f"valeur illisible : {row.get(value_column)!r}")
            continue
        values[code] = values.get(code, 0) + value if type_column else value
    return values


@transaction.atomic
def import_indicator(data, indicator, vintage, source, progress=None):
    indicator = Indicator(indicator)
    vintage = (vintage or "").strip()
    if not vintage:
        raise ImportFailed("Indiquez le millésime du fichier (par exemple « BPE 2024 »).")
    report = ImportReport(label=f"{indicator.label}, {vintage}")
    values = read_values(data, indicator, report)
    communes = dict(Commune.objects.values_list("insee_code", "pk"))
    outside = sum(1 for code in values if code not in communes)
    if values and outside == len(values):
        raise ImportFailed("Aucune commune du fichier n’appartient au territoire.")
    if outside:
        report.notes.append(f"{outside} commune(s) hors du territoire ignorée(s)")
    if indicator == Indicator.GP_COUNT:
        # the BPE lists the communes that have the equipment: the others have none
        missing = [code for code in communes if code not in values]
        values.update(dict.fromkeys(missing, Decimal("0.00")))
    existing = {
        row.commune_id: row
        for row in CommuneIndicator.objects.filter(indicator=indicator, vintage=vintage)
    }
    targets = [
        (communes[code], value) for code, value in sorted(values.items()) if code in communes
    ]
    for done, (commune_id, value) in enumerate(targets, start=1):
        current = existing.get(commune_id)
        if current is None:
            CommuneIndicator.objects.create(
                commune_id=commune_id, indicator=indicator, vintage=vintage, value=value
            )
            report.count("created")
        elif current.value != value:
            current.value = value
            current.save(update_fields=["value"])
            report.count("updated")
        else:
            report.count("unchanged")
        if progress and (done % 50 == 0 or done == len(targets)):
            progress(done, len(targets))
    ObservatoryImport.objects.create(
        indicator=indicator,
        vintage=vintage,
        source=source[:255],
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=len(report.skipped),
    )
    return report
