"""A list's count is read once per content generation, for every visitor, and never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OfferFactory, commune
from vsa_portal.search import count_key

pytestmark = pytest.mark.django_db

LIST = reverse("offers:list")


def counts_run(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    counted = [q for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    return response.context["page"].paginator.count, len(counted)


@pytest.fixture
def three_offers(territory):
    for code in ("84007", "84031", "84088"):
        OfferFactory(commune=commune(code))


def test_a_signed_in_visitor_counts_a_list_once_for_all_its_pages(professional, three_offers):
    assert counts_run(professional, LIST) == (3, 1)
    assert counts_run(professional, LIST) == (3, 0)
    # the pages' links make the search bound (its form may then differ): counted once more
    assert counts_run(professional, LIST + "?page=1") == (3, 1)
    assert counts_run(professional, LIST + "?page=2") == (3, 0)
    assert counts_run(professional, LIST + "?kind=collaboration&page=2") == (3, 1)
    assert counts_run(professional, LIST + "?page=3&kind=collaboration") == (3, 0)


def test_a_published_offer_is_counted_at_the_next_request(professional, three_offers):
    assert counts_run(professional, LIST)[0] == 3
    OfferFactory(commune=commune("84003"))
    assert counts_run(professional, LIST) == (4, 1)


def test_each_search_has_its_own_count(professional, three_offers):
    # the same radius around another point: the point is part of the key
    assert counts_run(professional, LIST + "?near=avignon&km=15")[0] == 1
    assert counts_run(professional, LIST + "?near=carpentras&km=15")[0] == 2
    assert counts_run(professional, LIST + "?near=avignon&km=50") == (3, 1)
    assert counts_run(professional, LIST + "?kind=succession")[0] == 0


def test_lists_that_depend_on_the_moment_are_counted_each_time(professional):
    from agenda.models import Event
    from offers.models import Offer

    assert count_key(Event.objects.upcoming()) is None
    assert count_key(Offer.objects.none()) is None
    assert count_key([1, 2, 3]) is None
    assert count_key(Offer.objects.available()).startswith("counts:")


def test_a_list_of_upcoming_events_is_counted_once_per_search_until_content_changes(
    professional, territory
):
    """Keyed by its search rather than its SQL (which holds the moment): kept, like its
    results, until the next save or PAGE_CACHE_SECONDS."""
    from tests.factories import EventFactory

    agenda = reverse("agenda:landing")
    EventFactory()
    assert counts_run(professional, agenda) == (1, 1)
    assert counts_run(professional, agenda) == (1, 0)
    EventFactory()
    assert counts_run(professional, agenda) == (2, 1)
