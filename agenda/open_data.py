"""The events' open data columns: what the list shows, never a registrant."""

from agenda.enums import Audience
from vsa_portal.kinds import ExportField

AUDIENCES = dict(Audience.choices)

EXPORT_FIELDS = (
    ExportField(name="id", title="Identifiant", type="integer", value=lambda e, r: e.pk),
    ExportField(
        name="url",
        title="Adresse de l’événement",
        value=lambda e, r: r.build_absolute_uri(e.get_absolute_url()),
    ),
    ExportField(name="titre", title="Titre", value=lambda e, r: e.title),
    ExportField(name="type", title="Type d’événement", value=lambda e, r: e.get_kind_display()),
    ExportField(
        name="publics",
        title="Publics",
        value=lambda e, r: ", ".join(str(AUDIENCES.get(a, a)) for a in e.audiences),
    ),
    ExportField(
        name="debut", title="Début", type="datetime", value=lambda e, r: e.starts_at.isoformat()
    ),
    ExportField(name="fin", title="Fin", type="datetime", value=lambda e, r: e.ends_at.isoformat()),
    ExportField(name="lieu", title="Lieu", value=lambda e, r: e.venue),
    ExportField(name="adresse", title="Adresse", value=lambda e, r: e.address),
    ExportField(
        name="commune", title="Commune", value=lambda e, r: e.commune.name if e.commune_id else ""
    ),
    ExportField(
        name="commune_insee",
        title="Code INSEE de la commune",
        value=lambda e, r: e.commune.insee_code if e.commune_id else "",
    ),
    ExportField(
        name="en_ligne", title="En ligne", type="boolean", value=lambda e, r: bool(e.online_url)
    ),
    ExportField(
        name="organisateur",
        title="Organisateur",
        value=lambda e, r: e.organisation.name if e.organisation_id else "",
    ),
    ExportField(
        name="inscription",
        title="Inscription",
        value=lambda e, r: e.get_registration_mode_display(),
    ),
    ExportField(
        name="places", title="Nombre de places", type="integer", value=lambda e, r: e.capacity
    ),
    ExportField(name="description", title="Description", value=lambda e, r: e.description),
    ExportField(
        name="demo",
        title="Contenu de démonstration",
        type="boolean",
        value=lambda e, r: e.is_demo,
        description="Vrai pour un événement fictif, généré pour la démonstration.",
    ),
)
