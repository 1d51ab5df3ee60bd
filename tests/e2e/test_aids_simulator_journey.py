"""Browser journey: from "S’installer" to a simulation's result, with an axe-core scan of each
page on the way; the form works as a plain GET form."""

import re

import pytest

from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_from_the_rubric_to_a_simulation(page, territory):
    from aids.catalogue import load_catalogue

    load_catalogue()
    page.goto("/")
    page.get_by_role("navigation", name="Rubriques").get_by_role("link", name="S’installer").click()
    page.wait_for_url(re.compile(r"/s-installer/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Simuler les aides de mon projet").click()
    page.wait_for_url(re.compile(r"/s-installer/simulateur/$"))
    assert_accessible(page)
    page.get_by_label("Votre situation").select_option("installation")
    page.get_by_label("Profession").select_option("medecine-generale")
    page.get_by_label("Commune du projet (ou du stage)").select_option(label="Avignon")
    page.get_by_role("group", name="Dans un quartier prioritaire (QPV) ?").get_by_label(
        "Oui"
    ).check()
    page.get_by_label("Date prévue de l’installation (ou du stage)").fill("2026-06-01")
    page.get_by_label("Mode d’exercice").select_option("msp")
    page.get_by_role("group", name="Première installation en libéral ?").get_by_label("Oui").check()
    page.get_by_role("button", name="Voir mes aides").click()

    page.wait_for_url(re.compile(r"commune=avignon"))
    results = page.locator(".simulation-results")
    results.wait_for()
    assert_accessible(page)
    eligible = page.locator('[data-aid="aide-installation-zip"]')
    assert eligible.get_attribute("data-verdict") == "eligible"
    assert "quartier prioritaire classé ZIP" in eligible.inner_text()
    assert page.locator('[data-aid="caim-contrat-aide-installation-2016"]').count() == 0
    support = page.locator("#contenu").get_by_role("link", name="Être accompagné·e")
    assert "origine=simulateur" in support.get_attribute("href")

    page.get_by_role(
        "link", name=re.compile("Aide à la première installation en zone d’intervention")
    ).first.click()
    page.wait_for_url(re.compile(r"/s-installer/aides/aide-installation-zip/$"))
    assert "Vérifié le" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/s-installer/aides/?public=interne")
    assert page.locator(".aid-card").count() > 0
    assert_accessible(page)
