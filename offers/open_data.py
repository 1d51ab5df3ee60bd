"""The offers' open data columns: what the list shows, never the contact's name, e-mail or
phone, and no poster for an anonymous offer."""

from vsa_portal.kinds import ExportField


def _date(value):
    return value.isoformat() if value else None


EXPORT_FIELDS = (
    ExportField(name="id", title="Identifiant", type="integer", value=lambda o, r: o.pk),
    ExportField(
        name="url",
        title="Adresse de l’offre",
        value=lambda o, r: r.build_absolute_uri(o.get_absolute_url()),
    ),
    ExportField(name="titre", title="Titre", value=lambda o, r: o.title),
    ExportField(name="type", title="Type d’offre", value=lambda o, r: o.get_kind_display()),
    ExportField(name="profession", title="Profession", value=lambda o, r: o.profession.name),
    ExportField(name="structure", title="Structure", value=lambda o, r: o.get_structure_display()),
    ExportField(name="commune", title="Commune", value=lambda o, r: o.commune.name),
    ExportField(
        name="commune_insee",
        title="Code INSEE de la commune",
        value=lambda o, r: o.commune.insee_code,
    ),
    ExportField(
        name="publiee_par",
        title="Organisation qui publie",
        value=lambda o, r: o.public_poster or "",
        description="Vide pour une offre anonyme.",
    ),
    ExportField(name="debut", title="Début", type="date", value=lambda o, r: _date(o.start_date)),
    ExportField(name="fin", title="Fin", type="date", value=lambda o, r: _date(o.end_date)),
    ExportField(
        name="jours_par_semaine",
        title="Jours par semaine",
        type="number",
        value=lambda o, r: float(o.days_per_week) if o.days_per_week is not None else None,
    ),
    ExportField(
        name="retrocession_pourcent",
        title="Rétrocession (%)",
        type="integer",
        value=lambda o, r: o.retrocession_percent,
    ),
    ExportField(
        name="salaire_min",
        title="Salaire mensuel minimal (€)",
        type="integer",
        value=lambda o, r: o.salary_min,
    ),
    ExportField(
        name="salaire_max",
        title="Salaire mensuel maximal (€)",
        type="integer",
        value=lambda o, r: o.salary_max,
    ),
    ExportField(
        name="secretariat",
        title="Secrétariat",
        type="boolean",
        value=lambda o, r: o.has_secretariat,
    ),
    ExportField(
        name="logement_propose",
        title="Logement proposé",
        type="boolean",
        value=lambda o, r: o.housing_provided,
    ),
    ExportField(
        name="publiee_le",
        title="Publiée le",
        type="datetime",
        value=lambda o, r: o.published_at.isoformat() if o.published_at else None,
    ),
    ExportField(
        name="expire_le", title="Expire le", type="date", value=lambda o, r: _date(o.expires_on)
    ),
    ExportField(name="description", title="Description", value=lambda o, r: o.description),
    ExportField(
        name="demo",
        title="Contenu de démonstration",
        type="boolean",
        value=lambda o, r: o.is_demo,
        description="Vrai pour une offre fictive, générée pour la démonstration.",
    ),
)
