from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    OCCASIONAL_LOCUM = "remplacement_ponctuel", _("Remplacement ponctuel")
    REGULAR_LOCUM = "remplacement_regulier", _("Remplacement régulier")
    COLLABORATION = "collaboration", _("Collaboration")
    PARTNERSHIP = "association", _("Association")
    SUCCESSION = "succession", _("Succession / cession de patientèle")
    ASSISTANTSHIP = "assistanat", _("Assistanat")
    HEALTH_CENTRE_POST = "salarie_centre_sante", _("Poste salarié en centre de santé")
    HOSPITAL_POST = "poste_hospitalier", _("Poste hospitalier")
    PREMISES = "local_disponible", _("Local ou cabinet disponible")


class Structure(models.TextChoices):
    SOLO_PRACTICE = "cabinet_individuel", _("Cabinet individuel")
    GROUP_PRACTICE = "cabinet_groupe", _("Cabinet de groupe")
    MSP = "msp", _("Maison de santé pluriprofessionnelle")
    HEALTH_CENTRE = "centre_sante", _("Centre de santé")
    HOSPITAL = "hopital", _("Hôpital")
    CLINIC = "clinique", _("Clinique")


class OfferOrdering(models.TextChoices):
    NEWEST = "recentes", _("Les plus récentes")
    CLOSEST = "proches", _("Les plus proches")
    SOONEST = "debut", _("Début le plus proche")
