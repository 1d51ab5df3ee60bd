from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import OfferFactory, commune, profession
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db

LIST = reverse("offers:list")


def titles(response):
    return {offer.title for offer in response.context["page"].object_list}


@pytest.fixture
def offers():
    today = timezone.localdate()
    return {
        "carpentras_collab": OfferFactory(
            title="Collab Carpentras",
            commune=commune("84031"),
            start_date=today + timedelta(days=30),
        ),
        "pernes_locum": OfferFactory(
            title="Remplacement Pernes",
            kind="remplacement_ponctuel",
            structure="cabinet_individuel",
            commune=commune("84088"),
            start_date=today + timedelta(days=10),
            housing_provided=True,
        ),
        "avignon_collab": OfferFactory(
            title="Collab Avignon",
            commune=commune("84007"),
            structure="cabinet_groupe",
            start_date=today + timedelta(days=90),
        ),
        "apt_dentist": OfferFactory(
            title="Dentiste Apt",
            kind="association",
            profession=profession("chirurgie-dentaire"),
            commune=commune("84003"),
        ),
        "bollene_hospital": OfferFactory(
            title="Hôpital Bollène",
            kind="poste_hospitalier",
            structure="hopital",
            commune=commune("84019"),
            start_date=today + timedelta(days=60),
            housing_provided=True,
        ),
    }


def test_list_shows_available_offers_newest_first(visitor, offers):
    with assert_max_queries(8):
        response = visitor.get(LIST)
    assert response.status_code == 200
    listed = [offer.title for offer in response.context["page"].object_list]
    assert listed[0] == "Hôpital Bollène"  # created last, published last
    assert set(listed) == {offer.title for offer in offers.values()}
    assert "5 offres" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "collaboration"}, {"Collab Carpentras", "Collab Avignon"}),
        (
            {"kind": ["collaboration", "association"]},
            {"Collab Carpentras", "Collab Avignon", "Dentiste Apt"},
        ),
        ({"profession": "chirurgie-dentaire"}, {"Dentiste Apt"}),
        ({"commune": "avignon"}, {"Collab Avignon"}),
        ({"epci": "__avignon_epci__"}, {"Collab Avignon"}),
        ({"cpts": "cpts-du-grand-avignon"}, {"Collab Avignon"}),
        ({"near": "carpentras", "km": "10"}, {"Collab Carpentras", "Remplacement Pernes"}),
        ({"structure": "hopital"}, {"Hôpital Bollène"}),
        ({"structure": ["hopital", "cabinet_groupe"]}, {"Hôpital Bollène", "Collab Avignon"}),
        ({"housing": "on"}, {"Remplacement Pernes", "Hôpital Bollène"}),
        (
            {"start_from": "__today+20__"},
            {"Collab Carpentras", "Collab Avignon", "Hôpital Bollène"},
        ),
        ({"start_until": "__today+20__"}, {"Remplacement Pernes"}),
    ],
)
def test_each_filter_alone(visitor, offers, params, expected):
    today = timezone.localdate()
    resolved = {}
    for key, value in params.items():
        if value == "__avignon_epci__":
            value = commune("84007").epci.siren
        if value == "__today+20__":
            value = (today + timedelta(days=20)).isoformat()
        resolved[key] = value
    response = visitor.get(LIST, resolved)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert titles(response) == expected


def test_filters_combined(visitor, offers):
    response = visitor.get(
        LIST,
        {
            "kind": "collaboration",
            "near": "carpentras",
            "km": "20",
            "structure": "msp",
            "tri": "proches",
        },
    )
    assert titles(response) == {"Collab Carpentras"}
    response = visitor.get(
        LIST, {"near": "carpentras", "km": "40", "housing": "on", "kind": "remplacement_ponctuel"}
    )
    assert titles(response) == {"Remplacement Pernes"}


def test_sort_by_distance_and_by_start_date(visitor, offers):
    response = visitor.get(LIST, {"near": "carpentras", "km": "100", "tri": "proches"})
    listed = [offer.title for offer in response.context["page"].object_list]
    assert listed[0] == "Collab Carpentras"
    distances = [offer.distance.km for offer in response.context["page"].object_list]
    assert distances == sorted(distances)
    response = visitor.get(LIST, {"tri": "debut"})
    listed = [offer.title for offer in response.context["page"].object_list]
    assert listed[:2] == ["Remplacement Pernes", "Collab Carpentras"]
    assert listed[-1] == "Dentiste Apt"  # no start date: last


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "boulangerie"}, "kind"),
        ({"profession": "astronaute"}, "profession"),
        ({"commune": "atlantis"}, "commune"),
        ({"near": "carpentras", "km": "abc"}, "km"),
        ({"near": "carpentras", "km": "-5"}, "km"),
        ({"near": "carpentras", "km": "100000"}, "km"),
        ({"km": "20"}, "near"),
        ({"tri": "proches"}, "near"),
        ({"tri": "au-hasard"}, "tri"),
        ({"start_from": "2026-13-45"}, "start_from"),
        ({"start_from": "2027-06-01", "start_until": "2027-01-01"}, "start_until"),
        ({"structure": "<script>alert(1)</script>"}, "structure"),
    ],
)
def test_invalid_filters_give_a_form_error_never_a_500(visitor, offers, params, field):
    response = visitor.get(LIST, params)
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    html = response.content.decode()
    assert "Certains filtres ne sont pas valides" in html
    assert "<script>alert(1)</script>" not in html
    assert response.context["page"].paginator.count == 0


def test_offers_not_available_stay_off_the_list(visitor, offers):
    yesterday = timezone.localdate() - timedelta(days=1)
    OfferFactory(title="Brouillon", status="draft")
    OfferFactory(title="Soumise", status="submitted")
    OfferFactory(title="Refusée", status="rejected")
    OfferFactory(title="Expirée par date", expires_on=yesterday)
    OfferFactory(title="Pourvue", filled_on=yesterday)
    assert titles(visitor.get(LIST)) == {offer.title for offer in offers.values()}


def test_empty_state(visitor):
    html = visitor.get(LIST, {"commune": "sault"}).content.decode()
    assert "Aucune offre ne correspond à cette recherche pour le moment." in html


def test_pagination_keeps_the_filters(visitor):
    OfferFactory.create_batch(25, kind="collaboration")
    response = visitor.get(LIST, {"kind": "collaboration"})
    html = response.content.decode()
    assert "Page 1 sur 2" in html
    assert "?kind=collaboration&amp;page=2" in html
    second = visitor.get(LIST, {"kind": "collaboration", "page": 2})
    assert len(second.context["page"].object_list) == 5


@pytest.mark.parametrize(
    "params", [{}, {"kind": "collaboration", "near": "carpentras", "km": "30", "tri": "proches"}]
)
def test_query_count_is_the_same_for_10_and_1000_offers(returning_visitor, params):
    OfferFactory.create_batch(10)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert returning_visitor.get(LIST, params).status_code == 200
        return len(context)

    from vsa_portal import page_cache

    small = count()
    from offers.models import Offer

    template = Offer.objects.first()
    batch = []
    for number in range(990):
        template.pk = None
        template.title = f"Offre {number}"
        batch.append(
            Offer(**{f.attname: getattr(template, f.attname) for f in Offer._meta.concrete_fields})
        )
    Offer.objects.bulk_create(batch)
    page_cache.new_generation()  # no save signal: as the bulk loading commands do
    assert Offer.objects.count() == 1000
    assert count() == small <= 12


def test_map_page_uses_the_same_search(visitor, offers):
    response = visitor.get(
        reverse("offers:map"), {"kind": "collaboration", "near": "carpentras", "km": "20"}
    )
    assert response.status_code == 200
    config = response.context["map"]["config"]
    offers_layer = next(layer for layer in config["layers"] if layer["id"] == "offres")
    assert "kind=collaboration" in offers_layer["url"] and "near=carpentras" in offers_layer["url"]
    layer = visitor.get(offers_layer["url"] + "&bbox=4.6,43.6,5.8,44.5&zoom=10")
    assert {f["properties"]["name"] for f in layer.json()["features"]} == {"Collab Carpentras"}
    html = response.content.decode()
    assert "ces offres en liste" in html


def test_map_layer_with_invalid_filters_is_a_400_with_a_message(visitor):
    response = visitor.get(
        "/carte/couches/offres.geojson",
        {"bbox": "4.6,43.6,5.8,44.5", "km": "-5", "near": "avignon"},
    )
    assert response.status_code == 400
    assert "Filtres invalides" in response.json()["error"]


def test_map_page_with_invalid_filters_shows_the_errors_instead_of_the_map(visitor):
    response = visitor.get(reverse("offers:map"), {"kind": "boulangerie"})
    assert response.status_code == 200
    assert "Certains filtres ne sont pas valides" in response.content.decode()
    assert "data-map" not in response.content.decode()


def test_landing_shows_the_latest_offers(visitor, offers):
    html = visitor.get(reverse("offers:landing")).content.decode()
    assert "Hôpital Bollène" in html
    assert reverse("offers:list") in html


def test_filtering_by_kind_and_structure_sorts_no_distinct_rows(returning_visitor):
    """A filter on a plain column needs no DISTINCT: at 100,000 offers it made PostgreSQL sort
    every matching offer, all columns, on disk (docs/performance.md)."""
    OfferFactory.create_batch(3)
    with CaptureQueriesContext(connection) as context:
        response = returning_visitor.get(
            LIST, {"kind": ["collaboration", "succession"], "structure": "msp"}
        )
    assert response.status_code == 200
    offer_queries = [q["sql"] for q in context.captured_queries if '"offers_offer"' in q["sql"]]
    assert offer_queries
    assert not any("DISTINCT" in sql for sql in offer_queries)
