import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_signup_sends_the_verification_through_the_outbox(visitor):
    response = visitor.post(
        reverse("account_signup"),
        {
            "email": "nouvelle@cpts.test",
            "password1": "Une-phrase-solide-84",
            "password2": "Une-phrase-solide-84",
            "first_name": "Léa",
            "status": "interne",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@cpts.test")
    assert (user.first_name, user.status, user.terms_version) == ("Léa", "interne", "2026-11")
    assert user.terms_accepted_at is not None
    assert not EmailAddress.objects.get(user=user).verified
    (email,) = OutgoingEmail.objects.all()
    assert email.to == ["nouvelle@cpts.test"]
    link = re.search(r"http://testserver(/compte/confirm-email/[^\s]+)", email.body).group(1)
    visitor.post(link)
    assert EmailAddress.objects.get(user=user).verified


def test_signup_pages_are_in_french(visitor):
    html = visitor.get(reverse("account_signup")).content.decode()
    assert "Inscription" in html
    assert '<html lang="fr">' in html and 'aria-label="Rubriques"' in html  # the portal's layout


def test_signup_without_consent_is_refused(visitor):
    response = visitor.post(
        reverse("account_signup"),
        {
            "email": "sans@accord.test",
            "password1": "Une-phrase-solide-84",
            "password2": "Une-phrase-solide-84",
        },
    )
    assert response.status_code == 200
    assert "Votre accord est nécessaire pour créer un compte." in response.content.decode()
    assert not User.objects.filter(email="sans@accord.test").exists()


def test_professional_edits_the_profile(professional, professional_user):
    from accounts.models import Profession

    response = professional.post(
        reverse("accounts:profile"),
        {
            "first_name": "Sacha",
            "last_name": "Martin",
            "status": "remplacant",
            "profession": Profession.objects.get(slug="medecine-generale").pk,
            "specialty": "gériatrie",
        },
    )
    assert response.status_code == 302
    professional_user.refresh_from_db()
    assert (professional_user.status, professional_user.specialty) == ("remplacant", "gériatrie")
    assert (
        professional.post(reverse("accounts:profile"), {"status": "astronaute"}).status_code == 400
    )


def test_password_reset_goes_through_the_outbox(visitor, professional_user):
    response = visitor.post(reverse("account_reset_password"), {"email": professional_user.email})
    assert response.status_code == 302
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [professional_user.email]
    assert "/compte/password/reset/key/" in email.body
