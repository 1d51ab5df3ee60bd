from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ARS = "ars", _("Agence régionale de santé")
    REGION = "region", _("Région")
    DEPARTMENT = "departement", _("Département")
    ORDER = "ordre", _("Ordre des médecins")
    CPAM = "cpam", _("Assurance maladie (CPAM)")
    MSA = "msa", _("MSA")
    AGENCY = "agence", _("Agence d’attractivité")
    CPTS = "cpts", _("CPTS")
    URPS = "urps", _("URPS")
    DAC = "dac", _("Dispositif d’appui à la coordination")
    HOSPITAL = "hopital", _("Établissement de santé")
    TOWN_HALL = "mairie", _("Mairie ou intercommunalité")
    MSP = "msp", _("Maison de santé")
    HEALTH_CENTRE = "centre_sante", _("Centre de santé")
    PRACTICE = "cabinet", _("Cabinet médical")
    # A private person who lets housing: a one-person organisation, confirmed by the project
    # lead before its first housing offer goes to moderation.
    LANDLORD = "proprietaire", _("Propriétaire particulier")
    OTHER = "autre", _("Autre")
