"""The admin's list of applications is kept per set of permissions: the same as Django's for
each role, and a permission taken away leaves the list at the next request."""

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory

from accounts.roles import PROJECT_LEAD_GROUP
from tests.conftest import staff_with_totp

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def models_listed(app_list):
    return {(app["app_label"], model["object_name"]) for app in app_list for model in app["models"]}


def test_the_list_is_djangos_for_every_role(project_lead_user):
    superuser = staff_with_totp(is_superuser=True)
    nobody = staff_with_totp()
    for user in (project_lead_user, superuser, nobody):
        for _ in range(2):  # built, then kept
            ours = admin.site.get_app_list(request_of(user))
            djangos = AdminSite.get_app_list(admin.site, request_of(user))
            assert ours == djangos
    assert models_listed(admin.site.get_app_list(request_of(project_lead_user)))
    assert not models_listed(admin.site.get_app_list(request_of(nobody)))


def test_a_permission_taken_away_leaves_the_list_at_once(project_lead_user, project_lead):
    assert ("offers", "Offer") in models_listed(
        admin.site.get_app_list(request_of(project_lead_user))
    )
    group = Group.objects.get(name=PROJECT_LEAD_GROUP)
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="offers", content_type__model="offer")
    )
    project_lead_user = type(project_lead_user).objects.get(
        pk=project_lead_user.pk
    )  # no cached perms
    assert ("offers", "Offer") not in models_listed(
        admin.site.get_app_list(request_of(project_lead_user))
    )
    response = project_lead.get("/admin/")
    assert response.status_code == 200
    assert "/admin/offers/offer/" not in response.content.decode()


def test_no_admin_decides_a_permission_from_anything_but_the_user():
    """The list is keyed by the user's permissions: an admin whose has_*_permission read the
    request otherwise (its path, its session, the time) would need its own key."""
    import inspect

    for model_admin in admin.site._registry.values():
        for name in (
            "has_module_permission",
            "has_view_permission",
            "has_add_permission",
            "has_change_permission",
            "has_delete_permission",
        ):
            method = getattr(type(model_admin), name)
            if method.__module__.startswith("django."):
                continue
            source = inspect.getsource(method)
            body = source.split(":", 1)[1]
            assert "return False" in body or "super()" in body, (type(model_admin), name)
            assert "request." not in body.replace("request.user", ""), (type(model_admin), name)


def sidebar_of(client, url):
    html = client.get(url).content.decode()
    return html.split('id="nav-sidebar"', 1)[1].split("</nav>", 1)[0]


def test_the_kept_sidebar_shows_the_current_model_of_each_page(project_lead):
    for _ in range(2):  # written, then kept
        offers = sidebar_of(project_lead, "/admin/offers/offer/")
        dossiers = sidebar_of(project_lead, "/admin/support/dossier/")
        assert 'class="model-offer current-model"' in offers
        assert 'class="model-dossier current-model"' not in offers
        assert 'class="model-dossier current-model"' in dossiers
        assert 'class="model-offer current-model"' not in dossiers
        assert '<a href="/admin/offers/offer/" aria-current="page">' in offers


def test_the_kept_sidebar_is_the_one_of_each_set_of_permissions(project_lead, client):
    offers_only = staff_with_totp()
    offers_only.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="offers", codename="view_offer")
    )
    client.force_login(offers_only)
    lead = sidebar_of(project_lead, "/admin/offers/offer/")
    theirs = sidebar_of(client, "/admin/offers/offer/")
    assert "/admin/support/dossier/" in lead
    assert "/admin/offers/offer/" in theirs and "/admin/support/dossier/" not in theirs
