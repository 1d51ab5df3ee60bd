"""Vivre ici: the CPTS of every commune, what a family looks at on the commune page, and the
territory's advantages, from the imported rows."""

import pytest
from django.db import connection
from django.db.models import Sum
from django.urls import reverse

from territory.enums import FacilityKind, SchoolLevel, StationSegment
from territory.models import (
    CPTS,
    Commune,
    HealthFacility,
    RailwayStation,
    School,
    TerritoryHighlight,
)
from tests.helpers.queries import assert_max_queries
from vsa_portal import page_cache

pytestmark = pytest.mark.django_db


def commune_page(client, slug):
    return client.get(reverse("territory:commune_detail", args=[slug]))


def text_of(response):
    return response.content.decode().replace("&#x27;", "'").replace("&#39;", "'")


def geodesic_metres(place_point, commune):
    """The distance PostGIS computes on the geography, independently of the page's query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Distance(%s::geography, %s::geography)",
            [place_point.ewkt, commune.reference_point.ewkt],
        )
        return cursor.fetchone()[0]


# --- CPTS everywhere ------------------------------------------------------------------------


def test_every_commune_page_names_its_cpts_with_its_contact(visitor):
    for commune in Commune.objects.prefetch_related("cpts").order_by("pk")[::15]:
        html = text_of(commune_page(visitor, commune.slug))
        cpts = commune.cpts.get()
        assert cpts.name in html, commune.name
        assert "Aucune CPTS connue" not in html
        for email in cpts.emails:
            assert f"mailto:{email}" in html


def test_commune_page_links_the_cpts_website_with_a_scheme(visitor):
    html = text_of(commune_page(visitor, "avignon"))
    assert 'href="https://www.cpts-avignon.fr/"' in html
    assert "mailto:mission@cpts-avignon.fr" in html


def test_cpts_list_gives_each_cpts_its_communes_and_population(visitor):
    with assert_max_queries(6):
        response = visitor.get(reverse("territory:cpts_list"))
    assert response.status_code == 200
    html = text_of(response)
    listed = {cpts.name: cpts for cpts in response.context["cpts_list"]}
    assert len(listed) == 10
    for cpts in CPTS.objects.all():
        expected = cpts.communes.aggregate(total=Sum("population"))["total"]
        assert listed[cpts.name].population == expected
        assert listed[cpts.name].commune_count == cpts.communes.count()
    assert "151 communes sur 151" in html
    assert reverse("territory:commune_detail", args=["carpentras"]) in html
    assert 'id="carte-cpts-config"' in html


def test_cpts_list_empty_state(visitor):
    CPTS.objects.all().delete()
    html = text_of(visitor.get(reverse("territory:cpts_list")))
    assert "Aucune CPTS n’est encore connue du portail." in html


# --- Pour votre famille -----------------------------------------------------------------------


def test_carpentras_lists_its_colleges_lycees_and_its_station(visitor):
    response = commune_page(visitor, "carpentras")
    html = text_of(response)
    carpentras = Commune.objects.get(slug="carpentras")
    family = response.context["family"]
    by_level = {group["level"]: group["schools"] for group in family["levels"]}
    for level in (SchoolLevel.MIDDLE, SchoolLevel.HIGH):
        expected = School.objects.filter(commune=carpentras, level=level)
        assert expected.exists()
        assert {school.name for school in by_level[level]} == {s.label for s in expected}
        for school in expected:
            assert school.label in html
    assert family["has_college"] and family["has_lycee"]
    assert family["stations"][0].name == "Carpentras"
    assert "Gare d’intérêt régional" in html
    assert "Les collèges les plus proches" not in html  # it has its own


def test_a_commune_without_college_shows_the_nearest_with_an_exact_distance(visitor):
    commune = Commune.objects.exclude(schools__level=SchoolLevel.MIDDLE).order_by("name").first()
    response = commune_page(visitor, commune.slug)
    nearest = response.context["family"]["nearest_colleges"]
    assert nearest and "Les collèges les plus proches" in text_of(response)
    expected = min(
        geodesic_metres(school.point, commune)
        for school in School.objects.filter(level=SchoolLevel.MIDDLE)
    )
    assert abs(nearest[0].distance.m - expected) < 100
    assert not nearest[0].approximate  # the collèges have their own point
    assert f"{nearest[0].distance.km:.1f}".replace(".", ",") + " km" in text_of(response)


def test_a_commune_without_lycee_says_the_distance_is_from_the_lycees_commune(visitor):
    commune = Commune.objects.exclude(schools__level=SchoolLevel.HIGH).order_by("name").first()
    response = commune_page(visitor, commune.slug)
    nearest = response.context["family"]["nearest_lycees"]
    assert nearest[0].approximate
    assert "la position de l’établissement n’est pas dans le fichier" in text_of(response)


def test_the_nearest_national_station_is_avignon_tgv_at_its_exact_distance(visitor):
    response = commune_page(visitor, "sault")
    national = response.context["family"]["national_station"]
    station = RailwayStation.objects.get(segment=StationSegment.NATIONAL)
    assert national.name == station.name == "Avignon TGV"
    sault = Commune.objects.get(slug="sault")
    assert abs(national.distance.m - geodesic_metres(station.point, sault)) < 100
    assert "Gare d’intérêt national la plus proche : Avignon TGV" in text_of(response)


def test_the_family_section_says_what_the_files_lack(visitor):
    html = text_of(commune_page(visitor, "sault"))
    assert "écoles maternelles" in html and "lycées agricoles" in html
    assert "Le portail ne dispose d’aucune liste publique des crèches" in html
    assert "ne dit pas quels trains s’y arrêtent" in html


def test_the_commune_map_has_school_and_station_layers(visitor):
    response = commune_page(visitor, "apt")
    layers = {layer["id"]: layer for layer in response.context["map"]["config"]["layers"]}
    assert "gares" in layers and "colleges-lycees" in layers and "ecoles" in layers
    assert layers["colleges-lycees"]["url"].startswith("/carte/couches/etablissements-scolaires")


@pytest.mark.parametrize("slug", ["avignon", "sault", "carpentras", "brantes"])
def test_commune_page_query_count_is_constant_across_communes(returning_visitor, slug):
    commune_page(returning_visitor, "avignon")  # process-wide caches (spatial reference systems)
    page_cache.new_generation()  # the first rendering after a publication
    with assert_max_queries(12) as context:
        assert commune_page(returning_visitor, slug).status_code == 200
    assert len(context.captured_queries) == 12, slug  # 11 and the expired session's lookup


def test_what_is_around_a_commune_is_rendered_once_until_content_changes(returning_visitor):
    from tests.factories import OfferFactory, commune

    first = commune_page(returning_visitor, "carpentras").content.decode()
    with assert_max_queries(12) as context:
        again = commune_page(returning_visitor, "carpentras").content.decode()
    # the expired session's lookup only: the commune's row and its page are kept
    assert len(context.captured_queries) == 1
    assert again == first
    OfferFactory(title="Collaboration toute neuve à Carpentras", commune=commune("84031"))
    after = commune_page(returning_visitor, "carpentras").content.decode()
    assert "Collaboration toute neuve à Carpentras" in after


def test_nearby_facilities_exclude_the_communes_own(visitor):
    response = commune_page(visitor, "avignon")
    assert response.context["facilities"]
    assert all(f.commune.slug == "avignon" for f in response.context["facilities"])
    assert all(f.commune.slug != "avignon" for f in response.context["nearby"])
    assert all(f.distance.km <= 15 for f in response.context["nearby"])


# --- Vivre et exercer -------------------------------------------------------------------------


def test_living_here_figures_equal_counts_of_the_imported_rows(visitor):
    with assert_max_queries(10):
        response = visitor.get(reverse("territory:living_here"))
    assert response.status_code == 200
    figures = {str(figure.label): figure.value for figure in response.context["figures"]}
    real = HealthFacility.objects.filter(is_demo=False)
    assert figures["habitants"] == sum(Commune.objects.values_list("population", flat=True))
    assert figures["centres hospitaliers"] == real.filter(kind=FacilityKind.HOSPITAL).count()
    assert figures["cliniques"] == real.filter(kind=FacilityKind.CLINIC).count()
    assert (
        figures["centres de soins de suite et de réadaptation"]
        == real.filter(kind=FacilityKind.REHABILITATION).count()
    )
    assert figures["CPTS"] == CPTS.objects.count() == 10
    assert figures["gares de voyageurs"] == RailwayStation.objects.count() == 18
    assert figures["collèges"] == School.objects.filter(level=SchoolLevel.MIDDLE).count() == 57
    assert figures["lycées"] == School.objects.filter(level=SchoolLevel.HIGH).count() == 28


def test_living_here_gives_the_position_highlights_with_sources_and_support_link(visitor):
    html = text_of(visitor.get(reverse("territory:living_here")))
    assert (
        "<h1>\n    Vivre et exercer en Vaucluse\n  </h1>" in html
        or "Vivre et exercer en Vaucluse" in html
    )
    assert "Avignon TGV (Avignon), gare d’intérêt national" in html
    for highlight in TerritoryHighlight.objects.all():
        assert highlight.title in html and highlight.source in html
    assert "à vérifier" in html  # the seed documents' figures until checked
    assert reverse("support:request") in html


def test_a_highlight_edited_or_unpublished_in_the_admin_shows_so(visitor):
    TerritoryHighlight.objects.filter(key="paris-en-tgv").update(is_published=False)
    TerritoryHighlight.objects.filter(key="bassin-de-vie").update(title="Un titre corrigé")
    html = text_of(visitor.get(reverse("territory:living_here")))
    assert "Paris à 2 h 40" not in html
    assert "Un titre corrigé" in html


def test_living_here_shows_published_testimonials_through_the_registry(visitor):
    from datetime import date

    from collective.models import Testimonial

    commune = Commune.objects.get(slug="apt")
    Testimonial.objects.create(
        name="Dr Claire M.",
        quote="Un territoire où l’on prend le temps.",
        commune=commune,
        year=2024,
        mode="liberal",
        consent_given_at=date(2024, 5, 1),
        is_published=True,
        is_demo=True,
    )
    Testimonial.objects.create(
        name="Dr Sans Consentement",
        quote="Pas publié.",
        commune=commune,
        year=2024,
        mode="liberal",
        consent_given_at=date(2024, 5, 1),
        is_published=False,
    )
    html = text_of(visitor.get(reverse("territory:living_here")))
    assert "Un territoire où l’on prend le temps." in html and "Dr Claire M." in html
    assert "Pas publié." not in html
    assert "démo" in html


def test_the_data_sources_page_credits_the_cpts_schools_and_stations(visitor):
    html = text_of(visitor.get(reverse("collective:data_sources")))
    assert "Listing CPTS_012026.xlsx" in html
    assert "écoles 2022-2023, collèges 2024" in html and "lycées agricoles" in html
    assert "SNCF Gares & Connexions" in html or "SNCF Gares &amp; Connexions" in html


# --- "Within N km of a collège or a station", for any search with a point --------------------


FACILITIES_NEAR = {
    RailwayStation: """SELECT DISTINCT f.id FROM territory_healthfacility f,
        territory_railwaystation r
        WHERE ST_Distance(f.point::geography, r.point::geography) <= %s""",
    School: """SELECT DISTINCT f.id FROM territory_healthfacility f, territory_school r
        WHERE r.level = 'college' AND ST_Distance(f.point::geography, r.point::geography) <= %s""",
}


def facilities_within(km, rows):
    """The facilities within ``km`` of one of ``rows``, computed independently in PostGIS."""
    with connection.cursor() as cursor:
        cursor.execute(FACILITIES_NEAR[rows], [km * 1000])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize(("amenity", "rows"), [("gare", RailwayStation), ("college", School)])
def test_the_facility_list_keeps_those_within_n_km_of_a_station_or_a_college(
    visitor, amenity, rows
):
    with assert_max_queries(6):
        response = visitor.get(
            reverse("territory:facility_list"), {"proche_de": amenity, "rayon": "3"}
        )
    assert response.status_code == 200
    page = response.context["page"]
    found = set(response.context["filter"].qs.values_list("pk", flat=True))
    assert found == facilities_within(3, rows)
    assert 0 < page.paginator.count < HealthFacility.objects.count()


@pytest.mark.parametrize("radius", ["abc", "0", "500", "-3"])
def test_a_hostile_radius_gives_a_form_error_not_a_500(visitor, radius):
    response = visitor.get(
        reverse("territory:facility_list"), {"proche_de": "gare", "rayon": radius}
    )
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_nearest_places_of_any_point_in_one_query():
    from django.contrib.gis.geos import Point

    from territory.family import family_places_around

    point = Point(5.0, 44.0, srid=4326)
    with assert_max_queries(1):
        places = family_places_around(point)
    station = places["stations"][0]
    nearest = min(
        RailwayStation.objects.all(),
        key=lambda row: geodesic_metres(row.point, point_commune(point)),
    )
    assert station.name == nearest.name
    assert places["national_station"].name == "Avignon TGV"
    assert places["nearest_colleges"] and places["nearest_lycees"]


def point_commune(point):
    """An object with the ``reference_point`` that geodesic_metres() measures from."""

    class At:
        reference_point = point

    return At()


def test_the_nearest_places_tag_shows_a_college_a_lycee_and_a_station_of_a_point():
    from django.template import Context, Template

    from territory.models import Commune as CommuneModel

    apt = CommuneModel.objects.get(slug="apt")
    template = Template("{% load territory %}{% nearest_places point %}")
    with assert_max_queries(1):
        html = template.render(Context({"point": apt.reference_point, "commune": None}))
    assert "Écoles et gares à proximité" in html
    assert "Collège" in html and "Lycée" in html
    assert "Gare d’intérêt national la plus proche : Avignon TGV" in html
    assert not Template("{% load territory %}{% nearest_places None %}").render(Context()).strip()
