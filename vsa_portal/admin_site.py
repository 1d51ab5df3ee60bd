"""The admin site: Django's, with the list of applications kept per set of permissions.

Every admin page lists the applications and models its user may see (the navigation sidebar,
the index): Django builds that list again at every request, asking every registered model's
admin for its permissions and reversing two URLs for each (a tenth of a change list's time).
What it lists depends only on the user's permissions and the language (no admin here decides a
permission from anything else: ``tests/vsa_portal/test_admin_site.py``), so it is built once per
process for each set of permissions. The views check permissions themselves, as always.

The sidebar written from that list (``admin/app_list.html``, 3 ms of a change list) differs
only by which of its links the page's path contains (the current application and model), so
it is kept too, per list and links shown as current (``{% kept_sidebar_app_list %}``).
"""

from urllib.parse import quote

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

KEPT_APP_LISTS = 64


class PortalAdminSite(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._app_lists = {}
        self._sidebars = {}

    def app_list_key(self, request, app_label=None):
        user = request.user
        return (
            app_label,
            user.is_active,
            user.is_staff,
            user.is_superuser,
            frozenset(user.get_all_permissions()),
            get_language(),
            get_script_prefix(),
        )

    def get_app_list(self, request, app_label=None):
        return self._kept_app_list(request, app_label, self.app_list_key(request, app_label))

    def _kept_app_list(self, request, app_label, key):
        app_list = self._app_lists.get(key)
        if app_list is None:
            app_list = super().get_app_list(request, app_label)
            if len(self._app_lists) >= KEPT_APP_LISTS:
                self._app_lists.clear()
            self._app_lists[key] = app_list
        return app_list

    def sidebar_app_list(self, request):
        """``admin/app_list.html`` as the navigation sidebar includes it, for this request."""
        list_key = self.app_list_key(request)
        app_list = self._kept_app_list(request, None, list_key)
        path = quote(request.path, safe="/")  # the template's ``request.path|urlencode``
        links = [app["app_url"] for app in app_list]
        links += [model["admin_url"] for app in app_list for model in app["models"]]
        key = (list_key, tuple(link for link in links if link and link in path))
        sidebar = self._sidebars.get(key)
        if sidebar is None:
            sidebar = render_to_string(
                "admin/app_list.html",
                {"app_list": app_list, "show_changelinks": False, "request": request},
            )
            if len(self._sidebars) >= KEPT_APP_LISTS * 4:
                self._sidebars.clear()
            self._sidebars[key] = sidebar
        return sidebar


class PortalAdminConfig(AdminConfig):
    default_site = "vsa_portal.admin_site.PortalAdminSite"
