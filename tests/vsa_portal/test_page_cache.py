"""Anonymous pages served whole from Redis: a visitor without a session gets the stored page, a
publication shows at the next request, and nothing personal is ever stored or served."""

import re

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.urls import reverse

from offers.models import Offer, OfferContact
from tests.factories import EventFactory, OfferFactory
from vsa_portal import page_cache

pytestmark = pytest.mark.django_db

OFFERS = "/exercer/offres/"
SIGNED_IN = "Se déconnecter"


def state(response):
    return response.get("X-Page-Cache")


def test_a_visitors_second_request_is_served_from_the_cache_without_a_query(
    visitor, territory, django_assert_num_queries
):
    OfferFactory(title="Collaboration au cœur du bourg")
    first = visitor.get(OFFERS)
    assert state(first) == "miss"
    with django_assert_num_queries(0):
        second = visitor.get(OFFERS)
    assert state(second) == "hit"
    assert second.content == first.content
    assert "Collaboration au cœur du bourg" in second.content.decode()
    # headers added outside the cache are there on a hit too
    assert second["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"
    assert "Cookie" in second["Vary"]


def test_a_publication_is_on_the_cached_list_at_the_next_request(visitor, territory):
    OfferFactory(title="Première offre")
    visitor.get(OFFERS)
    assert state(visitor.get(OFFERS)) == "hit"
    OfferFactory(title="Offre publiée à l’instant")
    response = visitor.get(OFFERS)
    assert state(response) == "miss"
    assert "Offre publiée à l’instant" in response.content.decode()


def test_a_withdrawal_leaves_the_cached_page_at_once(visitor, territory):
    offer = OfferFactory(title="Offre bientôt retirée")
    visitor.get(OFFERS)
    offer.withdraw()
    offer.save()
    assert "Offre bientôt retirée" not in visitor.get(OFFERS).content.decode()


def test_each_query_string_is_its_own_page(visitor, territory):
    OfferFactory(kind="collaboration", title="Une collaboration")
    OfferFactory(kind="remplacement_regulier", title="Un remplacement régulier")
    visitor.get(OFFERS + "?kind=collaboration")
    other = visitor.get(OFFERS + "?kind=remplacement_regulier")
    assert state(other) == "miss"
    assert "Un remplacement régulier" in other.content.decode()
    assert "Une collaboration" not in other.content.decode()


def test_a_signed_in_person_never_gets_the_visitors_page_nor_stores_theirs(
    visitor, professional, territory
):
    visitor.get(OFFERS)
    response = professional.get(OFFERS)
    assert state(response) is None
    assert SIGNED_IN in response.content.decode()
    # and what the professional saw is not served to the next visitor
    assert SIGNED_IN not in Client().get(OFFERS).content.decode()


def test_a_page_with_a_form_gives_each_visitor_their_own_csrf_token(territory):
    offer = OfferFactory(title="Offre au formulaire de contact")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert state(first.get(offer.get_absolute_url())) == "miss"
    response = second.get(offer.get_absolute_url())
    assert state(response) == "hit"
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    first_token = first.cookies["csrftoken"].value
    second_secret = second.cookies["csrftoken"].value  # set for the second visitor by the hit
    assert second_secret != first_token
    assert _unmask_cipher_token(token) == second_secret
    assert "csrf-token" not in html
    # and the second visitor's message goes through the CSRF check with that token
    sent = second.post(
        reverse("offers:contact", args=[offer.pk]),
        {
            "csrfmiddlewaretoken": token,
            "name": "Dr Alix Fabre",
            "email": "alix.fabre@exemple.test",
            "status": "remplacant",
            "message": "Bonjour, je souhaite en savoir plus sur cette collaboration.",
            "consent": "on",
        },
    )
    assert sent.status_code == 302
    assert OfferContact.objects.get().name == "Dr Alix Fabre"


def test_every_visit_of_a_detail_page_is_counted_cache_hits_included(territory):
    offer = OfferFactory()
    states = [state(Client().get(offer.get_absolute_url())) for _ in range(3)]
    assert states == ["miss", "hit", "hit"]
    assert Offer.objects.get(pk=offer.pk).views_count == 3


def test_a_visitor_with_a_message_waiting_sees_it_and_the_page_is_not_stored(visitor, territory):
    visitor.get(OFFERS)  # stored for visitors without messages
    storage = CookieStorage(request=None)
    visitor.cookies[CookieStorage.cookie_name] = storage._encode(
        [_message("Votre inscription est enregistrée.")]
    )
    response = visitor.get(OFFERS)
    assert state(response) is None
    assert "Votre inscription est enregistrée." in response.content.decode()


def _message(text):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    return Message(constants.SUCCESS, text)


def test_a_visitor_with_a_session_is_served_fresh(visitor, territory):
    visitor.get(OFFERS)
    visitor.cookies["sessionid"] = "an-expired-session"
    assert state(visitor.get(OFFERS)) is None


def test_personal_spaces_health_checks_and_token_clients_are_never_cached(visitor, territory):
    for path in (reverse("healthz"), reverse("account_login")):
        visitor.get(path)
        assert state(visitor.get(path)) is None
    visitor.get(OFFERS)
    with_token = visitor.get(OFFERS, headers={"Authorization": "Bearer a-partner-token"})
    assert state(with_token) is None


def test_a_post_is_never_answered_from_the_cache(visitor, territory):
    visitor.get(reverse("home"))
    response = visitor.post(reverse("home"))
    assert state(response) is None


def test_a_changed_setting_empties_the_cache(visitor, territory):
    visitor.get(OFFERS)
    with override_settings(PORTAL_DEMO_CONTENT=True):
        assert state(visitor.get(OFFERS)) == "miss"


def test_logins_and_e_mails_do_not_empty_the_cache(visitor, territory, professional_user):
    visitor.get(OFFERS)
    generation = page_cache.generation()
    Client().force_login(professional_user)  # a session row and last_login saved
    assert page_cache.generation() == generation
    assert state(visitor.get(OFFERS)) == "hit"


def test_a_page_showing_a_csrf_token_outside_a_form_field_is_not_stored(rf):
    from django.middleware.csrf import get_token

    request = rf.get(OFFERS)
    token = get_token(request)
    field = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
    in_field = f"<form>{field}</form>".encode()
    assert page_cache._without_csrf_tokens(request, in_field) == (
        b'<form><input type="hidden" name="csrfmiddlewaretoken" value="'
        + page_cache.CSRF_PLACEHOLDER
        + b'"></form>'
    )
    in_a_script = f"<form>{field}</form><script>const t = '{token}';</script>".encode()
    assert page_cache._without_csrf_tokens(request, in_a_script) is None


def _token_paths(patterns, prefix=""):
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _token_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<str:token>" in route:
            yield "/" + route.replace("<str:token>", "un-lien-personnel").lstrip("^")


def test_pages_reached_by_a_personal_link_are_never_stored(visitor, territory):
    from django.urls import get_resolver

    paths = list(_token_paths(get_resolver().url_patterns))
    assert len(paths) >= 4  # registrations (confirm, cancel), unsubscribes, referrals
    for path in paths:
        visitor.get(path)
        assert state(visitor.get(path)) is None, path


def test_a_registrants_own_cancellation_page_is_never_stored(territory):
    from django.utils import timezone

    from agenda.models import Registration
    from agenda.registrations import cancel_token

    registration = Registration.objects.create(
        event=EventFactory(),
        name="Dr Alex Durand",
        email="alex@exemple.test",
        profile="interne",
        status="confirmee",
        consent_given_at=timezone.now(),
        consent_version=Registration.CONSENT_VERSION,
    )
    url = reverse("agenda:cancel", args=[cancel_token(registration)])
    first = Client().get(url)
    assert "Annuler votre inscription" in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    assert state(first) is None and state(Client().get(url)) is None


def test_the_nightly_expiry_empties_the_cache(visitor, territory):
    from datetime import timedelta

    from django.utils import timezone

    offer = OfferFactory(title="Offre arrivée à échéance")
    visitor.get(OFFERS)
    Offer.objects.filter(pk=offer.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    generation = page_cache.generation()
    assert Offer.objects.expire() == 1
    assert page_cache.generation() > generation
    assert state(visitor.get(OFFERS)) == "miss"


def test_a_deployment_s_migrate_moves_the_generation(db):
    from django.core.management import call_command

    from vsa_portal import page_cache

    before = page_cache.generation()
    call_command("migrate", verbosity=0)
    assert page_cache.generation() > before


def test_the_cache_keeps_one_redis_client_per_connection_pool():
    from django.core.cache import cache

    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b") is client
    cache.set("reused-client", 1)
    assert cache.get("reused-client") == 1


@pytest.mark.django_db(transaction=True)
def test_a_visit_is_counted_in_one_statement_and_a_failed_count_leaves_the_connection_usable(
    territory,
):
    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext

    from territory.models import Commune

    offer = OfferFactory()
    with CaptureQueriesContext(connection) as queries:
        page_cache._count("offers.Offer", offer.pk)
    assert len(queries) == 1 and "synchronous_commit" in queries[0]["sql"]
    offer.refresh_from_db()
    assert offer.views_count == 1
    with pytest.raises(DatabaseError):  # a table without the column
        page_cache._count("territory.Commune", Commune.objects.first().pk)
    assert connection.get_autocommit()
    assert Commune.objects.exists()  # the connection is not left in an aborted transaction
