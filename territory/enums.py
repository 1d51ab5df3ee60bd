from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    HOSPITAL = "centre_hospitalier", _("Centre hospitalier")
    CLINIC = "clinique", _("Clinique")
    REHABILITATION = "ssr", _("Soins de suite et de réadaptation")
    PSYCHIATRY = "psychiatrie", _("Psychiatrie")
    LONG_STAY = "soins_longue_duree", _("Soins de longue durée")
    DIALYSIS = "dialyse", _("Dialyse")
    HOME_HOSPITALISATION = "had", _("Hospitalisation à domicile")
    MSP = "msp", _("Maison de santé pluriprofessionnelle")
    HEALTH_CENTRE = "centre_sante", _("Centre de santé")
    OTHER = "autre", _("Autre établissement")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE_NON_PROFIT = "prive_non_lucratif", _("Privé à but non lucratif")
    PRIVATE_FOR_PROFIT = "prive_lucratif", _("Privé à but lucratif")
    UNKNOWN = "", _("Non renseigné")


class LocationPrecision(models.TextChoices):
    EXACT = "exact", _("Adresse")
    COMMUNE = "commune", _("Commune (position approximative)")


class PlacePrecision(models.TextChoices):
    """How precisely a posted item (an offer, a housing offer) is placed in public."""

    EXACT = "exact", _("Adresse exacte")
    COMMUNE = "commune", _("Commune seulement")


class FRRCategory(models.TextChoices):
    BASE = "socle", _("FRR socle")
    PLUS = "plus", _("FRR+")
    BENEFICIARY = "beneficiaire", _("FRR bénéficiaire")


class Zone(models.TextChoices):
    ZIP = "zip", _("Zone d’intervention prioritaire (ZIP)")
    ZAC = "zac", _("Zone d’action complémentaire (ZAC)")
    VIGILANCE = "vigilance", _("Zone de vigilance")
    NONE = "hors_zonage", _("Hors zonage")

    @classmethod
    def description(cls, zone):
        return ZONE_DESCRIPTIONS.get(zone, "")


ZONE_DESCRIPTIONS = {
    Zone.ZIP: _(
        "Les zones d’intervention prioritaire sont les plus touchées par le manque de médecins. "
        "Elles ouvrent droit aux aides conventionnelles les plus élevées de l’Assurance maladie "
        "(aide à la première installation, majoration du forfait médecin traitant) et aux aides "
        "de l’ARS destinées aux internes et aux jeunes médecins."
    ),
    Zone.ZAC: _(
        "Les zones d’action complémentaire connaissent des difficultés d’accès aux soins moins "
        "marquées. Elles ouvrent droit à une partie des aides à l’installation, d’un montant "
        "moindre qu’en ZIP, et aux aides de l’ARS pour les internes."
    ),
    Zone.VIGILANCE: _(
        "Les zones de vigilance sont suivies par l’ARS sans ouvrir droit, à ce jour, aux aides "
        "conventionnelles à l’installation."
    ),
    Zone.NONE: _("La commune n’est classée dans aucune zone du zonage médecins de l’ARS."),
}


class SchoolLevel(models.TextChoices):
    PRIMARY = "ecole", _("École")
    MIDDLE = "college", _("Collège")
    HIGH = "lycee", _("Lycée")


class SchoolKind(models.TextChoices):
    PRIMARY = "ecole_primaire", _("École primaire")
    ELEMENTARY = "ecole_elementaire", _("École élémentaire")
    MIDDLE = "college", _("Collège")
    GENERAL = "lycee_general_technologique", _("Lycée général et technologique")
    POLYVALENT = "lycee_polyvalent", _("Lycée polyvalent")
    VOCATIONAL = "lycee_professionnel", _("Lycée professionnel")

    @property
    def level(self):
        return SCHOOL_LEVELS[self]


SCHOOL_LEVELS = {
    SchoolKind.PRIMARY: SchoolLevel.PRIMARY,
    SchoolKind.ELEMENTARY: SchoolLevel.PRIMARY,
    SchoolKind.MIDDLE: SchoolLevel.MIDDLE,
    SchoolKind.GENERAL: SchoolLevel.HIGH,
    SchoolKind.POLYVALENT: SchoolLevel.HIGH,
    SchoolKind.VOCATIONAL: SchoolLevel.HIGH,
}


class SchoolSector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE_UNDER_CONTRACT = "prive_sous_contrat", _("Privé sous contrat")
    PRIVATE = "prive_hors_contrat", _("Privé hors contrat")


class StationSegment(models.TextChoices):
    """The DRG segment of a passenger station (décret 2012-70)."""

    NATIONAL = "a", _("Gare d’intérêt national")
    REGIONAL = "b", _("Gare d’intérêt régional")
    LOCAL = "c", _("Gare d’intérêt local")
