from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    RECEIVED = "recue", _("Reçue")
    IN_PROGRESS = "en_cours", _("En cours")
    REFERRED = "orientee", _("Orientée vers un partenaire")
    SETTLED = "aboutie", _("Projet abouti / installé·e")
    PAUSED = "en_pause", _("En pause")
    CLOSED = "close", _("Close sans suite")


# A dossier in one of these states is anonymised once it has had no contact for the
# retention period (``SUPPORT_RETENTION_DAYS``); open dossiers are not.
PURGED_STATUSES = [
    DossierStatus.SETTLED,
    DossierStatus.CLOSED,
    DossierStatus.PAUSED,
]

OPEN_STATUSES = [
    DossierStatus.RECEIVED,
    DossierStatus.IN_PROGRESS,
    DossierStatus.REFERRED,
    DossierStatus.PAUSED,
]


class Situation(models.TextChoices):
    STUDENT = "etudiant", _("Étudiant·e")
    INTERN = "interne", _("Interne")
    JUNIOR_DOCTOR = "docteur_junior", _("Docteur junior")
    LOCUM = "remplacant", _("Remplaçant·e")
    SETTLED_ELSEWHERE = "installe_ailleurs", _("Installé·e ailleurs")
    SALARIED = "salarie", _("Salarié·e")
    ACTIVE_RETIRED = "retraite_actif", _("Retraité·e actif·ve")


class Project(models.TextChoices):
    SETTLE = "installation", _("S’installer")
    LOCUM = "remplacement", _("Remplacer")
    COLLABORATE = "collaboration", _("Collaborer")
    TAKE_OVER = "reprise", _("Reprendre une patientèle")
    INTERNSHIP = "stage", _("Faire un stage")
    SALARIED_POST = "poste_salarie", _("Un poste salarié")


class PracticeMode(models.TextChoices):
    LIBERAL = "liberal", _("Libéral")
    MSP = "msp", _("Maison de santé")
    HEALTH_CENTRE = "centre_sante", _("Centre de santé")
    HOSPITAL = "hopital", _("Hôpital")
    MIXED = "mixte", _("Mixte")


class Channel(models.TextChoices):
    WEB = "formulaire", _("Formulaire du portail")
    PHONE = "telephone", _("Téléphone")
    EMAIL = "email", _("E-mail")
    EVENT = "evenement", _("Événement")
    CONTACT_PAGE = "page_contact", _("Message de la page Contact")


class CameFrom(models.TextChoices):
    DEPARTMENT = "departement", _("Du département")
    REGION = "region", _("De la région")
    FRANCE = "france", _("D’une autre région")
    ABROAD = "etranger", _("De l’étranger")


class NeedKind(models.TextChoices):
    PRACTICE = "exercice", _("Projet d’exercice")
    HOUSING = "logement", _("Logement")
    SPOUSE_JOB = "emploi_conjoint", _("Emploi du conjoint ou de la conjointe")
    SCHOOLING = "scolarite", _("Scolarité des enfants")
    CHILDCARE = "garde", _("Garde d’enfants")


class NeedStatus(models.TextChoices):
    OPEN = "ouvert", _("À traiter")
    IN_PROGRESS = "en_cours", _("En cours")
    DONE = "fait", _("Réglé")
    DROPPED = "abandonne", _("Abandonné")


class Outcome(models.TextChoices):
    """Counted the way Présence médicale 64 publishes it."""

    SUPPORTED_INSTALLATION = (
        "installation_accompagnee",
        _("Installation accompagnée par le service"),
    )
    INTRODUCTION = "mise_en_relation", _("Simple mise en relation")
    WOULD_HAVE_HAPPENED = "installation_prevue", _("Installation qui aurait eu lieu de toute façon")
    GAVE_UP = "abandon", _("Projet abandonné")
    ELSEWHERE = "ailleurs", _("Installé·e ailleurs")


class ReferralStatus(models.TextChoices):
    AWAITING_AGREEMENT = "accord_attendu", _("En attente de l’accord du demandeur")
    SENT = "envoyee", _("Envoyée")
    ANSWERED = "repondue", _("Répondue")
    CANCELLED = "annulee", _("Annulée")


class ScanStatus(models.TextChoices):
    NOT_SCANNED = "non_analyse", _("Non analysé (pas d’antivirus configuré)")
    CLEAN = "sain", _("Analysé : sain")
    INFECTED = "infecte", _("Analysé : dangereux")
