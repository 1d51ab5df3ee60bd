"""Browser journey: the home page and the five rubrics, with the keyboard alone."""

import re

import pytest

from tests.helpers.browser import assert_accessible, focused_text, tab_to

pytestmark = pytest.mark.browser

RUBRICS = [
    ("Exercer la médecine en Vaucluse", "/exercer/"),
    ("S’installer", "/s-installer/"),
    ("Internes", "/internes/"),
    ("Agenda", "/agenda/"),
    ("Le collectif VSA", "/collectif/"),
]


def test_home_page_skip_link_leads_to_the_content(page):
    page.goto("/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert focused_text(page) == "Aller au contenu"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


@pytest.mark.parametrize(("label", "path"), RUBRICS)
def test_each_rubric_is_reached_with_the_keyboard_alone(page, label, path):
    page.goto("/")
    tab_to(page, label)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    assert page.locator("h1").inner_text().strip() != ""
    assert page.locator("nav[aria-label='Rubriques'] [aria-current='page']").inner_text() == label
    assert_accessible(page)


def test_legal_pages_are_reachable_from_the_footer_and_accessible(page):
    page.goto("/")
    for label, heading in [
        ("Mentions légales", "Mentions légales"),
        ("Données personnelles", "Données personnelles"),
        ("Accessibilité : partiellement conforme", "Déclaration d’accessibilité"),
        ("Sources des données", "Sources des données"),
    ]:
        page.goto("/")
        tab_to(page, label)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().strip() == heading
        assert_accessible(page)


def test_the_404_page_is_accessible(page):
    response = page.goto("/page-disparue/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert_accessible(page)
    # The only error the browser may report here is the expected 404 of the page itself.
    assert all("404" in error for error in page.reported_errors)
    page.reported_errors.clear()
