"""The housing's open data columns: what the list shows, never the contact's name, e-mail or
phone, nor the address or position (a private landlord's home)."""

from housing.enums import HousingAudience
from vsa_portal.kinds import ExportField
from vsa_portal.open_data import commune_fields, demo_field, id_field, url_field

AUDIENCES = dict(HousingAudience.choices)


def _date(value):
    return value.isoformat() if value else None


EXPORT_FIELDS = (
    id_field(),
    url_field("Adresse de l’annonce"),
    ExportField(name="titre", title="Titre", value=lambda h, r: h.title),
    ExportField(
        name="type", title="Type de logement", value=lambda h, r: h.get_housing_type_display()
    ),
    ExportField(name="meuble", title="Meublé", type="boolean", value=lambda h, r: h.furnished),
    ExportField(
        name="loyer",
        title="Loyer mensuel hors charges (€)",
        type="integer",
        value=lambda h, r: h.rent,
    ),
    ExportField(
        name="charges", title="Charges mensuelles (€)", type="integer", value=lambda h, r: h.charges
    ),
    ExportField(name="surface", title="Surface (m²)", type="integer", value=lambda h, r: h.surface),
    ExportField(
        name="disponible_du",
        title="Disponible à partir du",
        type="date",
        value=lambda h, r: _date(h.available_from),
    ),
    ExportField(
        name="disponible_au",
        title="Disponible jusqu’au",
        type="date",
        value=lambda h, r: _date(h.available_until),
    ),
    ExportField(
        name="publics",
        title="Publics",
        value=lambda h, r: ", ".join(str(AUDIENCES.get(a, a)) for a in h.audiences),
    ),
    ExportField(
        name="accessible_pmr",
        title="Accessible aux personnes à mobilité réduite",
        type="boolean",
        value=lambda h, r: h.accessible,
    ),
    *commune_fields(),
    ExportField(
        name="publie_le",
        title="Publié le",
        type="datetime",
        value=lambda h, r: h.published_at.isoformat() if h.published_at else None,
    ),
    demo_field("Vrai pour un logement fictif, généré pour la démonstration."),
)
