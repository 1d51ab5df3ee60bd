"""A family's questions on the offers: "near a station, a collège, a lycée" in the search, and the
nearest ones on the offer's page (the territory's schools and stations, through its filters)."""

import pytest
from django.urls import reverse

from tests.factories import OfferFactory, commune
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db

CARPENTRAS, SAULT = "84031", "84123"


def titles(response):
    return [offer.title for offer in response.context["page"].object_list]


def test_offers_within_some_kilometres_of_a_station(visitor):
    OfferFactory(title="Collaboration à Carpentras", commune=commune(CARPENTRAS))
    OfferFactory(title="Remplacement à Sault", commune=commune(SAULT))
    url = reverse("offers:list")
    assert set(titles(visitor.get(url))) == {"Collaboration à Carpentras", "Remplacement à Sault"}
    with assert_max_queries():
        near_station = visitor.get(url, {"proche_de": "gare", "rayon": "5"})
    assert titles(near_station) == ["Collaboration à Carpentras"]
    # Sault has its collège; Carpentras has several: both are within 5 km of one
    assert set(titles(visitor.get(url, {"proche_de": "college", "rayon": "5"}))) == {
        "Collaboration à Carpentras",
        "Remplacement à Sault",
    }


@pytest.mark.parametrize(
    "params", [{"proche_de": "piscine"}, {"proche_de": "gare", "rayon": "500"}, {"rayon": "x"}]
)
def test_a_bad_amenity_or_radius_is_a_form_error(visitor, params):
    response = visitor.get(reverse("offers:list"), params)
    assert response.status_code == 200
    assert response.context["filter"].form.errors


def test_the_offer_page_names_the_nearest_college_lycee_and_station(visitor):
    offer = OfferFactory(commune=commune(SAULT))
    page = visitor.get(offer.get_absolute_url()).content.decode()
    assert "Écoles et gares à proximité" in page
    assert "Gare d’intérêt national la plus proche : Avignon TGV" in page
