"""When a replacement offer is published, the remplaçants whose periods and area match it are
recorded once; those who opted in get it in the morning's digest, through the outbox, with a
signed link that stops it without logging in; matches and messages feed the key figures."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from replacements.digest import UNSUBSCRIBE, unsubscribe_url
from replacements.kinds import key_figures
from replacements.models import OfferMatch, ReplacementContact
from replacements.tasks import send_match_digests
from tests.factories import OfferFactory, commune
from tests.replacements.conftest import AvailabilityFactory, ProfileFactory, verified_user

pytestmark = pytest.mark.usefixtures("territory")


def locum_offer(period, **fields):
    fields.setdefault("title", "Remplacement d’été au cabinet du Comtat")
    return OfferFactory(
        kind="remplacement_ponctuel",
        start_date=period.starts_on,
        end_date=period.ends_on,
        commune=commune("84031"),
        **fields,
    )


def digests():
    return OutgoingEmail.objects.filter(subject__contains="Offres de remplacement à vos dates")


def test_a_remplacant_who_opted_in_gets_the_matching_offer_once():
    period = AvailabilityFactory(profile__digest_opt_in=True)
    offer = locum_offer(period)
    assert send_match_digests() == 1
    email = digests().get()
    assert email.to == [period.profile.user.email]
    assert "Remplacement d’été au cabinet du Comtat (Carpentras)" in email.body
    assert "vous êtes disponible sur toute la période" in email.body
    assert offer.get_absolute_url() in email.body
    assert "/offres-par-e-mail/desabonnement/" in email.body
    assert email.contains_secret  # the signed link acts on the profile
    match = OfferMatch.objects.get()
    assert (match.profile, match.offer_pk, match.full) == (period.profile, offer.pk, True)
    assert match.sent_at is not None
    assert send_match_digests() == 0  # the next morning: nothing new, nothing sent again
    assert digests().count() == 1


def test_several_offers_in_one_email_partial_ones_said_so():
    period = AvailabilityFactory(profile__digest_opt_in=True)
    locum_offer(period)
    longer = locum_offer(period, title="Remplacement long à Carpentras")
    longer.end_date = period.ends_on + timedelta(days=10)
    longer.save()
    assert send_match_digests() == 1
    body = digests().get().body
    assert "De nouvelles offres de remplacement" in body
    assert "vous êtes disponible sur une partie de la période" in body


def test_no_email_without_opt_in_but_the_match_is_counted():
    period = AvailabilityFactory()  # digest_opt_in is off by default
    locum_offer(period)
    assert send_match_digests() == 0
    assert not digests().exists()
    assert OfferMatch.objects.count() == 1


@pytest.mark.parametrize(
    "mismatch",
    [
        {"centre": "84089", "radius_km": 5},  # Pertuis: not their area
        {"later": True},  # the offer's dates are after their period
        {"kind": "collaboration"},  # not a replacement
        {"consent_to_list": False},  # consent withdrawn
    ],
)
def test_what_does_not_match(mismatch):
    profile = ProfileFactory(
        digest_opt_in=True, consent_to_list=mismatch.get("consent_to_list", True)
    )
    period = AvailabilityFactory(
        profile=profile,
        centre=commune(mismatch.get("centre", "84031")),
        radius_km=mismatch.get("radius_km", 30),
    )
    offer = locum_offer(period)
    if mismatch.get("later"):
        offer.start_date = period.ends_on + timedelta(days=1)
        offer.end_date = period.ends_on + timedelta(days=5)
    offer.kind = mismatch.get("kind", offer.kind)
    offer.save()
    assert send_match_digests() == 0
    assert not OfferMatch.objects.exists()


def test_an_offer_withdrawn_before_the_morning_is_not_sent():
    period = AvailabilityFactory(profile__digest_opt_in=True)
    offer = locum_offer(period)
    from replacements.matching import MATCH_LOOKBACK, record_matches, send_digests

    record_matches(timezone.now() - MATCH_LOOKBACK)
    offer.status = "archived"
    offer.save()
    assert send_digests() == 0
    assert OfferMatch.objects.get().sent_at is not None


def test_old_offers_are_not_matched_again():
    period = AvailabilityFactory(profile__digest_opt_in=True)
    locum_offer(period, published_at=timezone.now() - timedelta(days=10))
    assert send_match_digests() == 0


def test_the_remplacant_opts_in_on_their_profile(remplacant):
    profile = remplacant.user.replacement_profile
    page = remplacant.get(reverse("replacements:my_profile")).content.decode()
    assert "Recevoir chaque matin les offres de remplacement" in page
    data = {
        "profession": profile.profession.pk,
        "status": "these",
        "rpps": profile.rpps,
        "secretariat": "indifferent",
        "name_display": "initiales",
        "consent_to_list": "on",
        "digest_opt_in": "on",
    }
    assert remplacant.post(reverse("replacements:my_profile"), data).status_code == 302
    profile.refresh_from_db()
    assert profile.digest_opt_in


# --- The signed unsubscribe link --------------------------------------------------------------


def test_the_link_shows_a_button_and_the_button_unsubscribes(visitor):
    profile = ProfileFactory(digest_opt_in=True)
    url = unsubscribe_url(profile)
    response = visitor.get(url)
    assert response.status_code == 200
    assert "Me désabonner" in response.content.decode()
    profile.refresh_from_db()
    assert profile.digest_opt_in  # a GET (a mail scanner following links) changes nothing
    response = visitor.post(url)
    assert "vous ne recevrez plus les offres de remplacement" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.digest_opt_in
    assert profile.consent_to_list  # still listed


@pytest.mark.parametrize("token", ["forged", signing.dumps(10**9, salt=UNSUBSCRIBE.salt)])
def test_a_forged_link_or_a_deleted_profile(visitor, token):
    url = reverse("replacements:digest_unsubscribe", args=[token])
    assert visitor.get(url).status_code == 404
    assert visitor.post(url).status_code == 404


def test_a_link_signed_for_something_else_is_refused(visitor):
    profile = ProfileFactory(digest_opt_in=True)
    token = signing.dumps(profile.pk, salt="accounts.alerts.unsubscribe")
    visitor.post(reverse("replacements:digest_unsubscribe", args=[token]))
    profile.refresh_from_db()
    assert profile.digest_opt_in


def test_an_expired_link_says_where_to_stop_it(visitor, monkeypatch):
    from tests.vsa_portal.test_signed_links import signed_long_ago

    profile = ProfileFactory(digest_opt_in=True)
    url = signed_long_ago(monkeypatch, 200, lambda: unsubscribe_url(profile))
    response = visitor.post(url)
    assert response.status_code == 410
    assert "Mon profil de remplaçant" in response.content.decode()
    profile.refresh_from_db()
    assert profile.digest_opt_in


def test_the_digest_runs_each_morning():
    from vsa_portal import celery_app

    entry = celery_app.conf.beat_schedule["replacement-match-digest"]
    assert entry["task"] == "replacements.tasks.send_match_digests"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {15})
    assert "send-unsent-emails" in celery_app.conf.beat_schedule  # the others are kept


# --- Key figures ------------------------------------------------------------------------------


def test_matches_and_messages_feed_the_key_figures():
    period = AvailabilityFactory()
    offer = locum_offer(period)
    other = AvailabilityFactory(profile__user=verified_user())
    demo = AvailabilityFactory(profile__is_demo=True)
    locum_offer(demo, is_demo=True)
    send_match_digests()
    ReplacementContact.objects.create(profile=period.profile, message="Bonjour")
    ReplacementContact.objects.create(profile=demo.profile, message="Démo")
    figures = {str(figure.label): figure.value for figure in key_figures()}
    # period and other match the real offer; demo matches both offers, never counted
    assert OfferMatch.objects.filter(offer_pk=offer.pk).count() == 3
    assert figures["Correspondances entre offres de remplacement et remplaçants"] == 2
    assert figures["Offres de remplacement avec au moins un remplaçant disponible"] == 1
    assert figures["Messages transmis aux remplaçants"] == 1
    assert other.profile.offer_matches.get(is_demo=False).offer_pk == offer.pk


def test_the_figures_are_on_the_public_page(visitor):
    page = visitor.get(reverse("collective:key_figures")).content.decode()
    assert "Correspondances entre offres de remplacement et remplaçants" in page
