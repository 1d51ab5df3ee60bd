import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def attempt(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password, "next": "/admin/"})


def test_five_wrong_passwords_then_the_login_is_refused_even_with_the_right_one(
    visitor, project_lead_user
):
    for _ in range(5):
        assert attempt(visitor, project_lead_user.email, "mauvais").status_code == 200
    refused = attempt(visitor, project_lead_user.email, "mot-de-passe-de-test")
    assert refused.status_code == 429
    assert "Trop de tentatives de connexion" in refused.content.decode()


def test_the_limit_also_applies_per_account_from_other_addresses(project_lead_user):
    from django.test import Client

    for number in range(5):
        attempt(Client(REMOTE_ADDR=f"10.0.0.{number}"), project_lead_user.email, "mauvais")
    assert (
        attempt(
            Client(REMOTE_ADDR="10.0.0.99"), project_lead_user.email, "mot-de-passe-de-test"
        ).status_code
        == 429
    )


def test_a_successful_login_resets_the_count(visitor, project_lead_user):
    for _ in range(4):
        attempt(visitor, project_lead_user.email, "mauvais")
    assert attempt(visitor, project_lead_user.email, "mot-de-passe-de-test").status_code == 302
    visitor.logout()
    for _ in range(4):
        assert attempt(visitor, project_lead_user.email, "mauvais").status_code == 200
