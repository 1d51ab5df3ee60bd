from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactSubject(models.TextChoices):
    """What a visitor writes to the project lead about (the contact page)."""

    SETTLING = "installation", _("M’installer ou exercer sur le territoire")
    REPLACEMENT = "remplacement", _("Remplacer ou trouver un remplaçant")
    INTERNSHIP = "internat", _("Internat, stage ou études de médecine")
    SUPPORT = "accompagnement", _("Être accompagné·e (logement, emploi du conjoint, école…)")
    PARTNERSHIP = "partenariat", _("Devenir partenaire ou publier sur le portail")
    PORTAL = "portail", _("Une question sur le portail ou une erreur à signaler")
    OTHER = "autre", _("Autre sujet")
