import pytest
from django.urls import reverse

from territory.models import Commune, HealthFacility
from tests.helpers.queries import assert_max_queries
from vsa_portal import page_cache

pytestmark = pytest.mark.django_db


# --- "Exercer" landing: the territory in figures and the map ---------------------------------


def test_landing_shows_figures_computed_from_the_data(visitor):
    response = visitor.get(reverse("offers:landing"))
    html = response.content.decode()
    figures = {figure.label: figure.value for figure in response.context["figures"]}
    assert figures["habitants"] == sum(Commune.objects.values_list("population", flat=True))
    assert figures["communes"] == 151
    assert (
        figures["centres hospitaliers"]
        == HealthFacility.objects.filter(kind="centre_hospitalier").count()
    )
    assert figures["CPTS"] == 10
    assert '<span class="value">572\xa0056</span>' in html  # French thousands separator


def test_landing_labels_demo_msps_in_the_figures(visitor, demo_territory):
    response = visitor.get(reverse("offers:landing"))
    msp = next(f for f in response.context["figures"] if "maisons de santé" in str(f.label))
    assert (msp.value, msp.demo) == (14, 14)
    assert "dont 14 fictives" in response.content.decode()


def test_landing_embeds_the_map_with_its_configuration_and_list_alternatives(visitor):
    html = visitor.get(reverse("offers:landing")).content.decode()
    assert 'id="carte-territoire-config" type="application/json"' in html
    assert "leaflet/leaflet.js" in html and "js/map.js" in html
    assert reverse("territory:facility_list") in html
    assert reverse("territory:commune_list") in html
    assert "/static/map/blank-tile.png" in html  # the tile URL comes from the settings


def test_pages_without_a_map_do_not_load_leaflet(visitor):
    html = visitor.get(reverse("home")).content.decode()
    assert "leaflet" not in html


# --- Commune page -----------------------------------------------------------------------------


def test_commune_page_shows_population_epci_cpts_and_town_hall(visitor):
    # One query per registered kind's "nearby" section, the QPVs and the count of aids.
    with assert_max_queries(12):
        response = visitor.get(reverse("territory:commune_detail", args=["avignon"]))
    assert response.status_code == 200
    html = response.content.decode()
    avignon = Commune.objects.get(slug="avignon")
    assert "<h1>Avignon</h1>" in html
    assert avignon.epci.name in html.replace("&#x27;", "'")
    assert "CPTS du Grand Avignon" in html
    assert avignon.town_hall_phone in html
    assert "CENTRE HOSPITALIER HENRI DUFFAUT" in html or response.context["facilities"]


def test_commune_page_lists_nearby_facilities_with_their_distance(visitor):
    response = visitor.get(reverse("territory:commune_detail", args=["carpentras"]))
    nearby = response.context["nearby"]
    assert nearby
    assert all(facility.commune.slug != "carpentras" for facility in nearby)
    assert all(facility.distance.km <= 15 for facility in nearby)
    assert " km)" in response.content.decode()


def test_commune_page_explains_the_zoning_and_labels_a_demo_zoning(visitor):
    from datetime import date

    from territory.models import Zoning

    sault = Commune.objects.get(slug="sault")
    Zoning.objects.filter(commune=sault).delete()
    Zoning.objects.create(
        commune=sault, zone="zip", valid_from=date(2026, 1, 5), source="Démo", is_demo=True
    )
    html = visitor.get(reverse("territory:commune_detail", args=["sault"])).content.decode()
    assert "Zonage médecins" in html
    assert "Ce zonage est fictif" in html
    assert "démo" in html


def test_commune_page_without_zoning_says_so(visitor):
    from territory.models import Zoning

    Zoning.objects.filter(commune__slug="sault").delete()
    html = visitor.get(reverse("territory:commune_detail", args=["sault"])).content.decode()
    assert "n’a pas encore été importé" in html


def test_commune_without_facilities_has_an_empty_state(visitor):
    html = visitor.get(reverse("territory:commune_detail", args=["auribeau"])).content.decode()
    assert "Aucun établissement de santé recensé dans la commune." in html


def test_commune_page_query_count_is_the_same_for_a_big_and_a_small_commune(
    visitor, demo_territory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for slug in ["avignon", "auribeau"]:
        with CaptureQueriesContext(connection) as context:
            visitor.get(reverse("territory:commune_detail", args=[slug]))
        counts.append(len(context))
    assert counts[0] == counts[1] <= 12


def test_unknown_commune_is_404(visitor):
    assert visitor.get(reverse("territory:commune_detail", args=["atlantis"])).status_code == 404


# --- Lists: the map's alternative without JavaScript -----------------------------------------


def test_facility_list_paginates_and_counts(visitor):
    with assert_max_queries(6):
        response = visitor.get(reverse("territory:facility_list"))
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 74
    assert len(page.object_list) == 50
    assert "Page 1 sur 2" in response.content.decode()
    second = visitor.get(reverse("territory:facility_list"), {"page": 2}).context["page"]
    assert len(second.object_list) == 24


def test_facility_list_filters_by_kind_and_commune(visitor):
    response = visitor.get(
        reverse("territory:facility_list"), {"kind": ["clinique", "ssr"], "commune": "avignon"}
    )
    facilities = list(response.context["page"].object_list)
    assert facilities
    assert {facility.kind for facility in facilities} <= {"clinique", "ssr"}
    assert {facility.commune.slug for facility in facilities} == {"avignon"}


def test_facility_list_filters_by_epci(visitor):
    avignon = Commune.objects.select_related("epci").get(slug="avignon")
    response = visitor.get(reverse("territory:facility_list"), {"epci": avignon.epci.siren})
    facilities = list(response.context["page"].object_list)
    assert facilities and all(f.commune.epci_id == avignon.epci_id for f in facilities)


@pytest.mark.parametrize(
    "params",
    [{"kind": "boulangerie"}, {"commune": "atlantis"}, {"epci": "' OR 1=1 --"}, {"page": "abc"}],
)
def test_facility_list_invalid_filters_give_a_form_error_not_a_500(visitor, params):
    response = visitor.get(reverse("territory:facility_list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    if "page" in params:
        assert response.context["page"].number == 1
    else:
        assert "Certains filtres ne sont pas valides" in html
        assert response.context["page"].paginator.count == 0


def test_facility_list_query_count_does_not_grow_with_rows(returning_visitor):
    from tests.territory.test_layers import insert_points

    with assert_max_queries(7) as small:  # 6 and the expired session's lookup
        returning_visitor.get(reverse("territory:facility_list"))
    insert_points(3_000)
    page_cache.new_generation()  # rows inserted without a save signal, as the importers do
    with assert_max_queries(7) as large:
        returning_visitor.get(reverse("territory:facility_list"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_facility_list_marks_demo_and_approximate_rows(visitor, demo_territory):
    html = visitor.get(reverse("territory:facility_list"), {"kind": "msp"}).content.decode()
    assert html.count('class="demo-badge"') >= 14
    html = visitor.get(reverse("territory:facility_list"), {"kind": "dialyse"}).content.decode()
    assert "position approximative (commune)" in html


def test_commune_list_shows_zone_epci_and_cpts(visitor, demo_territory):
    with assert_max_queries(7):
        response = visitor.get(reverse("territory:commune_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 151
    assert "CPTS du Grand Avignon" in response.content.decode()


def test_commune_list_filters_by_name_without_accents_and_by_zone(visitor, demo_territory):
    response = visitor.get(reverse("territory:commune_list"), {"q": "vedene"})
    assert [c.name for c in response.context["page"].object_list] == ["Vedène"]
    zone = Commune.objects.with_current_zone().get(slug="vedene").current_zone
    response = visitor.get(reverse("territory:commune_list"), {"zone": zone})
    assert all(c.current_zone == zone for c in response.context["page"].object_list)


def test_commune_list_invalid_zone_gives_a_form_error(visitor):
    response = visitor.get(reverse("territory:commune_list"), {"zone": "rouge"})
    assert response.status_code == 200
    assert "Certains filtres ne sont pas valides" in response.content.decode()


def test_commune_list_empty_state(visitor):
    response = visitor.get(reverse("territory:commune_list"), {"q": "Atlantis"})
    assert "Aucune commune ne correspond à ces filtres." in response.content.decode()


def test_commune_page_shows_offers_and_events_nearby(visitor):
    from tests.factories import EventFactory, OfferFactory, commune

    OfferFactory(title="Collaboration à Pernes", commune=commune("84088"))
    OfferFactory(title="Collaboration à Bollène", commune=commune("84019"))
    EventFactory(title="Formation à Carpentras")
    with assert_max_queries(12):
        html = visitor.get(
            reverse("territory:commune_detail", args=["carpentras"])
        ).content.decode()
    assert "Collaboration à Pernes" in html and "Collaboration à Bollène" not in html
    assert "Formation à Carpentras" in html


def test_commune_page_shows_the_2022_zoning_as_replaced_with_qpv_and_frr(visitor):
    html = visitor.get(reverse("territory:commune_detail", args=["apt"])).content.decode()
    assert "Zone d’action complémentaire (ZAC)" in html
    assert "Zonage 2022, remplacé le 5 janvier 2026 ; nouveau zonage non encore chargé." in html
    assert "En vigueur du 2 février 2022 au 4 janvier 2026" in html
    assert "Centre ancien - Saint Michel" in html  # its QPV, classed ZIP by the ARS
    assert "Commune classée FRR socle" in html


def test_commune_page_without_qpv_or_frr_says_so(visitor):
    html = visitor.get(reverse("territory:commune_detail", args=["vedene"])).content.decode()
    assert "Aucun quartier prioritaire" in html
    assert "Commune non classée dans la liste FRR" in html
