from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiveConfig(AppConfig):
    name = "collective"
    verbose_name = _("Le collectif")

    def ready(self):
        from collective import observatory
        from collective.kinds import build_kind
        from vsa_portal import kinds, open_data

        kinds.register(build_kind())
        open_data.register(observatory.dataset())
