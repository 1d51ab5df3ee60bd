from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Accompagnement")

    def ready(self):
        from support.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
