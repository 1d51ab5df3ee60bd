from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternsConfig(AppConfig):
    name = "interns"
    verbose_name = _("Internes")

    def ready(self):
        from interns import layers  # noqa: F401 - registers the map layer
        from interns.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
