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
    OTHER = "autre", _("Autre")


class ContactSubject(models.TextChoices):
    """What a visitor writes to the project lead about (the contact page)."""

    SETTLING = "installation", _("M’installer ou exercer sur le territoire")
    REPLACEMENT = "remplacement", _("Remplacer ou trouver un remplaçant")
    INTERNSHIP = "internat", _("Internat, stage ou études de médecine")
    SUPPORT = "accompagnement", _("Être accompagné·e (logement, emploi du conjoint, école…)")
    PARTNERSHIP = "partenariat", _("Devenir partenaire ou publier sur le portail")
    PORTAL = "portail", _("Une question sur le portail ou une erreur à signaler")
    OTHER = "autre", _("Autre sujet")
