"""The housing search: GET filters, distances from the chosen place, the map layer."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.kinds import build_kind
from territory.models import Commune, HealthFacility
from tests.factories import commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory

pytestmark = pytest.mark.django_db

AVIGNON, CARPENTRAS, VAISON, APT = "84007", "84031", "84137", "84003"
VAUCLUSE_BBOX = "4.6,43.6,5.8,44.5"


def results(response):
    return list(response.context["page"].object_list)


def test_the_list_keeps_its_query_budget(visitor):
    HousingFactory.create_batch(15)
    with assert_max_queries(12):
        response = visitor.get(reverse("housing:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 15


def test_only_published_housing_is_listed(visitor):
    shown = HousingFactory()
    HousingFactory(title="Brouillon caché", status="draft")
    HousingFactory(title="Expiré", expires_on=timezone.localdate() - timedelta(days=1))
    assert results(visitor.get(reverse("housing:list"))) == [shown]


def test_around_a_commune_sorted_by_distance_with_km_shown(visitor):
    near = HousingFactory(title="À Avignon", commune=commune(AVIGNON))
    farther = HousingFactory(title="À Carpentras", commune=commune(CARPENTRAS))
    HousingFactory(title="À Vaison", commune=commune(VAISON))
    response = visitor.get(reverse("housing:list"), {"near": "avignon", "km": 30})
    found = results(response)
    assert found == [near, farther]
    assert found[0].distance.km < found[1].distance.km
    html = response.content.decode()
    assert f"{found[1].distance.km:.1f}".replace(".", ",") + " km à vol d’oiseau" in html


def test_around_a_facility(visitor):
    hospital = HealthFacility.objects.get(finess_et="840000525")  # CH de Vaison-la-Romaine
    near = HousingFactory(title="À Vaison", commune=commune(VAISON))
    HousingFactory(title="À Apt", commune=commune(APT))
    response = visitor.get(reverse("housing:list"), {"etablissement": hospital.pk, "km": 10})
    assert results(response) == [near]


def test_max_rent_counts_the_charges(visitor):
    cheap = HousingFactory(rent=300, charges=50)
    HousingFactory(rent=380, charges=50)
    assert results(visitor.get(reverse("housing:list"), {"loyer_max": 400})) == [cheap]


def test_dates_type_furnished_audience_and_semester(visitor):
    today = timezone.localdate()
    studio = HousingFactory(
        available_from=today,
        available_until=today + timedelta(days=200),
        fits_winter_semester=True,
    )
    HousingFactory(
        housing_type="gite", furnished=False, audiences=["familles"], available_from=today
    )
    HousingFactory(available_from=today + timedelta(days=100))
    HousingFactory(available_from=today, available_until=today + timedelta(days=20))
    query = {
        "arrivee": (today + timedelta(days=5)).isoformat(),
        "depart": (today + timedelta(days=150)).isoformat(),
        "type": "studio",
        "meuble": "on",
        "public": "internes",
        "semestre": "hiver",
    }
    assert results(visitor.get(reverse("housing:list"), query)) == [studio]


def test_cheapest_first(visitor):
    dear = HousingFactory(rent=700)
    cheap = HousingFactory(rent=300)
    assert results(visitor.get(reverse("housing:list"), {"tri": "loyer"})) == [cheap, dear]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"km": 10}, "Choisissez la commune"),
        ({"tri": "proches"}, "Pour trier par distance"),
        ({"arrivee": "2027-05-01", "depart": "2027-04-01"}, "La date de départ précède"),
        ({"arrivee": "pas-une-date"}, "Saisissez une date valide"),
        ({"km": "-4", "near": "avignon"}, "supérieure ou égale à 1"),
        ({"near": "commune-inconnue"}, "Sélectionnez un choix valide"),
        ({"near": "avignon", "etablissement": "1"}, "un seul point de départ"),
        ({"terrain": "pas-un-terrain"}, "Sélectionnez un choix valide"),
        ({"loyer_max": "beaucoup"}, "Saisissez un nombre"),
    ],
)
def test_bad_filters_are_explained_never_a_500(visitor, query, message):
    response = visitor.get(reverse("housing:list"), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert results(response) == []


def test_map_page_and_layer(visitor):
    HousingFactory.create_batch(3)
    assert visitor.get(reverse("housing:map"), {"near": "avignon"}).status_code == 200
    response = visitor.get(
        reverse("territory:layer", args=["logements"]), {"bbox": VAUCLUSE_BBOX, "zoom": 10}
    )
    assert response.status_code == 200
    features = response.json()["features"]
    assert len(features) == 3
    assert features[0]["properties"]["approximate"] is True


def test_layer_with_a_bad_filter_is_a_400(visitor):
    response = visitor.get(
        reverse("territory:layer", args=["logements"]),
        {"bbox": VAUCLUSE_BBOX, "zoom": 10, "km": "abc"},
    )
    assert response.status_code == 400


def test_layer_stays_within_budget_at_bench_scale(visitor):
    communes = list(Commune.objects.only("pk", "boundary", "town_hall_point", "centroid"))
    assert build_kind().bench(random.Random(3), communes, 20_000) == 20_000
    for zoom, bbox in [(9, VAUCLUSE_BBOX), (14, "4.78,43.9,4.84,43.96")]:
        response = visitor.get(
            reverse("territory:layer", args=["logements"]), {"bbox": bbox, "zoom": zoom}
        )
        assert response.status_code == 200
        assert len(response.content) <= 100_000
        assert 0 < len(response.json()["features"]) <= 500


def test_the_commune_page_shows_housing_nearby(visitor):
    HousingFactory(title="Studio à Avignon", commune=commune(AVIGNON))
    page = visitor.get(commune(AVIGNON).get_absolute_url()).content.decode()
    assert 'id="logements-proches-titre"' in page
    assert "Studio à Avignon" in page


def with_photo(housing):
    from django.core.files.base import ContentFile

    from housing.models import HousingPhoto
    from tests.housing.conftest import image_bytes

    HousingPhoto.objects.create(
        housing=housing,
        image=ContentFile(image_bytes(size=(40, 30)), name="p.jpg"),
        alt_text="La chambre",
    )
    return housing


@pytest.mark.parametrize("query", [{}, {"terrain": "{site}", "km": "50"}])
def test_the_list_costs_the_same_queries_for_one_housing_or_a_full_page(visitor, query):
    from interns.demo import generate_demo_sites
    from interns.models import InternshipSite

    generate_demo_sites()
    query = {k: v.format(site=InternshipSite.objects.first().pk) for k, v in query.items()}
    with_photo(HousingFactory())
    with assert_max_queries(12) as one:
        visitor.get(reverse("housing:list"), query)
    for _ in range(24):
        with_photo(HousingFactory())
    with assert_max_queries(len(one.captured_queries)):
        response = visitor.get(reverse("housing:list"), query)
    assert len(results(response)) == 20
    assert response.content.decode().count('alt="La chambre"') == 20


def test_housing_within_some_kilometres_of_a_station(visitor, territory):
    HousingFactory(title="Studio à Carpentras", commune=commune("84031"))
    HousingFactory(title="Gîte à Sault", commune=commune("84123"))
    response = visitor.get(reverse("housing:list"), {"proche_de": "gare", "rayon": "5"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Studio à Carpentras" in page and "Gîte à Sault" not in page
    refused = visitor.get(reverse("housing:list"), {"proche_de": "gare", "rayon": "500"})
    assert refused.context["filter"].form.errors


def test_around_a_facility_typed_by_name_or_chosen_among_suggestions(visitor):
    hospital = HealthFacility.objects.get(finess_et="840000525")
    near = HousingFactory(title="À Vaison", commune=commune(VAISON))
    HousingFactory(title="À Apt", commune=commune(APT))
    for typed in (hospital.label_with_commune, hospital.finess_et, hospital.label.upper()):
        response = visitor.get(reverse("housing:list"), {"etablissement": typed, "km": 10})
        assert results(response) == [near], typed
        # the box shows the facility found, whatever was typed
        assert f'value="{hospital.label_with_commune}"' in response.content.decode()


def test_a_facility_name_that_matches_none_or_several_is_explained(visitor):
    HousingFactory(commune=commune(VAISON))
    response = visitor.get(reverse("housing:list"), {"etablissement": "zzzz introuvable"})
    assert response.status_code == 200
    assert "Aucun établissement ne correspond à « zzzz introuvable »" in response.content.decode()
    assert results(response) == []
    for hostile in ("\x00 — \x00", "9" * 30, "'; DROP TABLE --"):
        assert visitor.get(reverse("housing:list"), {"etablissement": hostile}).status_code == 200
    response = visitor.get(reverse("housing:list"), {"etablissement": "centre"})
    html = response.content.decode()
    assert "Plusieurs établissements correspondent à « centre », par exemple « " in html
    assert results(response) == []


def test_the_form_lists_no_facility_but_suggests_them(visitor):
    html = visitor.get(reverse("housing:list")).content.decode()
    field = html[html.index('name="etablissement"') - 200 :]
    assert 'type="search"' in field[:400]
    assert "js/suggest" in html
    hospital = HealthFacility.objects.get(finess_et="840000525")
    assert f">{hospital.label}</option>" not in html
    assert f'<option value="{hospital.pk}"' not in html
    url = reverse("territory:facility_suggestions")
    with assert_max_queries(1):
        found = visitor.get(url, {"q": "hospitalier vaison"}).json()["results"]
    assert found == [hospital.label_with_commune]
    assert visitor.get(url, {"q": "v"}).json() == {"results": []}
    assert len(visitor.get(url, {"q": "centre"}).json()["results"]) == 10
