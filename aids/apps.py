from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidsConfig(AppConfig):
    name = "aids"
    verbose_name = _("Aides à l'installation")

    def ready(self):
        from aids.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
