"""The public key figures on /collectif/chiffres/: hand-computed fixtures, demo rows never
counted, small counts hidden, a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from collective.figures import key_figures, shown
from offers.models import OfferContact
from support.enums import CameFrom, DossierStatus, Outcome, PracticeMode
from tests.factories import DossierFactory, OfferFactory, OrganisationFactory, commune
from tests.helpers.queries import assert_max_queries
from vsa_portal import kinds

URL = "/collectif/chiffres/"


def settled(outcome=Outcome.SUPPORTED_INSTALLATION, on=None, **fields):
    now = timezone.now()
    return DossierFactory(
        status=DossierStatus.SETTLED,
        outcome=outcome,
        outcome_on=on or timezone.localdate(),
        outcome_mode=fields.pop("mode", PracticeMode.MSP),
        outcome_commune=commune("84031"),
        first_answer_at=now,
        closed_at=now,
        **fields,
    )


def by_label(result):
    return {str(figure.label): figure.value for figure in result.figures}


@pytest.fixture
def service(territory):
    """Six supported installations this year (5 in a MSP, 1 liberal, 5 from another region),
    one simple introduction, one installation that would have happened anyway, two answered
    requests still open, one unanswered request, and demo dossiers that must not count."""
    for _ in range(5):
        settled(came_from=CameFrom.FRANCE)
    settled(mode=PracticeMode.LIBERAL, came_from=CameFrom.DEPARTMENT)
    settled(outcome=Outcome.INTRODUCTION)
    settled(outcome=Outcome.WOULD_HAVE_HAPPENED)
    DossierFactory.create_batch(2, status=DossierStatus.IN_PROGRESS, first_answer_at=timezone.now())
    DossierFactory()
    for _ in range(7):
        settled(is_demo=True)


def test_installations_count_only_what_the_service_supported(service):
    figures = by_label(key_figures())
    assert figures["Installations accompagnées"] == 6
    # 6 + introduction + "anyway" + 2 open answered requests; the unanswered one and demo
    # dossiers do not count
    assert figures["Médecins et internes accompagnés"] == 10


def test_small_counts_are_never_shown(service):
    result = key_figures()
    # 6 installations are published: 5 in a MSP shown next to "moins de 5" would give the
    # liberal physician away (6 - 5 = 1), so the 5 is hidden too
    modes = dict(result.breakdowns[0].rows)
    assert modes["Libéral"] == "moins de 5"
    assert modes["Maison de santé"] == "secret statistique"
    origins = dict(result.breakdowns[1].rows)
    assert origins["Du département"] == "moins de 5"
    assert origins["D’une autre région"] == "secret statistique"
    assert shown(0) == 0 and shown(4) == "moins de 5" and shown(5) == 5


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([12, 7, 0], [12, 7, 0]),
        ([12, 1, 0], ["secret statistique", "moins de 5", 0]),
        ([12, 1, 2, 9], [12, "moins de 5", "moins de 5", "secret statistique"]),
        ([12, 3, 4, 9], [12, "moins de 5", "moins de 5", 9]),
        ([3], ["moins de 5"]),
        ([0, 0], [0, 0]),
    ],
)
def test_a_hidden_count_cannot_be_worked_out_by_subtraction(counts, expected):
    from collective.figures import protected

    assert protected(counts) == expected


def test_year_over_year_uses_the_date_of_installation(territory):
    this_year = timezone.localdate().year
    for _ in range(5):
        settled(on=date(this_year - 1, 6, 1))
    years = {year: installed for year, _, installed in key_figures().years}
    assert years[this_year - 1] == 5
    assert years[this_year] == 0


def test_offers_figures_come_through_the_registry(territory):
    filled_through_portal = OfferFactory(filled_on=timezone.localdate())
    OfferContact.objects.create(
        offer=filled_through_portal,
        name="Dr Lou Petit",
        email="lou@exemple.test",
        status="installe",
        message="Bonjour",
        consent_given_at=timezone.now(),
        consent_version="2026-11",
    )
    OfferFactory(filled_on=timezone.localdate() - timedelta(days=1))
    OfferFactory.create_batch(3)
    OfferFactory.create_batch(6, is_demo=True, filled_on=timezone.localdate())
    raw = {str(label): value for label, value, _ in kinds.get("offres").figures()}
    assert raw["Offres pourvues"] == 2
    assert raw["Offres pourvues par le portail"] == 1
    assert raw["Prises de contact"] == 1
    figures = by_label(key_figures())
    # 5 real offers published, 2 filled, one of them after a contact through the portal
    assert figures["Offres d’exercice publiées"] == 5
    assert figures["Offres pourvues"] == "moins de 5"
    assert figures["Offres pourvues par le portail"] == "moins de 5"
    assert figures["Prises de contact"] == "moins de 5"


def test_partners_exclude_demo_organisations_and_landlords(db):
    OrganisationFactory.create_batch(5)
    OrganisationFactory(kind="proprietaire")
    OrganisationFactory(name="Démo", is_demo=True)
    assert by_label(key_figures())["Organisations partenaires"] == 5


def test_the_page_shows_each_figure_with_its_definition(visitor, service):
    with assert_max_queries(12):
        response = visitor.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Installations accompagnées" in body
    assert "Une simple mise en relation" in body
    assert "moins de 5" in body
    assert "Délai médian de première réponse" in body
    assert "Offres pourvues" in body


def test_the_page_answers_on_an_empty_portal(visitor, db):
    response = visitor.get(URL)
    assert response.status_code == 200
    assert "non disponible" in response.content.decode()


def test_the_csv_parses_and_hides_small_counts_too(visitor, service):
    import csv
    import io

    response = visitor.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {(row["indicateur"], row["periode"]): row["valeur"] for row in rows}
    assert by_name[("Installations accompagnées", "depuis l’ouverture")] == "6"
    year = str(timezone.localdate().year)
    assert by_name[("Installations accompagnées", year)] == "6"
    modes = "Installations accompagnées par mode d’exercice : Libéral"
    assert by_name[(modes, "depuis l’ouverture")] == "moins de 5"
    counts = [row for row in rows if not row["indicateur"].startswith("Délai médian")]
    assert all(row["valeur"] not in {"1", "2", "3", "4"} for row in counts)


def test_housing_found_counts_housing_needs_closed_as_met(territory):
    from support.enums import NeedKind, NeedStatus
    from support.models import Need

    for _ in range(5):
        Need.objects.create(dossier=DossierFactory(), kind=NeedKind.HOUSING, status=NeedStatus.DONE)
    Need.objects.create(dossier=DossierFactory(), kind=NeedKind.HOUSING, status=NeedStatus.OPEN)
    Need.objects.create(dossier=DossierFactory(), kind=NeedKind.SCHOOLING, status=NeedStatus.DONE)
    Need.objects.create(
        dossier=DossierFactory(is_demo=True), kind=NeedKind.HOUSING, status=NeedStatus.DONE
    )
    assert by_label(key_figures())["Logements trouvés"] == 5


def test_events_held_and_their_registrations_come_through_the_registry(territory):
    from agenda.models import Registration
    from tests.factories import EventFactory

    last_month = timezone.now() - timedelta(days=30)
    held = [EventFactory(starts_at=last_month) for _ in range(5)]
    EventFactory()  # still to come
    EventFactory(starts_at=last_month, is_demo=True)
    EventFactory(starts_at=last_month, status="draft", published_at=None)
    for number, status in enumerate(["confirmee"] * 6 + ["annulee", "attente"]):
        Registration.objects.create(
            event=held[number % 2],
            name=f"Dr {number}",
            email=f"dr{number}@exemple.test",
            profile="interne",
            status=status,
            consent_given_at=timezone.now(),
            consent_version=Registration.CONSENT_VERSION,
        )
    raw = {str(label): value for label, value, _ in kinds.get("evenements").figures()}
    assert raw == {"Événements tenus": 5, "Inscriptions aux événements tenus": 6}
    assert by_label(key_figures())["Événements tenus"] == 5
