import gzip
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.helpers.queries import assert_max_queries
from tests.helpers.sitemap import sitemap_text


def heading_text(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no <h1>"
    return " ".join(match.group(1).split())


PUBLIC_PAGES = [
    ("home", "Médecins, internes : construisez votre avenir en Vaucluse"),
    ("offers:landing", "Exercer la médecine en Vaucluse"),
    ("aids:landing", "S’installer"),
    ("interns:landing", "Internes et docteurs juniors"),
    ("agenda:landing", "Agenda"),
    ("collective:landing", "Le collectif VSA"),
    ("collective:legal_notice", "Mentions légales"),
    ("collective:personal_data", "Données personnelles"),
    ("collective:accessibility", "Déclaration d’accessibilité"),
    ("collective:data_sources", "Sources des données"),
]


@pytest.mark.parametrize(("url_name", "heading"), PUBLIC_PAGES)
def test_public_page_renders_in_french_with_landmarks(visitor, url_name, heading):
    with assert_max_queries():
        response = visitor.get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert heading_text(html) == heading
    assert 'href="#contenu"' in html, "skip link"
    assert '<main id="contenu"' in html
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Rubriques"' in html


@pytest.mark.parametrize(
    ("url_name", "label"),
    [
        ("offers:landing", "Exercer la médecine en Vaucluse"),
        ("aids:landing", "S’installer"),
        ("interns:landing", "Internes"),
        ("agenda:landing", "Agenda"),
        ("collective:landing", "Le collectif VSA"),
    ],
)
def test_the_current_rubric_is_marked_in_the_navigation(visitor, url_name, label):
    html = visitor.get(reverse(url_name)).content.decode()
    link_start = html.index('aria-current="page"')
    assert label in html[link_start : link_start + 200]
    assert html.count('aria-current="page"') == 1


def test_footer_links_to_the_legal_pages_and_the_data_sources(visitor):
    html = visitor.get(reverse("home")).content.decode()
    for url_name in [
        "collective:legal_notice",
        "collective:personal_data",
        "collective:accessibility",
        "collective:data_sources",
    ]:
        assert f'href="{reverse(url_name)}"' in html


def test_data_sources_page_credits_the_reference_data(visitor):
    html = visitor.get(reverse("collective:data_sources")).content.decode()
    assert "FINESS" in html
    assert "Licence Ouverte 2.0" in html
    assert "INSEE" in html


def test_demo_banner_is_shown_when_the_portal_runs_with_demo_content(visitor, settings):
    settings.PORTAL = {**settings.PORTAL, "DEMO_CONTENT": True}
    assert "ce portail contient des contenus fictifs" in visitor.get("/").content.decode()

    settings.PORTAL = {**settings.PORTAL, "DEMO_CONTENT": False}
    assert "ce portail contient des contenus fictifs" not in visitor.get("/").content.decode()


def test_unknown_page_gives_the_french_404(visitor):
    response = visitor.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_is_french_and_standalone():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert '<html lang="fr">' in html


def test_pages_refuse_writes(visitor):
    assert visitor.post(reverse("home")).status_code == 405


def test_robots_txt_hides_the_admin_and_points_to_the_sitemap(visitor):
    response = visitor.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_rubrics(visitor):
    body = sitemap_text(visitor)
    for path in ["/exercer/", "/s-installer/", "/internes/", "/agenda/", "/collectif/"]:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_the_sitemap_is_an_index_of_sections_with_their_last_change(visitor, territory):
    from tests.factories import OfferFactory

    offer = OfferFactory()
    index = visitor.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "http://testserver/sitemap-pages.xml" in index
    assert "http://testserver/sitemap-communes.xml" in index
    offers_entry = index[index.index("sitemap-offres.xml") :].split("</sitemap>")[0]
    assert f"<lastmod>{offer.updated_at.date().isoformat()}" in offers_entry
    section = visitor.get("/sitemap-offres.xml").content.decode()
    assert offer.get_absolute_url() in section
    assert visitor.get("/sitemap-inconnu.xml").status_code == 404


def test_detail_pages_show_where_they_are_and_say_it_as_a_breadcrumb_list(visitor, territory):
    import json
    import re

    from tests.factories import OfferFactory

    offer = OfferFactory(title="Collaboration en MSP")
    html = visitor.get(offer.get_absolute_url()).content.decode()
    nav = html[
        html.index('<nav class="breadcrumbs"') : html.index("</nav>", html.index("breadcrumbs"))
    ]
    assert 'aria-label="Fil d’Ariane"' in nav
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', nav) == [
        "Accueil",
        "Exercer",
        "Offres d’exercice",
    ]
    assert '<li aria-current="page">Collaboration en MSP</li>' in nav
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (trail,) = [json.loads(b) for b in blocks if '"BreadcrumbList"' in b]
    names = [element["name"] for element in trail["itemListElement"]]
    assert names == ["Accueil", "Exercer", "Offres d’exercice", "Collaboration en MSP"]
    assert trail["itemListElement"][2]["item"] == "http://testserver/exercer/offres/"
    assert "item" not in trail["itemListElement"][3]
    commune_page = visitor.get("/exercer/communes/carpentras/").content.decode()
    assert '<li aria-current="page">Carpentras</li>' in commune_page


def test_a_browser_that_accepts_gzip_gets_the_page_compressed(visitor):
    plain = visitor.get(reverse("offers:list"))
    compressed = visitor.get(reverse("offers:list"), headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in plain.headers
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert len(compressed.content) < len(plain.content) / 3
    assert heading_text(gzip.decompress(compressed.content).decode()) == heading_text(
        plain.content.decode()
    )
