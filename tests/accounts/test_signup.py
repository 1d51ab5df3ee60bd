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
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@cpts.test")
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
