"""A line break in a single-line field is refused by every public and partner form: it would
break the headers of the e-mails the value ends up in."""

import pytest
from django.urls import reverse

from agenda.models import Event
from offers.models import Offer, OfferContact
from outbox.services import queue_email
from tests.agenda.test_partner_events import event_form
from tests.factories import OfferFactory
from tests.offers.test_offer_contact import FORM as CONTACT_FORM
from tests.organisations.test_partner_space import offer_form
from vsa_portal.forms import validate_single_line

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Titre\r\nBcc: victime@exemple.test",
    "Titre\nsuite",
    "Titre\ttab",
    "Ti\x00tre",
    "A\u2028B",
]
REFUSED = "Ce champ tient sur une ligne"


@pytest.mark.parametrize("value", HOSTILE)
def test_the_validator_refuses_control_characters(value):
    with pytest.raises(Exception, match=REFUSED):
        validate_single_line(value)


def test_a_partner_offer_title_with_a_line_break_is_refused(partner_a):
    response = partner_a.post(
        reverse("partners:create", args=["offres"]),
        offer_form(partner_a.organisation, title=HOSTILE[0], submit="1"),
    )
    assert REFUSED in response.content.decode()
    assert not Offer.objects.exists()


def test_a_partner_event_title_with_a_line_break_is_refused(partner_a):
    response = partner_a.post(
        reverse("partners:create", args=["evenements"]),
        event_form(partner_a.organisation, title=HOSTILE[0]),
    )
    assert REFUSED in response.content.decode()
    assert not Event.objects.exists()


def test_the_description_keeps_its_line_breaks(partner_a):
    response = partner_a.post(
        reverse("partners:create", args=["offres"]),
        offer_form(partner_a.organisation, description="Ligne 1\r\nLigne 2", submit="1"),
    )
    assert response.status_code == 302
    assert Offer.objects.get().description == "Ligne 1\r\nLigne 2"


def test_the_contact_form_refuses_a_name_with_a_line_break(visitor):
    offer = OfferFactory()
    response = visitor.post(
        reverse("offers:contact", args=[offer.pk]), {**CONTACT_FORM, "name": HOSTILE[0]}
    )
    assert REFUSED in response.content.decode()
    assert not OfferContact.objects.exists()


def test_an_email_subject_never_carries_a_line_break():
    email = queue_email(to=["a@exemple.test"], subject="Offre :\r\nBcc: x@y.test\tfin", body=".")
    assert email.subject == "Offre : Bcc: x@y.test fin"
