"""The admin site: Django's, with the list of applications kept per set of permissions.

Every admin page lists the applications and models its user may see (the navigation sidebar,
the index): Django builds that list again at every request, asking every registered model's
admin for its permissions and reversing two URLs for each (a tenth of a change list's time).
What it lists depends only on the user's permissions and the language (no admin here decides a
permission from anything else: ``tests/vsa_portal/test_admin_site.py``), so it is built once per
process for each set of permissions. The views check permissions themselves, as always.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import get_script_prefix
from django.utils.translation import get_language

KEPT_APP_LISTS = 64


class PortalAdminSite(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._app_lists = {}

    def get_app_list(self, request, app_label=None):
        user = request.user
        key = (
            app_label,
            user.is_active,
            user.is_staff,
            user.is_superuser,
            frozenset(user.get_all_permissions()),
            get_language(),
            get_script_prefix(),
        )
        app_list = self._app_lists.get(key)
        if app_list is None:
            app_list = super().get_app_list(request, app_label)
            if len(self._app_lists) >= KEPT_APP_LISTS:
                self._app_lists.clear()
            self._app_lists[key] = app_list
        return app_list


class PortalAdminConfig(AdminConfig):
    default_site = "vsa_portal.admin_site.PortalAdminSite"
