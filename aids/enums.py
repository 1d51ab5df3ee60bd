from django.db import models
from django.utils.translation import gettext_lazy as _


class Funder(models.TextChoices):
    HEALTH_INSURANCE = "assurance_maladie", _("Assurance maladie")
    ARS = "ars", _("Agence régionale de santé")
    STATE = "etat", _("État")
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    LOCAL = "commune_epci", _("Commune ou intercommunalité")
    HOSPITAL = "hopital", _("Hôpital")
    OTHER = "autre", _("Autre financeur")


class Level(models.TextChoices):
    NATIONAL = "national", _("Nationale")
    REGIONAL = "regional", _("Régionale")
    DEPARTMENTAL = "departemental", _("Départementale")
    LOCAL = "local", _("Locale")


class AidKind(models.TextChoices):
    GRANT = "subvention", _("Aide financière")
    INCOME_GUARANTEE = "garantie_revenu", _("Garantie de revenu")
    FEE_INCREASE = "majoration", _("Majoration d’honoraires")
    ALLOWANCE = "allocation", _("Allocation ou indemnité")
    EXEMPTION = "exoneration", _("Exonération")
    HOUSING = "logement", _("Logement")
    SERVICE = "service", _("Service ou poste")


class AmountKind(models.TextChoices):
    ONCE = "forfait", _("Montant forfaitaire")
    PER_MONTH = "par_mois", _("Montant par mois")
    PERCENTAGE = "pourcentage", _("Pourcentage")
    RANGE = "fourchette", _("Fourchette")
    TEXT = "texte", _("Décrit en toutes lettres")


class AidStatus(models.TextChoices):
    # "draft" is the value of the publication workflow's draft, so that every kind of content
    # leaves the public pages the same way.
    DRAFT = "draft", _("Brouillon (non publiée)")
    OPEN = "ouverte", _("Ouverte")
    CLOSED = "fermee", _("Fermée aux nouvelles demandes")


class Audience(models.TextChoices):
    STUDENT = "etudiant", _("Étudiant·e en médecine (2e cycle)")
    INTERN = "interne", _("Interne")
    JUNIOR = "docteur_junior", _("Docteur junior")
    LOCUM = "remplacant", _("Remplaçant·e")
    FIRST_INSTALLATION = "premiere_installation", _("Première installation en libéral")
    INSTALLED = "installe", _("Médecin installé·e")
    SALARIED = "salarie", _("Médecin salarié·e")
    MSU = "msu", _("Maître de stage universitaire")


class Situation(models.TextChoices):
    """The simulator's "your situation": an installation project is a first installation or
    not, which the form asks separately."""

    STUDENT = "etudiant", _("Étudiant·e en médecine (2e cycle)")
    INTERN = "interne", _("Interne")
    JUNIOR = "docteur_junior", _("Docteur junior")
    LOCUM = "remplacant", _("Remplaçant·e")
    INSTALLING = "installation", _("Je m’installe en libéral")
    INSTALLED = "installe", _("Déjà installé·e en libéral")
    SALARIED = "salarie", _("Médecin salarié·e")
    MSU = "msu", _("Maître de stage universitaire")


class PracticeMode(models.TextChoices):
    ALONE = "liberal_seul", _("Libéral, seul·e")
    GROUP = "liberal_groupe", _("Libéral, en cabinet de groupe")
    MSP = "msp", _("Libéral, en maison de santé pluriprofessionnelle (MSP)")
    HEALTH_CENTRE = "centre_sante", _("Salarié·e d’un centre de santé")
    HOSPITAL = "hopital", _("Salarié·e d’un hôpital")


LIBERAL_MODES = (PracticeMode.ALONE, PracticeMode.GROUP, PracticeMode.MSP)


class Sector(models.TextChoices):
    SECTOR_1 = "secteur_1", _("Secteur 1")
    SECTOR_2_OPTAM = "secteur_2_optam", _("Secteur 2 avec OPTAM")
    SECTOR_2 = "secteur_2", _("Secteur 2 sans OPTAM")


class Answer(models.TextChoices):
    YES = "oui", _("Oui")
    NO = "non", _("Non")
    UNKNOWN = "nsp", _("Je ne sais pas")


class PreviousAidFunder(models.TextChoices):
    LOCAL_AUTHORITY = "collectivite", _("Une collectivité (commune, département, région…)")
    HEALTH_INSURANCE = "assurance_maladie", _("L’Assurance maladie")


class ConditionType(models.TextChoices):
    AUDIENCE = "public", _("Public")
    PROFESSION = "profession", _("Profession")
    ZONE = "zone", _("Zonage médecins (ZIP, ZAC…)")
    ZONE_OR_QPV = "zone_ou_qpv", _("Zonage médecins ou quartier prioritaire")
    QPV = "qpv", _("Quartier prioritaire (QPV)")
    FRR = "frr", _("France Ruralités Revitalisation (FRR)")
    COMMUNES = "communes", _("Communes listées (codes INSEE)")
    EPCI = "epci", _("Intercommunalités listées (SIREN)")
    DEPARTEMENT = "departement", _("Départements listés")
    FIRST_INSTALLATION = "premiere_installation", _("Première installation")
    MODE = "mode", _("Mode d’exercice")
    SECTOR = "secteur", _("Secteur conventionnel")
    MIN_DAYS = "jours_par_semaine", _("Jours d’exercice par semaine (minimum)")
    RECENTLY_REGISTERED = "inscription_recente", _("Inscrit·e à l’Ordre depuis moins d’un an")
    SECONDARY_SITE = "cabinet_secondaire", _("Cabinet secondaire")
    TEN_YEAR_RULE = "regle_des_dix_ans", _("Règle des dix ans entre deux aides à l’installation")
    FROM_DATE = "a_partir_du", _("Installation à partir d’une date")
    DOCUMENT = "justificatif", _("Fait à justifier (le simulateur ne le demande pas)")
    COMMITMENT = "engagement", _("Engagement à prendre")


TERRITORIAL_CONDITIONS = (
    ConditionType.ZONE,
    ConditionType.ZONE_OR_QPV,
    ConditionType.QPV,
    ConditionType.FRR,
    ConditionType.COMMUNES,
    ConditionType.EPCI,
    ConditionType.DEPARTEMENT,
)


class Outcome(models.TextChoices):
    MET = "remplie", _("remplie")
    UNMET = "non_remplie", _("non remplie")
    UNKNOWN = "a_verifier", _("à vérifier")
    COMMITMENT = "engagement", _("engagement")


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Éligible")
    TO_CHECK = "a_verifier", _("À vérifier")
    NOT_ELIGIBLE = "non_eligible", _("Non éligible")
