"""Browser journey: from the home page to a commune, then to its schools and its nearest
station, and the territory's advantages on the way."""

import re

import pytest

from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_a_family_finds_the_schools_and_the_nearest_station_of_a_commune(page, territory):
    page.goto("/")
    page.get_by_role("link", name="Découvrir le territoire et les offres").click()
    page.get_by_role("link", name=re.compile("Vivre et exercer en Vaucluse")).click()
    page.wait_for_url(re.compile(r"/exercer/vivre-et-exercer/$"))
    assert page.locator("h1").inner_text() == "Vivre et exercer en Vaucluse"
    assert page.get_by_text("Avignon TGV (Avignon), gare d’intérêt national").is_visible()
    assert page.locator(".figures li", has_text="collèges").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Les communes : écoles, gares, zonage et CPTS").click()
    page.get_by_label("Nom de la commune").fill("sault")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Sault", exact=True).click()
    assert page.locator("h1").inner_text() == "Sault"
    assert page.get_by_role("heading", name="Pour votre famille").is_visible()
    # Its CPTS, with its contact.
    assert page.locator(".facts a[href^='mailto:']").first.is_visible()
    # Its schools by level, then the nearest lycées (Sault has none) with their distance.
    assert page.get_by_role("heading", name="Écoles, collèges et lycées à Sault").is_visible()
    nearest_lycees = page.locator("#lycees-proches + ul li")
    assert nearest_lycees.count() == 3
    assert re.search(r"\d+,\d km", nearest_lycees.first.inner_text())
    assert page.get_by_text("lycées agricoles", exact=False).is_visible()
    assert page.get_by_text("aucune liste publique des crèches", exact=False).is_visible()
    # The nearest stations, and the station of national interest.
    stations = page.locator("#gares-titre + ul li")
    assert stations.count() == 3
    assert re.search(r"Gare d’intérêt (régional|local)", stations.first.inner_text())
    assert (
        page.locator("#gare-nationale")
        .inner_text()
        .startswith("Gare d’intérêt national la plus proche : Avignon TGV")
    )
    # The stations' layer is on the commune's map.
    assert page.get_by_role("checkbox", name="Gares de voyageurs").is_checked()
    assert_accessible(page)

    # Follow the nearest station to its commune's own family section.
    station_commune = stations.first.get_by_role("link")
    name = station_commune.inner_text()
    station_commune.click()
    page.wait_for_url(re.compile(r"/exercer/communes/[\w-]+/#famille$"))
    assert page.locator("h1").inner_text() == name
    assert page.get_by_role("heading", name=f"Écoles, collèges et lycées à {name}").is_visible()
    assert_accessible(page)
