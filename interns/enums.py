from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteKind(models.TextChoices):
    HOSPITAL_SERVICE = "service_hospitalier", _("Service hospitalier")
    AMBULATORY = "ambulatoire", _("Cabinet ou maison de santé (maître de stage universitaire)")


class Specialty(models.TextChoices):
    GENERAL_PRACTICE = "medecine_generale", _("Médecine générale")
    EMERGENCY = "urgences", _("Médecine d’urgence")
    PAEDIATRICS = "pediatrie", _("Pédiatrie")
    GYNAECOLOGY = "gynecologie", _("Gynécologie médicale")
    GERIATRICS = "geriatrie", _("Gériatrie")
    PSYCHIATRY = "psychiatrie", _("Psychiatrie")
    INTERNAL_MEDICINE = "medecine_interne", _("Médecine interne et polyvalente")
    CARDIOLOGY = "cardiologie", _("Cardiologie")
    PALLIATIVE = "soins_palliatifs", _("Soins palliatifs")
    OTHER = "autre", _("Autre spécialité")


class PupilsLevel(models.TextChoices):
    SECONDE = "seconde", _("Seconde")
    PREMIERE = "premiere", _("Première")
    TERMINALE = "terminale", _("Terminale")
    MIXED = "plusieurs", _("Plusieurs niveaux")


class Speaker(models.TextChoices):
    PHYSICIAN = "medecin", _("Un médecin")
    INTERN = "interne", _("Un interne ou un étudiant en médecine")
    EITHER = "indifferent", _("Indifférent")


class VisitStatus(models.TextChoices):
    NEW = "nouvelle", _("Nouvelle")
    IN_PROGRESS = "en_cours", _("En cours")
    SCHEDULED = "programmee", _("Intervention programmée")
    DONE = "realisee", _("Réalisée")
    DECLINED = "declinee", _("Déclinée")


class SiteOrdering(models.TextChoices):
    NAME = "nom", _("Nom")
    CLOSEST = "proches", _("Les plus proches de la commune")
    MOST_HOUSING = "logements", _("Le plus de logements à proximité")
