from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfessionalStatus(models.TextChoices):
    STUDENT = "etudiant", _("Étudiant·e")
    INTERN = "interne", _("Interne")
    JUNIOR_DOCTOR = "docteur_junior", _("Docteur junior")
    LOCUM = "remplacant", _("Remplaçant·e")
    SETTLED = "installe", _("Installé·e")
    SALARIED = "salarie", _("Salarié·e")
    RETIRED = "retraite", _("Retraité·e")
    OTHER = "autre", _("Autre")
