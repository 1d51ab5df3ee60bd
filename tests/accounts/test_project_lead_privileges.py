"""The project lead's role edits profiles, never privileges, passwords or secret links."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_the_project_lead_persona_is_in_the_role_and_not_a_superuser(project_lead_user):
    assert not project_lead_user.is_superuser
    assert project_lead_user.groups.filter(name="Cheffe de projet").exists()


def test_the_project_lead_cannot_make_herself_superuser(project_lead, project_lead_user):
    response = project_lead.post(
        change_url(project_lead_user),
        {
            "email": project_lead_user.email,
            "first_name": "Camille",
            "last_name": "Roux-Martin",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk for group in Group.objects.all()],
            "date_joined_0": "01/01/2026",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project_lead_user.refresh_from_db()
    assert project_lead_user.last_name == "Roux-Martin"  # the profile was saved…
    assert not project_lead_user.is_superuser  # …never the privileges
    assert list(project_lead_user.groups.values_list("name", flat=True)) == ["Cheffe de projet"]
    assert not project_lead_user.user_permissions.exists()


def test_the_project_lead_sees_profile_fields_only(project_lead):
    member = UserFactory()
    page = project_lead.get(change_url(member)).content.decode()
    assert 'name="first_name"' in page
    for field in ["is_superuser", "is_staff", "groups", "user_permissions", "email"]:
        assert f'name="{field}"' not in page, field
    assert reverse("admin:auth_user_password_change", args=[member.pk]) not in page


def test_the_project_lead_cannot_set_a_password(project_lead):
    member = UserFactory()
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    assert project_lead.get(url).status_code == 403
    response = project_lead.post(
        url,
        {"password1": "Une-phrase-tres-longue-84", "password2": "Une-phrase-tres-longue-84"},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.check_password("mot-de-passe-de-test")


def test_the_project_lead_cannot_change_a_superusers_account(project_lead):
    admin_user = UserFactory(is_staff=True, is_superuser=True, first_name="Alix")
    response = project_lead.post(change_url(admin_user), {"first_name": "Piratée", "is_active": ""})
    assert response.status_code == 403
    admin_user.refresh_from_db()
    assert admin_user.first_name == "Alix" and admin_user.is_active


def test_the_superuser_still_manages_privileges(superuser):
    member = UserFactory()
    page = superuser.get(change_url(member)).content.decode()
    assert 'name="is_superuser"' in page and 'name="groups"' in page
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    assert superuser.get(url).status_code == 200


def test_the_outbox_hides_password_reset_links_from_the_project_lead(
    visitor, project_lead, superuser
):
    member = UserFactory(email="sacha@exemple.test")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    visitor.post(reverse("account_reset_password"), {"email": member.email})
    reset = OutgoingEmail.objects.get(to=[member.email])
    assert "/password/reset/key/" in reset.body
    url = reverse("admin:outbox_outgoingemail_change", args=[reset.pk])
    lead_page = project_lead.get(url).content.decode()
    assert lead_page.count(reset.subject) >= 1
    assert "/password/reset/key/" not in lead_page
    assert "/password/reset/key/" in superuser.get(url).content.decode()


def test_the_outbox_shows_the_project_lead_the_body_of_ordinary_notices(project_lead):
    from outbox.services import queue_email

    notice = queue_email(
        to=["a@exemple.test"],
        subject="Décision",
        body="Votre offre est publiée.",
        contains_secret=False,
    )
    url = reverse("admin:outbox_outgoingemail_change", args=[notice.pk])
    assert "Votre offre est publiée." in project_lead.get(url).content.decode()
