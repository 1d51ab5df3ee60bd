"""The aids' open data columns: the catalogue as the list shows it, with its source and the date
it was last checked."""

from aids.enums import AidStatus
from vsa_portal.kinds import ExportField
from vsa_portal.open_data import id_field, url_field


def _decimal(value):
    return None if value is None else float(value)


def list_filterset(params):
    """The aids list's filters on the list's queryset, in catalogue order."""
    from aids.filters import AidFilter
    from aids.models import Aid

    return AidFilter(params or None, queryset=Aid.objects.published().in_catalogue_order())


EXPORT_FIELDS = (
    id_field(),
    url_field("Adresse de la fiche"),
    ExportField(name="titre", title="Nom de l’aide", value=lambda a, r: a.title),
    ExportField(name="financeur", title="Financeur", value=lambda a, r: a.get_funder_display()),
    ExportField(name="niveau", title="Niveau", value=lambda a, r: a.get_level_display()),
    ExportField(name="nature", title="Nature", value=lambda a, r: a.get_kind_display()),
    ExportField(
        name="type_montant", title="Type de montant", value=lambda a, r: a.get_amount_kind_display()
    ),
    ExportField(
        name="montant", title="Montant", type="number", value=lambda a, r: _decimal(a.amount_value)
    ),
    ExportField(
        name="montant_max",
        title="Montant maximal",
        type="number",
        value=lambda a, r: _decimal(a.amount_max),
    ),
    ExportField(name="montant_texte", title="Montant en clair", value=lambda a, r: a.amount_text),
    ExportField(
        name="ouverte",
        title="Ouverte aux nouvelles demandes",
        type="boolean",
        value=lambda a, r: a.status == AidStatus.OPEN,
    ),
    ExportField(name="en_bref", title="En bref", value=lambda a, r: a.summary),
    ExportField(name="source", title="Source", value=lambda a, r: a.source_url),
    ExportField(
        name="verifiee_le",
        title="Vérifiée le",
        type="date",
        value=lambda a, r: a.last_checked.isoformat(),
    ),
)
