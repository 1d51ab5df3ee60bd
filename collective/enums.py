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


class Indicator(models.TextChoices):
    """What the observatory's importer reads from an official file, per commune."""

    GP_COUNT = "medecins_generalistes", _("Médecins généralistes libéraux (Insee, BPE)")
    APL = "apl", _("Accessibilité potentielle localisée aux médecins généralistes (DREES, APL)")
    GP_60_PLUS = "medecins_60_ans_plus", _("Médecins généralistes de 60 ans et plus (RPPS)")
