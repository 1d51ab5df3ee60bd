from django.db import models
from django.utils.translation import gettext_lazy as _


class HousingType(models.TextChoices):
    STUDIO = "studio", _("Studio")
    APARTMENT = "appartement", _("Appartement")
    SHARED_ROOM = "chambre_colocation", _("Chambre en colocation")
    INTERNAT_ROOM = "chambre_internat", _("Chambre d’internat")
    GITE = "gite", _("Gîte")


class HousingAudience(models.TextChoices):
    INTERNS = "internes", _("Internes")
    LOCUMS = "remplacants", _("Remplaçants")
    SETTLING = "installation", _("Médecins qui s’installent")
    FAMILIES = "familles", _("Familles")


class Semester(models.TextChoices):
    WINTER = "hiver", _("Semestre d’hiver (novembre à avril)")
    SUMMER = "ete", _("Semestre d’été (mai à octobre)")


class HousingOrdering(models.TextChoices):
    CLOSEST = "proches", _("Les plus proches")
    CHEAPEST = "loyer", _("Loyer le plus bas")
    NEWEST = "recents", _("Les plus récents")
