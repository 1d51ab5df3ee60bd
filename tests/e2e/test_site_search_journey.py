"""Browser journey of the site search, from the header's box: a visitor types a commune with
a typo and finds it, then "collaboration Carpentras" and finds the collaboration offers in
Carpentras first, follows the link to the offers list filtered by the commune and the kind it
named, and downloads that list's open data (the same rows)."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from tests.factories import OfferFactory, commune
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_a_visitor_searches_from_the_header_and_downloads_what_the_list_shows(page, territory):
    carpentras = commune("84031")
    OfferFactory(
        title="Collaboration en cabinet de groupe", commune=carpentras, kind="collaboration"
    )
    OfferFactory(title="Remplacement régulier", commune=carpentras, kind="remplacement")
    OfferFactory(title="Collaboration à Orange", commune=commune("84087"), kind="collaboration")
    call_command("rebuild_search_index", stdout=io.StringIO())

    page.goto("/")
    header = page.locator("form.header-search")
    header.get_by_label("Rechercher sur le portail").fill("Carpantras")
    header.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/recherche/\?q=Carpantras"))
    assert_accessible(page)
    communes = page.locator("section[aria-labelledby='resultats-communes']")
    assert communes.get_by_role("link", name="Carpentras", exact=True).first.is_visible()

    search = page.locator("form.search-form")
    search.get_by_label("Commune, offre, logement, événement, aide…").fill(
        "collaboration Carpentras"
    )
    search.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=collaboration\+Carpentras"))
    offers = page.locator("section[aria-labelledby='resultats-offres'] ul.search-results > li")
    assert offers.first.get_by_role("link").inner_text() == "Collaboration en cabinet de groupe"
    assert_accessible(page)

    offers_section = page.locator("section[aria-labelledby='resultats-offres']")
    offers_section.get_by_role("link", name="Voir la liste des offres d’exercice").click()
    page.wait_for_url(re.compile(r"/exercer/offres/\?commune=carpentras&kind=collaboration$"))
    assert_accessible(page)
    count = page.locator(".result-bar [role='status']").inner_text()
    with page.expect_download() as download_info:
        page.locator(".export-links").get_by_role("link", name="CSV").click()
    with open(download_info.value.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert [row["titre"] for row in rows] == ["Collaboration en cabinet de groupe"]
    assert "1" in count
