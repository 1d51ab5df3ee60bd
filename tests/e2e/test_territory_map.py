"""Browser journey: the territory's map, its layers, a commune page and the list alternative."""

import re

import pytest

from tests.helpers.browser import assert_accessible, tab_to

pytestmark = pytest.mark.browser


SHAPES = "document.querySelectorAll('#carte-territoire path.leaflet-interactive').length"


def markers(page):
    return page.locator("#carte-territoire .leaflet-overlay-pane path.leaflet-interactive")


def test_visitor_explores_the_map_then_a_commune_then_the_lists(page, demo_territory):
    page.goto("/exercer/")
    # Offers and hospitals are on by default.
    page.wait_for_function(
        "() => Number(document.querySelector('#carte-territoire').dataset.loaded) >= 2"
    )
    assert markers(page).count() > 10
    assert page.get_by_role("checkbox", name="Centres hospitaliers").is_checked()
    assert_accessible(page)

    # Switch on the CPTS layer and the zoning layer.
    with page.expect_response(re.compile(r"/carte/couches/cpts\.geojson\?.*bbox=")) as cpts:
        page.get_by_role("checkbox", name="CPTS").check()
    assert cpts.value.ok
    names = {feature["properties"]["name"] for feature in cpts.value.json()["features"]}
    assert "CPTS du Grand Avignon" in names and len(names) == 10
    before = markers(page).count()
    with page.expect_response(re.compile(r"/carte/couches/zonage\.geojson")) as zoning:
        page.get_by_role("checkbox", name="Zonage médecins").check()
    assert len(zoning.value.json()["features"]) == 151
    page.wait_for_function(f"() => {SHAPES} > {before}")
    # Switching a layer off removes its shapes.
    page.get_by_role("checkbox", name="Zonage médecins").uncheck()
    page.wait_for_function(f"() => {SHAPES} <= {before}")
    assert_accessible(page)

    # Open a facility's popup and follow it to its commune.
    page.get_by_role("checkbox", name="CPTS").uncheck()
    markers(page).first.click(force=True)
    page.get_by_role("link", name="Voir la commune").click()
    page.wait_for_url(re.compile(r"/exercer/communes/[\w-]+/$"))
    assert page.locator("h2#zonage-titre").is_visible()
    # The real 2022 order, shown as replaced while its successor is not loaded.
    assert page.get_by_text("nouveau zonage non encore chargé").is_visible()
    assert_accessible(page)

    # Back on the landing, the list alternative is reached with the keyboard.
    page.goto("/exercer/")
    tab_to(page, "liste des établissements de santé")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/exercer/etablissements/$"))
    assert (
        page.get_by_text("74 établissements").is_visible()
        or page.get_by_text(re.compile(r"\d+ établissements")).is_visible()
    )
    assert_accessible(page)

    page.get_by_role("checkbox", name="Clinique").check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"kind=clinique"))
    rows = page.locator("tbody tr")
    assert rows.count() > 0
    assert all(text == "Clinique" for text in rows.locator("td:nth-child(2)").all_inner_texts())
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Exercer : le territoire")).click()
    page.get_by_role("link", name="Les communes, leur zonage et leur CPTS").click()
    page.get_by_label("Nom de la commune").fill("vedene")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Vedène").click()
    assert page.locator("h1").inner_text() == "Vedène"
    assert page.get_by_text("CPTS du Grand Avignon").first.is_visible()
    assert_accessible(page)


def test_map_reports_a_layer_that_fails_to_load(page, territory):
    page.route(re.compile(r"/carte/couches/etablissements"), lambda route: route.abort())
    page.goto("/exercer/")
    status = page.locator("#carte-territoire-status")
    status.wait_for(state="visible")
    assert "n’a pas pu être chargée" in status.inner_text()
    page.reported_errors.clear()  # the aborted requests are the point of this test


def test_without_a_tile_server_the_map_still_draws_the_commune_outlines(page, territory):
    """Offline, on an intranet or with the tile server down, every tile fails: the commune
    outlines, drawn under the tiles, keep the map readable."""
    failed_tiles = []

    def refuse_tile(route):
        failed_tiles.append(route.request.url)
        route.abort()

    page.route(re.compile(r"/static/map/blank-tile\.png"), refuse_tile)
    page.goto("/exercer/")
    page.wait_for_function(
        "() => document.querySelector('#carte-territoire').dataset.baseLoaded === 'true'"
    )
    assert failed_tiles, "the map did not even try to load its tiles"
    outlines = page.locator("#carte-territoire .leaflet-communes-base-pane path")
    assert outlines.count() >= 100  # the 151 communes of Vaucluse, as far as the view goes
    # Under the tiles: with a tile server, its tiles cover the outlines.
    z_index = page.evaluate(
        """() => [".leaflet-communes-base-pane", ".leaflet-tile-pane"].map(
            (s) => Number(getComputedStyle(document.querySelector("#carte-territoire " + s)).zIndex))"""
    )
    assert z_index[0] < z_index[1]
    # Outlines are not interactive: the layers' markers stay the only things to click.
    assert (
        page.locator("#carte-territoire .leaflet-communes-base-pane .leaflet-interactive").count()
        == 0
    )
    attribution = page.locator("#carte-territoire .leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in attribution or "contributeurs" in attribution
    assert "Contours des communes" in attribution
    assert_accessible(page)
    # The refused tiles are reported by the browser: that is the situation under test.
    page.reported_errors[:] = [e for e in page.reported_errors if "ERR_FAILED" not in e]
