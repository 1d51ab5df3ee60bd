from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "vsa_portal"
    verbose_name = _("Portail")

    def ready(self):
        from vsa_portal.page_cache import connect

        connect()
