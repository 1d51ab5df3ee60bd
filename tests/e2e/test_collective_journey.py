"""Browser journeys of Le collectif: a visitor meets the partners one by one and the project
lead's contact, reads the key figures, downloads the observatory's CSV (with Bollène); the
project lead, signed in with her authenticator code, sees the moderation queue on the admin
index."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from accounts.roles import PROJECT_LEAD_GROUP, ensure_project_lead_group
from tests.conftest import staff_with_totp
from tests.e2e.test_partner_publication import sign_in_as_project_lead
from tests.factories import OfferFactory, OrganisationFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_a_visitor_meets_the_collective_reads_the_figures_and_downloads_the_csv(page, territory):
    OrganisationFactory(
        name="Département de Vaucluse",
        kind="departement",
        is_public=True,
        is_founding_member=True,
        role="Porte le service d’accueil des médecins.",
    )
    OrganisationFactory(name="CPTS Grand Avignon", kind="cpts", is_public=True)

    page.goto("/collectif/")
    assert_accessible(page)
    partners = page.locator("ul.partners > li")
    assert partners.count() == 2
    assert "Porte le service d’accueil des médecins." in partners.first.inner_text()
    assert page.get_by_role("link", name="Écrire à la cheffe de projet santé").is_visible()

    page.get_by_role("link", name="Les chiffres clés du service").click()
    page.wait_for_url(re.compile(r"/collectif/chiffres/$"))
    assert_accessible(page)
    assert page.get_by_text("Installations accompagnées").first.is_visible()

    page.goto("/collectif/observatoire/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le tableau (CSV)").click()
    path = download_info.value.path()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = {row["code_insee"]: row for row in csv.DictReader(io.StringIO(handle.read()))}
    assert rows["84019"]["commune"] == "Bollène"


def test_the_project_lead_sees_the_moderation_queue_on_the_dashboard(page, territory):
    ensure_project_lead_group()
    lead = staff_with_totp(email="cheffe@exemple.test", first_name="Camille")
    lead.groups.add(Group.objects.get(name=PROJECT_LEAD_GROUP))
    OfferFactory.create_batch(2, status="submitted")

    page.goto("/admin/")
    sign_in_as_project_lead(page, lead)
    page.wait_for_url(re.compile(r"/admin/$"))
    dashboard = page.locator("section.project-lead-dashboard")
    moderation = dashboard.get_by_role("table", name="Contenus à modérer")
    row = moderation.get_by_role("row", name=re.compile("Offres d’exercice"))
    assert row.inner_text().split()[-1] == "2"
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/admin/offers/offer/\?status__exact=submitted"))


def test_a_funder_reads_the_yearly_report_and_a_reuser_finds_the_open_data(page, territory):
    from datetime import date

    from django.utils import timezone

    from support.enums import DossierStatus, Outcome, PracticeMode
    from tests.factories import DossierFactory, commune

    year = timezone.localdate().year
    for _ in range(6):
        DossierFactory(
            status=DossierStatus.SETTLED,
            outcome=Outcome.SUPPORTED_INSTALLATION,
            outcome_on=date(year, 1, 1),
            outcome_mode=PracticeMode.MSP,
            outcome_commune=commune("84031"),
            first_answer_at=timezone.now(),
            closed_at=timezone.now(),
        )

    page.goto("/collectif/chiffres/")
    assert page.get_by_role(
        "img", name=re.compile("Installations accompagnées par année")
    ).is_visible()
    page.get_by_role("link", name="Le rapport annuel pour les financeurs").click()
    page.wait_for_url(re.compile(r"/collectif/chiffres/rapport/$"))
    assert_accessible(page)
    header = page.get_by_role("rowheader", name="Installations accompagnées", exact=True)
    this_year = page.locator("tr", has=header).first.get_by_role("cell").first
    assert this_year.inner_text() == "6"

    page.goto("/collectif/observatoire/")
    assert page.get_by_role("heading", name="Par CPTS").is_visible()
    page.get_by_role("link", name="Données ouvertes").click()
    page.wait_for_url(re.compile(r"/donnees-ouvertes/$"))
    assert_accessible(page)
    assert page.get_by_role("heading", name="Observatoire de la démographie médicale").is_visible()
    page.get_by_role("link", name="L’API en lecture seule et sa documentation").click()
    page.wait_for_url(re.compile(r"/api/v1/$"))
    assert_accessible(page)
    assert page.get_by_text("/api/v1/observatoire/").is_visible()
