import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.roles import PROJECT_LEAD_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Une-phrase-de-passe-solide-84"  # noqa: S105 - test only


def create(*arguments, **kwargs):
    call_command("create_staff_accounts", *arguments, stdout=io.StringIO(), **kwargs)


def test_the_first_staff_accounts_are_made_with_passwords_asked_for(monkeypatch, django_user_model):
    answers = iter([PASSWORD, PASSWORD, "autre-phrase-84-solide", "autre-phrase-84-solide"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    create("--superuser-email", "it@exemple.test", "--project-lead-email", "cheffe@exemple.test")
    admin = django_user_model.objects.get(email="it@exemple.test")
    lead = django_user_model.objects.get(email="cheffe@exemple.test")
    assert admin.is_superuser and admin.check_password(PASSWORD)
    assert lead.is_staff and not lead.is_superuser
    assert list(lead.groups.values_list("name", flat=True)) == [PROJECT_LEAD_GROUP]
    assert lead.check_password("autre-phrase-84-solide")


def test_the_project_lead_sets_up_an_authenticator_at_her_first_login(monkeypatch):
    monkeypatch.setenv("STAFF_PROJECT_LEAD_PASSWORD", PASSWORD)
    create("--project-lead-email", "cheffe@exemple.test", "--no-input")
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "cheffe@exemple.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_without_input_the_password_comes_from_the_environment_and_is_validated(monkeypatch):
    with pytest.raises(CommandError, match="STAFF_SUPERUSER_PASSWORD"):
        create("--superuser-email", "it@exemple.test", "--no-input")
    monkeypatch.setenv("STAFF_SUPERUSER_PASSWORD", "1234")
    with pytest.raises(CommandError):
        create("--superuser-email", "it@exemple.test", "--no-input")


def test_a_colleague_joins_the_role_and_keeps_her_password(django_user_model):
    colleague = UserFactory(email="collegue@exemple.test")
    create("--project-lead-email", "collegue@exemple.test", "--no-input")
    colleague.refresh_from_db()
    assert colleague.is_staff and not colleague.is_superuser
    assert colleague.groups.filter(name=PROJECT_LEAD_GROUP).exists()
    assert colleague.check_password("mot-de-passe-de-test")
