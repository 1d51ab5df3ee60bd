"""The project lead's change lists of offers and dossiers at national volume: as many queries for
33 rows as for 3, each with its related rows, and no COUNT(*) over a large table."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.models import Offer
from support.models import Dossier
from territory.models import Commune
from tests.conftest import staff_with_totp
from tests.factories import DossierFactory, OfferFactory
from vsa_portal.admin_lists import EstimatedCountPaginator

pytestmark = pytest.mark.django_db

OFFERS = reverse("admin:offers_offer_changelist")
DOSSIERS = reverse("admin:support_dossier_changelist")


def add_offers(count):
    """Offers in as many communes, so that a per-row commune query would show."""
    communes = Commune.objects.order_by("insee_code")[:count]
    return [OfferFactory(commune=commune) for commune in communes]


def add_dossiers(count):
    """Dossiers each with its own assignee, so that a per-row user query would show."""
    return [DossierFactory(assignee=staff_with_totp()) for _ in range(count)]


def queries_of(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize(
    ("url", "add", "shown"),
    [
        (OFFERS, add_offers, lambda offer: offer.commune.name),
        (DOSSIERS, add_dossiers, lambda dossier: dossier.assignee.get_full_name()),
    ],
)
@pytest.mark.parametrize("params", [{}, {"is_demo__exact": "0"}, {"q": "e"}])
def test_the_number_of_queries_does_not_grow_with_the_rows(project_lead, url, add, shown, params):
    add(3)
    _response, few = queries_of(project_lead, url, params)
    last = add(30)[-1]
    response, many = queries_of(project_lead, url, params)
    assert len(many) == len(few), "\n".join(many)
    assert shown(last) in response.content.decode()


def test_no_full_count_of_the_offers_once_the_table_is_large(project_lead, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_count_limit", 5)
    monkeypatch.setattr(admin.site.get_model_admin(Offer), "list_per_page", 5)
    add_offers(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offer")  # what autovacuum does on a real table
    response, queries = queries_of(project_lead, OFFERS)
    counts = [sql for sql in queries if "COUNT(" in sql.upper() and "offers_offer" in sql]
    assert counts == []
    whole_table = [sql for sql in queries if 'FROM "offers_offer"' in sql and "LIMIT" not in sql]
    assert whole_table == []  # neither a count nor the dates of a date hierarchy
    assert "12 offres d’exercice" in response.content.decode()


def test_a_filtered_list_counts_at_most_the_limit_then_estimates(project_lead, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_count_limit", 5)
    add_dossiers(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE support_dossier")
    response, queries = queries_of(project_lead, DOSSIERS, {"is_demo__exact": "0"})
    counts = [sql for sql in queries if "COUNT(" in sql.upper() and "support_dossier" in sql]
    assert len(counts) == 1 and "LIMIT 6" in counts[0], counts
    assert f"{Dossier.objects.count()} dossiers d’accompagnement" in response.content.decode()


def test_a_small_filtered_list_is_counted_exactly(project_lead, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_count_limit", 5)
    add_offers(12)
    OfferFactory(title="La seule offre de démo", is_demo=True)
    response, _queries = queries_of(project_lead, OFFERS, {"is_demo__exact": "1"})
    body = response.content.decode()
    assert "1 offre d’exercice" in body and "La seule offre de démo" in body


def test_the_rows_checkboxes_are_djangos(project_lead):
    """Written without the widget's templates, the same HTML as Django's, and the selected rows
    still reach the action."""
    offer = add_offers(1)[0]
    offer.title = 'Cabinet "Les <Tilleuls>"'
    offer.save()
    model_admin = admin.site._registry[Offer]
    ours = model_admin.action_checkbox(offer)
    djangos = admin.ModelAdmin.action_checkbox(model_admin, offer)
    assert ours == djangos
    assert "&lt;Tilleuls&gt;" in ours
    response, _queries = queries_of(project_lead, OFFERS)
    assert ours in response.content.decode()
