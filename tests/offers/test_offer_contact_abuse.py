"""The "Je suis intéressé·e" form cannot be used to mail a victim over and over, and its e-mails
never open with a stranger's words (issue 13, finding 5)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from offers.models import OfferContact
from outbox.models import OutgoingEmail
from tests.agenda.test_registration_abuse import UNREACHABLE_REDIS
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

PHISHING = "Votre compte est bloqué : appelez le 08 99 00 00 00"
FORM = {
    "name": PHISHING,
    "email": "victime@exemple.test",
    "status": "remplacant",
    "message": "Cliquez ici pour débloquer votre compte.",
    "consent": "on",
}


def post_contact(client, offer, remote_addr="192.0.2.10", **changes):
    return client.post(
        reverse("offers:contact", args=[offer.pk]), {**FORM, **changes}, REMOTE_ADDR=remote_addr
    )


def test_fifteen_posts_for_one_victim_send_at_most_five_receipts(visitor):
    offer = OfferFactory()
    statuses = [
        post_contact(visitor, offer, remote_addr=f"203.0.113.{number}").status_code
        for number in range(15)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert OfferContact.objects.count() == 5
    assert OutgoingEmail.objects.filter(to=["victime@exemple.test"]).count() == 5


def test_one_client_is_limited_whatever_the_addresses(visitor):
    offer = OfferFactory()
    statuses = [
        post_contact(visitor, offer, email=f"p{number}@exemple.test").status_code
        for number in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    refused = post_contact(visitor, offer, email="encore@exemple.test")
    assert "Trop de messages envoyés en peu de temps" in refused.content.decode()
    assert post_contact(visitor, offer, remote_addr="198.51.100.7").status_code == 302


def test_with_redis_down_the_form_is_not_limited(visitor):
    offer = OfferFactory()
    with override_settings(CACHES=UNREACHABLE_REDIS):
        statuses = {
            post_contact(visitor, offer, email=f"p{number}@exemple.test").status_code
            for number in range(7)
        }
    assert statuses == {302}
    assert OfferContact.objects.count() == 7


@pytest.mark.parametrize("anonymous", [False, True])
def test_e_mails_open_with_the_portals_words(visitor, anonymous):
    offer = OfferFactory(is_anonymous=anonymous)
    post_contact(visitor, offer)
    emails = list(OutgoingEmail.objects.order_by("pk"))
    assert len(emails) == 2
    for email in emails:
        assert PHISHING not in email.subject
        first_line = email.body.split("\n", 1)[0]
        assert first_line.startswith("Bonjour") and PHISHING not in first_line
        paragraphs = email.body.split("\n\n")
        assert PHISHING not in paragraphs[1]  # the portal's sentence comes first
        assert PHISHING in email.body  # then what the stranger typed, after a header
