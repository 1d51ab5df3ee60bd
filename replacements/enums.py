from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplacementStatus(models.TextChoices):
    THESED = "these", _("Médecin thésé·e")
    LICENSED_INTERN = "interne_licence", _("Interne titulaire d’une licence de remplacement")


class Secretariat(models.TextChoices):
    EITHER = "indifferent", _("Avec ou sans secrétariat")
    REQUIRED = "avec", _("Avec secrétariat seulement")


class NameDisplay(models.TextChoices):
    FULL = "complet", _("Mon nom complet")
    INITIALS = "initiales", _("Mes initiales seulement")


class AvailabilityKind(models.TextChoices):
    ONE_OFF = "ponctuel", _("Remplacement ponctuel")
    REGULAR = "regulier", _("Remplacement régulier")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")
