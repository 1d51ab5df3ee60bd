"""The site search, from the visitor's side: golden cases, typos, accents, groups, the query
budget, and what must never be found."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import query
from search.models import SearchDocument
from tests.factories import EventFactory, OfferFactory, commune
from tests.helpers.queries import assert_max_queries

URL = "/recherche/"


@pytest.fixture
def indexed(db):
    """The territory's communes and facilities, a few offers and events, indexed."""
    carpentras, bollene, orange = commune("84031"), commune("84019"), commune("84087")
    OfferFactory(
        title="Collaboration en cabinet de groupe", commune=carpentras, kind="collaboration"
    )
    OfferFactory(title="Remplacement régulier", commune=carpentras, kind="remplacement")
    OfferFactory(title="Collaboration en maison de santé", commune=orange, kind="collaboration")
    OfferFactory(title="Succession d’un cabinet", commune=bollene, kind="succession")
    EventFactory(title="Soirée d’accueil des internes", commune=bollene)
    call_command("rebuild_search_index", stdout=io.StringIO())


def titles(result):
    return [document.title for document in result.documents]


def group(results, key):
    return next(result for result in results if result.group.key == key)


def test_a_commune_name_gives_the_commune_first(indexed):
    results = query.grouped("Bollène")
    assert results[0].group.key == "communes"
    assert titles(results[0])[0] == "Bollène"
    assert "Succession d’un cabinet" in titles(group(results, "offres"))


def test_collaboration_in_carpentras_gives_those_offers_first(indexed):
    offers = group(query.grouped("collaboration Carpentras"), "offres")
    assert titles(offers)[0] == "Collaboration en cabinet de groupe"
    assert "Remplacement régulier" not in titles(offers)


def test_a_typo_still_finds_the_commune_and_its_offers(indexed):
    results = query.grouped("Carpantras")
    assert titles(group(results, "communes"))[0] == "Carpentras"
    offers = group(query.grouped("collaboration Carpantras"), "offres")
    assert titles(offers)[0] == "Collaboration en cabinet de groupe"


@pytest.mark.parametrize("text", ["bollene", "BOLLENE", "Bollène"])
def test_accents_and_case_do_not_matter(indexed, text):
    assert titles(group(query.grouped(text), "communes"))[0] == "Bollène"


def test_french_stemming_finds_plural_and_singular(indexed):
    assert "Soirée d’accueil des internes" in titles(group(query.grouped("interne"), "evenements"))


def test_the_page_groups_results_with_counts_and_links(indexed, visitor):
    response = visitor.get(URL, {"q": "Carpentras"})
    assert response.status_code == 200
    body = response.content.decode()
    count = SearchDocument.objects.filter(group="offres", commune="Carpentras").count()
    assert f"Offres d’exercice ({count})" in body
    assert "Communes (1)" in body
    # the communes' list accepts the query; the offers' list is filtered by the commune named
    assert "/exercer/communes/?q=Carpentras" in body
    assert 'href="/exercer/offres/?commune=carpentras"' in body


def test_one_group_page_by_page(indexed, visitor):
    response = visitor.get(URL, {"q": "Carpentras", "type": "offres"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2


def test_the_query_count_does_not_grow_with_the_results(indexed, visitor):
    with CaptureQueriesContext(connection) as few:
        visitor.get(URL, {"q": "Bollène"})
    for number in range(15):
        OfferFactory(title=f"Assistanat n°{number}", commune=commune("84019"))
    with assert_max_queries(len(few.captured_queries)):
        response = visitor.get(URL, {"q": "Bollène"})
    assert group(response.context["results"], "offres").count == 16


def test_the_list_page_keeps_the_budget(indexed, visitor):
    with assert_max_queries(12):
        assert visitor.get(URL, {"q": "cabinet", "type": "offres"}).status_code == 200


def test_unpublished_items_are_never_found(indexed):
    OfferFactory(title="Brouillon introuvable", status="draft", published_at=None)
    offer = OfferFactory(title="Offre bientôt retirée")
    assert "Offre bientôt retirée" in titles(group(query.grouped("retirée"), "offres"))
    offer.status = "archived"
    offer.save()
    assert query.grouped("introuvable") == []
    assert query.grouped("retirée") == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert query.grouped("introuvable") == []


def test_a_deleted_item_leaves_the_index(indexed):
    offer = OfferFactory(title="Offre supprimée")
    offer.delete()
    assert query.grouped("supprimée") == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 5000},
        {"q": "a\x00b"},
        {"q": "de la"},
        {"q": "!!&|"},
        {"q": "Carpentras", "type": "inconnu"},
        {"q": "Carpentras", "type": "offres", "page": "zz"},
    ],
)
def test_bad_input_never_breaks_the_page(indexed, visitor, params):
    assert visitor.get(URL, params).status_code == 200


def test_no_result_says_so(indexed, visitor):
    response = visitor.get(URL, {"q": "zzzqqqxxx"})
    assert "Aucun résultat pour « zzzqqqxxx »" in response.content.decode()


def test_the_header_has_a_labelled_search_box(db, visitor):
    body = visitor.get("/").content.decode()
    assert 'action="/recherche/"' in body
    assert 'for="header-search-q"' in body
    assert 'id="header-search-q"' in body


def test_the_groups_link_their_list_filtered_by_what_the_query_names(indexed, visitor):
    body = visitor.get(URL, {"q": "collaboration Carpentras"}).content.decode()
    assert 'href="/exercer/offres/?commune=carpentras&amp;kind=collaboration"' in body
    listed = visitor.get("/exercer/offres/", {"commune": "carpentras", "kind": "collaboration"})
    assert [offer.title for offer in listed.context["page"].object_list] == [
        "Collaboration en cabinet de groupe"
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bollène", "bollene"),
        ("logement l isle sur la sorgue", "lisle-sur-la-sorgue"),
        ("cabinet", None),
        ("", None),
    ],
)
def test_the_commune_a_query_names(indexed, text, slug):
    assert query.named_commune(text) == slug


def test_one_group_page_links_its_filtered_list(indexed, visitor):
    response = visitor.get(URL, {"q": "Bollène", "type": "offres"})
    assert response.context["list_link"] == "/exercer/offres/?commune=bollene"
