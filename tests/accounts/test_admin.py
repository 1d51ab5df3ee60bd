import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.helpers.queries import assert_max_queries

User = get_user_model()


def test_visitor_is_sent_to_the_admin_login(visitor):
    response = visitor.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_professional_without_staff_rights_cannot_enter_the_admin(professional):
    response = professional.get(reverse("admin:index"))
    assert response.status_code == 302


def test_the_admin_login_page_sends_to_the_portal_login(visitor):
    response = visitor.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_project_lead_logs_in_with_email_password_and_authenticator_code(
    visitor, project_lead_user
):
    from tests.conftest import totp_code

    response = visitor.post(
        reverse("account_login"),
        {"login": project_lead_user.email, "password": "mot-de-passe-de-test", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert visitor.get(reverse("admin:index")).status_code == 302  # not yet: the code is missing
    response = visitor.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert visitor.get(reverse("admin:index")).status_code == 200


def test_a_code_typed_as_it_changes_still_opens_the_admin(visitor, project_lead_user):
    """One period of tolerance: the code shown a moment ago is still accepted."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.conftest import TOTP_SECRET

    visitor.post(
        reverse("account_login"),
        {"login": project_lead_user.email, "password": "mot-de-passe-de-test"},
    )
    previous = int(time.time()) // app_settings.TOTP_PERIOD - 1
    visitor.post(
        reverse("mfa_authenticate"), {"code": format_hotp_value(hotp_value(TOTP_SECRET, previous))}
    )
    assert visitor.get(reverse("admin:index")).status_code == 200


def test_a_wrong_authenticator_code_keeps_the_admin_closed(visitor, project_lead_user):
    visitor.post(
        reverse("account_login"),
        {"login": project_lead_user.email, "password": "mot-de-passe-de-test"},
    )
    response = visitor.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert visitor.get(reverse("admin:index")).status_code == 302


def test_staff_without_an_authenticator_is_sent_to_set_one_up(db):
    from django.test import Client

    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_failed_logins_are_rate_limited(visitor, project_lead_user):
    for _ in range(5):
        response = visitor.post(
            reverse("account_login"), {"login": project_lead_user.email, "password": "mauvais"}
        )
        assert "mot de passe" in response.content.decode().lower()
    response = visitor.post(
        reverse("account_login"),
        {"login": project_lead_user.email, "password": "mot-de-passe-de-test"},
    )
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in visitor.session


@pytest.mark.django_db
def test_the_technical_administrator_creates_an_account_from_the_admin(superuser):
    response = superuser.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nouvelle.interne@exemple.test",
            "usable_password": "true",
            "password1": "Une-phrase-de-passe-solide-84",
            "password2": "Une-phrase-de-passe-solide-84",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="nouvelle.interne@exemple.test").exists()


def test_user_list_in_the_admin_keeps_a_constant_number_of_queries(project_lead):
    from tests.factories import UserFactory

    UserFactory.create_batch(30)
    # Session (in the database), user, authenticator, permissions (user, group), then the list.
    with assert_max_queries(9):
        response = project_lead.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert "personne" in response.content.decode()


def test_the_admin_login_keeps_the_page_asked_for_but_never_another_site(visitor):
    response = visitor.get(
        reverse("admin:login"), {"next": "/admin/offers/offer/?status__exact=submitted"}
    )
    assert (
        response["Location"]
        == reverse("account_login")
        + "?next=%2Fadmin%2Foffers%2Foffer%2F%3Fstatus__exact%3Dsubmitted"
    )
    response = visitor.get(reverse("admin:login"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_admin_index_sections_are_in_french_and_named_once(superuser):
    import re

    html = superuser.get(reverse("admin:index")).content.decode()
    sections = re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", html)
    assert len(sections) == len(set(sections)), sections
    assert "Utilisateurs et profils" in sections
    assert "Double authentification" in sections
    assert "MFA" not in sections
    models = re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]*)</a>', html)
    assert "Authenticators" not in models
    assert "Applications d’authentification" in models
