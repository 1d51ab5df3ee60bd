from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PROFESSIONAL_MEETING = "rencontre", _("Rencontre professionnelle")
    INTERNS_WELCOME = "accueil_internes", _("Soirée d’accueil des internes")
    TRAINING = "formation", _("Formation")
    WEBINAR = "webinaire", _("Webinaire")
    FAIR = "salon", _("Salon ou forum")
    OPEN_DAY = "portes_ouvertes", _("Portes ouvertes")
    CPTS_MEETING = "reunion_cpts", _("Réunion CPTS")
    HIGH_SCHOOL = "lycee", _("Intervention en lycée")


class Audience(models.TextChoices):
    DOCTORS = "medecins", _("Médecins")
    INTERNS = "internes", _("Internes")
    STUDENTS = "etudiants", _("Étudiants")
    PUPILS = "lyceens", _("Lycéens")
    ELECTED = "elus", _("Élus")
    EVERYONE = "tous", _("Tout public")


class RegistrationMode(models.TextChoices):
    NONE = "aucune", _("Sans inscription")
    EXTERNAL = "externe", _("Inscription sur un autre site")
    PORTAL = "portail", _("Inscription sur le portail")


class RegistrationStatus(models.TextChoices):
    # Asked for by someone who has not yet proved the address is theirs: holds no seat until the
    # e-mail's owner follows the signed link.
    PENDING = "a_confirmer", _("À confirmer par e-mail")
    CONFIRMED = "confirmee", _("Confirmée")
    WAITING = "attente", _("Liste d’attente")
    CANCELLED = "annulee", _("Annulée")
