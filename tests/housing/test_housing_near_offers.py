"""On a practice's offer, the housing within 10 km (the housing's item_summary in the registry):
a physician who comes to try the practice for a few weeks sees where to sleep."""

import pytest
from django.urls import reverse

from tests.factories import OfferFactory, commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory

pytestmark = pytest.mark.django_db


def test_an_offer_says_how_much_housing_lies_within_10_km(visitor):
    offer = OfferFactory(commune=commune("84137"))  # Vaison-la-Romaine
    HousingFactory.create_batch(2, commune=commune("84137"))
    HousingFactory(commune=commune("84007"))  # Avignon, too far
    HousingFactory(commune=commune("84137"), status="draft")
    with assert_max_queries(10):
        response = visitor.get(offer.get_absolute_url())
    html = response.content.decode()
    assert "Se loger à proximité" in html
    assert "2 logements publiés sur le portail se trouvent à moins de 10 km de Vaison" in html
    link = reverse("housing:list") + "?near=vaison-la-romaine&amp;km=10&amp;tri=proches"
    assert link in html
    listed = visitor.get(reverse("housing:list"), {"near": "vaison-la-romaine", "km": 10})
    assert listed.context["page"].paginator.count == 2  # the link finds what the text counts


def test_no_housing_nearby_is_said_without_a_link(visitor):
    offer = OfferFactory(commune=commune("84137"))
    html = visitor.get(offer.get_absolute_url()).content.decode()
    assert "Aucun logement n’est publié à moins de 10 km de Vaison-la-Romaine" in html
    assert "Voir ces logements" not in html
