from celery import shared_task
from django.utils import timezone

from replacements.emails import remind_unconfirmed
from replacements.matching import MATCH_LOOKBACK, record_matches, send_digests


@shared_task
def send_match_digests():
    """Each morning: match the replacement offers published lately with the remplaçants'
    availability, then e-mail those who opted in what is new for them."""
    record_matches(timezone.now() - MATCH_LOOKBACK)
    return send_digests()


@shared_task
def remind_unconfirmed_listings():
    """Each morning: tell the remplaçants whose listing is hidden within a week to confirm it."""
    return remind_unconfirmed()
