from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Logements")

    def ready(self):
        from housing import layers  # noqa: F401 - registers the map layer
        from housing.kinds import build_kind
        from vsa_portal import kinds

        kinds.register(build_kind())
