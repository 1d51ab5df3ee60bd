import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD, create_demo_accounts

pytestmark = pytest.mark.django_db


def test_demo_project_lead_reaches_the_admin_with_the_printed_code(visitor, capsys):
    assert create_demo_accounts() == 2
    assert create_demo_accounts() == 0
    lead_email = "cheffe-de-projet@demo.test"
    assert Authenticator.objects.filter(user__email=lead_email, type="totp").count() == 1
    call_command("demo_totp_code")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    visitor.post(reverse("account_login"), {"login": lead_email, "password": DEMO_PASSWORD})
    visitor.post(reverse("mfa_authenticate"), {"code": code})
    assert visitor.get(reverse("admin:index")).status_code == 200


def test_demo_accounts_are_printed_with_the_authenticator_key(capsys):
    call_command("show_demo_accounts")
    out = capsys.readouterr().out
    assert "cheffe-de-projet@demo.test" in out and DEMO_PASSWORD in out
    assert "TOTP" in out
