"""The funders' yearly report on /collectif/chiffres/rapport/: each indicator of the chosen year
against the year before, from hand-computed fixtures; demo never counted, small counts hidden,
the charts drawn on the server with their table, a year that does not exist is a 404."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from collective.figures import yearly_report
from support.enums import CameFrom, DossierStatus, Outcome, PracticeMode, ReferralStatus
from support.models import Referral
from tests.factories import DossierFactory, commune
from tests.helpers.queries import assert_max_queries

URL = "/collectif/chiffres/rapport/"
THIS_YEAR = timezone.localdate().year


def moment(year, month=3):
    return timezone.make_aware(datetime(year, month, 10, 10, 0))


def settled(year, is_demo=False, mode=PracticeMode.MSP):
    return DossierFactory(
        created_at=moment(year, 1),
        first_answer_at=moment(year, 1),
        status=DossierStatus.SETTLED,
        outcome=Outcome.SUPPORTED_INSTALLATION,
        outcome_on=date(year, 6, 1),
        outcome_mode=mode,
        outcome_commune=commune("84031"),
        came_from=CameFrom.FRANCE,
        closed_at=moment(year, 6),
        is_demo=is_demo,
    )


@pytest.fixture
def two_years(territory):
    """Last year: 7 supported installations (7 requests); this year: 6 installations, 2 more
    answered requests, 1 unanswered request, 1 referral sent and answered; demo dossiers that
    must not count."""
    for _ in range(7):
        settled(THIS_YEAR - 1)
    for _ in range(6):
        settled(THIS_YEAR)
    DossierFactory.create_batch(2, created_at=moment(THIS_YEAR), first_answer_at=moment(THIS_YEAR))
    unanswered = DossierFactory(created_at=moment(THIS_YEAR))
    Referral.objects.create(
        dossier=unanswered,
        contact_name="Mairie",
        contact_email="mairie@exemple.test",
        question="Un logement ?",
        summary="Une interne cherche un logement.",
        status=ReferralStatus.ANSWERED,
        sent_at=moment(THIS_YEAR),
        answered_at=moment(THIS_YEAR, 4),
    )
    for _ in range(9):
        settled(THIS_YEAR, is_demo=True)


def lines(report):
    return {str(line.label): (line.this_year, line.last_year) for line in report.lines}


def test_the_year_against_the_year_before(two_years):
    report = yearly_report(THIS_YEAR)
    assert report.years == [THIS_YEAR, THIS_YEAR - 1]
    values = lines(report)
    assert values["Demandes d’accompagnement reçues"] == (9, 7)
    assert values["Médecins et internes accompagnés"] == (8, 7)
    assert values["Installations accompagnées"] == (6, 7)
    # 1 referral: hidden, and so is the only other year's count it could be subtracted from
    assert values["Orientations vers les partenaires"] == ("moins de 5", 0)
    assert values["Réponses des partenaires"] == ("moins de 5", 0)
    bars = {bar["label"]: bar["value"] for bar in report.chart["bars"]}
    assert bars == {str(THIS_YEAR - 1): 7, str(THIS_YEAR): 6}


def test_last_years_report(two_years):
    values = lines(yearly_report(THIS_YEAR - 1))
    assert values["Installations accompagnées"] == (7, 0)


def test_the_page_prints_its_tables_and_chart(two_years, visitor):
    with assert_max_queries(20):
        response = visitor.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"rapport annuel {THIS_YEAR}" in html
    assert 'role="img"' in html and "<rect" in html
    assert "<table>" in html and "Définition" in html
    assert 'class="stacked-form no-print"' in html
    assert visitor.get(URL, {"annee": THIS_YEAR - 1}).context["report"].year == THIS_YEAR - 1


@pytest.mark.parametrize("year", ["1999", "3000", "zz", "2026<script>", "-1"])
def test_a_year_without_report_is_a_404(two_years, visitor, year):
    assert visitor.get(URL, {"annee": year}).status_code == 404


def test_an_empty_portal_has_this_years_report(db, visitor):
    response = visitor.get(URL)
    assert response.status_code == 200
    assert response.context["report"].years == [THIS_YEAR]


def test_the_key_figures_page_draws_its_chart_and_links_the_report(two_years, visitor):
    html = visitor.get("/collectif/chiffres/").content.decode()
    assert 'aria-labelledby="graphique-installations"' in html
    assert 'href="/collectif/chiffres/rapport/"' in html
