from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from agenda import layers  # noqa: F401 - registers the map layer
        from agenda.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
