from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplacementsConfig(AppConfig):
    name = "replacements"
    verbose_name = _("Remplaçants")

    def ready(self):
        from replacements.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
