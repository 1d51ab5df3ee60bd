from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Utilisateurs et profils")

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import checks  # noqa: F401 - registers the system checks

        name_allauth_sections_in_french()

        from accounts.roles import ensure_project_lead_group

        post_migrate.connect(ensure_project_lead_group, dispatch_uid="accounts.project_lead_group")


def name_allauth_sections_in_french():
    """django-allauth names its admin sections "Comptes" (like ours once did) and "MFA", and its
    authenticator model has no French name: the project lead reads clear French labels.

    Only the display names change (``original_attrs`` stay as they are), so no migration of
    allauth's apps is needed."""
    from django.apps import apps

    apps.get_app_config("account").verbose_name = _("Connexion : adresses e-mail")
    apps.get_app_config("mfa").verbose_name = _("Double authentification")
    authenticator = apps.get_model("mfa", "Authenticator")
    authenticator._meta.verbose_name = _("application d’authentification")
    authenticator._meta.verbose_name_plural = _("applications d’authentification")
