from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import checks  # noqa: F401 - registers the system checks
        from accounts.roles import ensure_project_lead_group

        post_migrate.connect(ensure_project_lead_group, dispatch_uid="accounts.project_lead_group")
