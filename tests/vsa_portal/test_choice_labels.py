"""get_FOO_display() of published content: Django's labels, translated once per language."""

import pytest
from django.db.models import Model

from offers.enums import OfferKind
from offers.models import Offer
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_a_choice_shows_the_label_django_shows(territory):
    offer = OfferFactory(kind=OfferKind.SUCCESSION)
    assert offer.get_kind_display() == str(OfferKind.SUCCESSION.label)
    assert offer.get_kind_display() == Model._get_FIELD_display(
        offer, Offer._meta.get_field("kind")
    )


def test_a_value_outside_the_choices_shows_itself(territory):
    offer = OfferFactory()
    offer.kind = "inconnu"
    assert offer.get_kind_display() == "inconnu"


def test_an_unhashable_value_falls_back_to_django(territory):
    offer = OfferFactory()
    offer.kind = ["collaboration"]  # never saved: shows what Django's own version shows
    assert offer.get_kind_display() == Model._get_FIELD_display(
        offer, Offer._meta.get_field("kind")
    )
