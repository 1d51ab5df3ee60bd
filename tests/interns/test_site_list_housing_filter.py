"""The internship-site list's "housing within N km" filter: the housing comes through the
registry, the count per site costs no query per row, hostile values are explained."""

import pytest
from django.urls import reverse

from interns.demo import generate_demo_sites
from territory.models import HealthFacility
from tests.factories import commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory
from tests.interns.test_interns_pages import site

pytestmark = pytest.mark.django_db

AVIGNON, VAISON, APT = "84007", "84137", "84003"


def results(response):
    return list(response.context["page"].object_list)


def test_only_sites_with_housing_within_the_radius_are_listed_with_the_count(visitor):
    avignon = site(name="Urgences à Avignon")
    site(name="Cabinet à Apt", commune=commune(APT))
    HousingFactory.create_batch(2, commune=commune(AVIGNON))
    HousingFactory(commune=commune(VAISON))
    response = visitor.get(reverse("interns:site_list"), {"logements_km": 10})
    assert results(response) == [avignon]
    assert results(response)[0].housing_nearby == 2
    html = response.content.decode()
    assert "2 logements publiés à moins de 10 km" in html
    assert f"/s-installer/logements/?terrain={avignon.pk}&amp;km=10" in html


def test_the_count_stops_at_the_cap_and_says_at_least(visitor, monkeypatch):
    monkeypatch.setattr("interns.filters.HOUSING_COUNT_CAP", 3)
    site(name="Urgences à Avignon")
    HousingFactory.create_batch(5, commune=commune(AVIGNON))
    response = visitor.get(reverse("interns:site_list"), {"logements_km": 10})
    assert results(response)[0].housing_nearby == 3
    assert "Au moins 3 logements publiés à moins de 10 km" in response.content.decode()


def test_unpublished_housing_does_not_count(visitor):
    site(name="Urgences à Avignon")
    HousingFactory(commune=commune(AVIGNON), status="draft")
    HousingFactory(commune=commune(AVIGNON), status="submitted")
    response = visitor.get(reverse("interns:site_list"), {"logements_km": 10})
    assert results(response) == []
    assert "Aucun terrain de stage ne correspond" in response.content.decode()


def test_with_a_commune_sorted_by_distance(visitor):
    vaison = site(name="Urgences à Vaison", commune=commune(VAISON))
    HousingFactory(commune=commune(VAISON))
    HousingFactory(commune=commune(AVIGNON))
    avignon = site(name="Urgences à Avignon")
    response = visitor.get(
        reverse("interns:site_list"), {"near": "vaison-la-romaine", "km": 60, "logements_km": 5}
    )
    assert results(response) == [vaison, avignon]


def test_the_list_keeps_its_query_budget_whatever_the_number_of_sites(visitor):
    generate_demo_sites()
    for code in (AVIGNON, VAISON, APT):
        HousingFactory.create_batch(3, commune=commune(code))
    with assert_max_queries(12) as few:
        visitor.get(reverse("interns:site_list"), {"logements_km": 10, "near": "avignon"})
    with assert_max_queries(len(few.captured_queries)):
        response = visitor.get(reverse("interns:site_list"), {"logements_km": 50})
    assert len(results(response)) == 20  # a full page, still the same number of queries


@pytest.mark.parametrize("value", ["0", "-3", "51", "abc", "7.5", "1e400", "NaN", "10' OR 1=1 --"])
def test_hostile_values_are_a_form_error_never_a_500(visitor, value):
    site()
    response = visitor.get(reverse("interns:site_list"), {"logements_km": value})
    assert response.status_code == 200
    assert "ne sont pas valides" in response.content.decode()
    assert response.context["filter"].errors["logements_km"]


def test_the_map_layer_takes_the_same_filter(visitor):
    site(name="Urgences à Avignon")
    site(name="Cabinet à Apt", commune=commune(APT))
    HousingFactory(commune=commune(AVIGNON))
    layer = reverse("territory:layer", args=["terrains-de-stage"])
    response = visitor.get(layer, {"bbox": "4.6,43.6,5.8,44.5", "logements_km": 10})
    assert [f["properties"]["name"] for f in response.json()["features"]] == ["Urgences à Avignon"]
    assert visitor.get(layer, {"bbox": "4.6,43.6,5.8,44.5", "logements_km": "x"}).status_code == 400


def test_the_housing_search_starts_from_an_internship_site(visitor):
    hospital = HealthFacility.objects.get(finess_et="840000525")  # CH de Vaison-la-Romaine
    found = site(name="Urgences à Vaison", facility=hospital, commune=commune(VAISON))
    near = HousingFactory(title="À Vaison", commune=commune(VAISON))
    HousingFactory(title="À Avignon", commune=commune(AVIGNON))
    response = visitor.get(reverse("housing:list"), {"terrain": found.pk, "km": 10})
    assert results(response) == [near]
    assert "km à vol d’oiseau" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"terrain": "999999"},
        {"terrain": "x"},
        {"terrain": "{site}", "near": "avignon"},
    ],
)
def test_the_housing_search_refuses_a_bad_site(visitor, query):
    found = site()
    draft = site(status="draft")
    query = {key: value.format(site=found.pk) for key, value in query.items()}
    response = visitor.get(reverse("housing:list"), query)
    assert response.status_code == 200
    assert response.context["filter"].errors
    response = visitor.get(reverse("housing:list"), {"terrain": draft.pk})
    assert "terrain" in response.context["filter"].errors


def test_the_sites_page_shows_housing_within_the_radius_chosen_on_the_list(visitor):
    found = site(name="Urgences à Avignon")
    HousingFactory(title="Studio au centre", commune=commune(AVIGNON))
    html = visitor.get(reverse("interns:site_list"), {"logements_km": 4}).content.decode()
    assert f'href="{found.get_absolute_url()}?logements_km=4"' in html
    response = visitor.get(found.get_absolute_url(), {"logements_km": 4})
    assert "Logements à moins de 4 km" in response.content.decode()
    assert "Studio au centre" in response.content.decode()
    assert response.context["housing_search"].endswith(f"terrain={found.pk}&km=4")


@pytest.mark.parametrize("value", ["0", "999", "x", "1e400", ""])
def test_a_bad_radius_on_the_sites_page_falls_back_to_10_km(visitor, value):
    found = site()
    response = visitor.get(found.get_absolute_url(), {"logements_km": value})
    assert response.status_code == 200
    assert "Logements à moins de 10 km" in response.content.decode()


def test_a_portal_without_housing_offers_no_such_filter_and_no_section(visitor, monkeypatch):
    from vsa_portal import kinds

    found = site()
    monkeypatch.delitem(kinds._REGISTRY, "logements")
    response = visitor.get(reverse("interns:site_list"), {"logements_km": 10})
    assert response.status_code == 200
    assert "logements_km" not in response.context["filter"].form.fields
    assert "logements" not in dict(response.context["filter"].form.fields["tri"].choices)
    assert results(response) == [found]  # the unknown parameter is ignored
    page = visitor.get(found.get_absolute_url())
    assert page.status_code == 200 and page.context["housing"] is None
    assert kinds.nearby("logements", found.point, 10) is None


def test_a_portal_without_internship_sites_offers_no_such_housing_filter(visitor, monkeypatch):
    from vsa_portal import kinds

    HousingFactory()
    monkeypatch.delitem(kinds._REGISTRY, "terrains-de-stage")
    response = visitor.get(reverse("housing:list"), {"terrain": "1"})
    assert response.status_code == 200
    assert "terrain" not in response.context["filter"].form.fields
    assert response.context["page"].paginator.count == 1


def test_sites_sorted_by_most_housing_nearby(visitor):
    few = site(name="A — un logement", commune=commune(VAISON))
    many = site(name="B — trois logements")
    HousingFactory(commune=commune(VAISON))
    HousingFactory.create_batch(3, commune=commune(AVIGNON))
    query = {"logements_km": 10}
    assert results(visitor.get(reverse("interns:site_list"), query)) == [few, many]
    query["tri"] = "logements"
    assert results(visitor.get(reverse("interns:site_list"), query)) == [many, few]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"tri": "logements"}, "logements_km"),
        ({"tri": "proches"}, "near"),
        ({"tri": "n'importe quoi"}, "tri"),
    ],
)
def test_an_ordering_that_cannot_apply_is_explained(visitor, query, field):
    site()
    response = visitor.get(reverse("interns:site_list"), query)
    assert response.status_code == 200
    assert field in response.context["filter"].errors
