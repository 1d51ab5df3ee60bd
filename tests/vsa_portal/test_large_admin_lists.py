"""The project lead's change lists of offers and dossiers at national volume: as many queries for
33 rows as for 3, each with its related rows, no COUNT(*) over a large table, and each row
written once per what it shows."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from support.models import Dossier
from territory.models import Commune
from tests.conftest import staff_with_totp
from tests.factories import DossierFactory, OfferFactory, OrganisationFactory
from tests.helpers.admin import publish_from_admin
from vsa_portal.admin_lists import EstimatedCountPaginator, kept_filters, kept_rows

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
    add_dossiers(8)
    DossierFactory.create_batch(4, is_demo=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE support_dossier")
    response, queries = queries_of(project_lead, DOSSIERS, {"is_demo__exact": "0"})
    counts = [sql for sql in queries if "COUNT(" in sql.upper() and "support_dossier" in sql]
    assert len(counts) == 1 and "LIMIT 6" in counts[0], counts  # 8 expected: near the limit
    assert "8 résultats" in response.content.decode()


def test_a_filter_the_planner_expects_far_beyond_the_limit_counts_nothing(
    project_lead, monkeypatch
):
    monkeypatch.setattr(EstimatedCountPaginator, "exact_count_limit", 5)
    add_dossiers(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE support_dossier")
    response, queries = queries_of(project_lead, DOSSIERS, {"is_demo__exact": "0"})
    counts = [sql for sql in queries if "COUNT(" in sql.upper() and "support_dossier" in sql]
    assert counts == []  # 12 expected, more than twice the limit: the estimate is the count
    assert "12 dossiers d’accompagnement" in response.content.decode()


def rows_of(html):
    """The change list's rows, as the browser gets them (whitespace aside)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


@pytest.fixture
def cells_written(monkeypatch):
    """How many rows Django's ``items_for_result`` writes; nothing kept before the test."""
    kept_rows.clear()
    written = []
    original = admin_list.items_for_result

    def counting(cl, result, form):
        written.append(result.pk)
        return original(cl, result, form)

    monkeypatch.setattr(admin_list, "items_for_result", counting)
    return written


@pytest.mark.parametrize(
    ("model", "url", "add"), [(Offer, OFFERS, add_offers), (Dossier, DOSSIERS, add_dossiers)]
)
def test_kept_rows_are_djangos_rows(project_lead, monkeypatch, model, url, add, cells_written):
    add(4)
    ours = rows_of(project_lead.get(url).content.decode())
    kept = rows_of(project_lead.get(url).content.decode())
    monkeypatch.setattr(admin.site.get_model_admin(model), "change_list_template", None)
    djangos = rows_of(project_lead.get(url).content.decode())
    assert len(ours) == 4
    assert ours == kept == djangos


def test_a_row_is_written_once_then_again_when_what_it_shows_changes(project_lead, cells_written):
    first, second = add_offers(2)
    project_lead.get(OFFERS)
    assert sorted(cells_written) == sorted([first.pk, second.pk])
    cells_written.clear()
    project_lead.get(OFFERS)
    assert cells_written == []  # both kept

    # an update() sends no signal: the row's new values are its new key all the same
    Offer.objects.filter(pk=first.pk).update(title="Remplacement d’été à Gordes")
    Commune.objects.filter(pk=second.commune_id).update(name="Commune renommée")
    html = project_lead.get(OFFERS).content.decode()
    assert sorted(cells_written) == sorted([first.pk, second.pk])
    assert "Remplacement d’été à Gordes" in html and "Commune renommée" in html


def test_a_kept_row_links_with_the_filters_of_its_page(project_lead, cells_written):
    (offer,) = add_offers(1)
    project_lead.get(OFFERS)
    html = project_lead.get(OFFERS, {"status__exact": offer.status}).content.decode()
    link = reverse("admin:offers_offer_change", args=[offer.pk])
    assert f"{link}?_changelist_filters=status__exact%3D{offer.status}" in html


def test_the_rows_read_only_what_they_show_and_actions_get_whole_offers(project_lead):
    (offer,) = add_offers(1)
    Offer.objects.filter(pk=offer.pk).update(status="pending", description="Cabinet de groupe")
    _response, queries = queries_of(project_lead, OFFERS)
    (rows,) = [sql for sql in queries if 'FROM "offers_offer"' in sql and "ORDER BY" in sql]
    assert '"offers_offer"."title"' in rows
    assert '"offers_offer"."description"' not in rows and "boundary" not in rows

    response = publish_from_admin(project_lead, OFFERS, [offer.pk])
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "published"
    assert offer.published_snapshot["description"] == "Cabinet de groupe"


def filters_of(html):
    """The change list's sidebar of filters, whitespace aside."""
    return " ".join(html.split('id="changelist-filter"', 1)[1].split("</search>", 1)[0].split())


def test_kept_filters_are_djangos_and_follow_the_page_and_their_choices(project_lead, monkeypatch):
    kept_filters.clear()
    add_offers(2)
    published = {"status__exact": "published"}
    first = [
        filters_of(project_lead.get(OFFERS, params).content.decode()) for params in ({}, published)
    ]
    again = [
        filters_of(project_lead.get(OFFERS, params).content.decode()) for params in ({}, published)
    ]
    model_admin = admin.site.get_model_admin(Offer)
    monkeypatch.setattr(model_admin, "change_list_template", None)
    djangos = [
        filters_of(project_lead.get(OFFERS, params).content.decode()) for params in ({}, published)
    ]
    monkeypatch.undo()
    assert first == again == djangos
    assert first[0] != first[1]  # the selected status is the page's own
    assert len(kept_filters) == 2  # one sidebar a query string, written once

    OrganisationFactory(name="Maison de santé des Sorgues")  # a new choice: another key
    assert "Maison de santé des Sorgues" in filters_of(project_lead.get(OFFERS).content.decode())


def test_the_date_filter_links_of_another_day_are_not_kept(project_lead, monkeypatch):
    kept_filters.clear()
    today = filters_of(project_lead.get(OFFERS).content.decode())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    monkeypatch.setattr(
        timezone,
        "now",
        lambda: datetime.datetime.combine(tomorrow, datetime.time(12), datetime.UTC),
    )
    assert filters_of(project_lead.get(OFFERS).content.decode()) != today
    assert tomorrow.isoformat() in filters_of(project_lead.get(OFFERS).content.decode())
