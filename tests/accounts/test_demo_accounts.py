import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from organisations.access import partner_organisations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_project_lead_reaches_the_admin_with_the_printed_code(visitor, capsys):
    assert create_demo_accounts() == len(DEMO_ACCOUNTS)
    assert create_demo_accounts() == 0
    lead_email = "cheffe-de-projet@demo.test"
    assert Authenticator.objects.filter(user__email=lead_email, type="totp").count() == 1
    call_command("demo_totp_code")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    visitor.post(reverse("account_login"), {"login": lead_email, "password": DEMO_PASSWORD})
    visitor.post(reverse("mfa_authenticate"), {"code": code})
    assert visitor.get(reverse("admin:index")).status_code == 200


def test_the_demo_project_lead_is_in_the_role_and_not_a_superuser(django_user_model):
    create_demo_accounts()
    lead = django_user_model.objects.get(email="cheffe-de-projet@demo.test")
    assert lead.is_staff and not lead.is_superuser
    assert list(lead.groups.values_list("name", flat=True)) == ["Cheffe de projet"]
    technical = django_user_model.objects.get(email="admin-technique@demo.test")
    assert technical.is_superuser


def test_the_demo_partner_is_a_confirmed_member_who_can_post(django_user_model, client):
    create_demo_accounts()
    partner = django_user_model.objects.get(email="partenaire@demo.test")
    assert [org.is_demo for org in partner_organisations(partner)] == [True]
    client.force_login(partner)
    assert client.get(reverse("partners:home")).status_code == 200


def test_demo_accounts_are_printed_with_the_authenticator_key(capsys):
    call_command("show_demo_accounts")
    out = capsys.readouterr().out
    for email in ["cheffe-de-projet@demo.test", "partenaire@demo.test", "medecin@demo.test"]:
        assert email in out
    assert DEMO_PASSWORD in out and "TOTP" in out


def test_demo_accounts_are_never_created_under_production_settings(settings, capsys):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        create_demo_accounts()
    settings.PORTAL = {**settings.PORTAL, "DEMO_ACCOUNTS": True}
    call_command("show_demo_accounts")
    assert DEMO_PASSWORD not in capsys.readouterr().out


def test_the_production_checks_refuse_demo_accounts(settings):
    from accounts.checks import demo_accounts_would_be_created, no_demo_account_in_production

    settings.PRODUCTION = True
    settings.PORTAL = {**settings.PORTAL, "DEMO_CONTENT": True, "DEMO_ACCOUNTS": False}
    assert demo_accounts_would_be_created(None) == []  # labelled demo content stays possible
    assert no_demo_account_in_production(None, databases=["default"]) == []
    settings.PORTAL = {**settings.PORTAL, "DEMO_ACCOUNTS": True}
    assert [error.id for error in demo_accounts_would_be_created(None)] == ["accounts.E001"]
    UserFactory(email="medecin@demo.test")
    errors = no_demo_account_in_production(None, databases=["default"])
    assert [error.id for error in errors] == ["accounts.E002"]
