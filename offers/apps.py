from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offres d'exercice")

    def ready(self):
        from offers import layers  # noqa: F401 - registers the map layer
        from offers.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
