"""Login limits: never a 429 for everyone when Redis is down, and a visitor's address read
through the proxy only when the deployment says there is one."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")
TOO_MANY = "Trop de tentatives de connexion échouées"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }


def test_with_redis_down_login_and_password_reset_still_answer(visitor, redis_down):
    user = UserFactory(email="sacha@exemple.test")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = visitor.post(LOGIN, {"login": user.email, "password": "mot-de-passe-de-test"})
    assert response.status_code == 302
    assert "_auth_user_id" in visitor.session
    reset = Client().post(reverse("account_reset_password"), {"email": user.email})
    assert reset.status_code == 302


def fail_logins(client, count, **headers):
    for number in range(count):
        response = client.post(
            LOGIN, {"login": f"personne{number}@exemple.test", "password": "faux"}, **headers
        )
    return response.content.decode()


def test_without_a_configured_proxy_a_forged_forwarded_for_changes_nothing(visitor):
    for number in range(10):
        fail_logins(visitor, 1, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert TOO_MANY in fail_logins(visitor, 1, HTTP_X_FORWARDED_FOR="203.0.113.99")


def test_behind_a_configured_proxy_each_visitor_has_its_own_bucket(visitor, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Ten failures from one visitor behind the proxy…
    assert TOO_MANY in fail_logins(visitor, 11, HTTP_X_FORWARDED_FOR="203.0.113.7")
    # …leave another visitor, who reaches the portal through the same proxy, alone.
    assert TOO_MANY not in fail_logins(visitor, 1, HTTP_X_FORWARDED_FOR="198.51.100.4")
