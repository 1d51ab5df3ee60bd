from celery import shared_task
from django.utils import timezone

from replacements.matching import MATCH_LOOKBACK, record_matches, send_digests


@shared_task
def send_match_digests():
    """Each morning: match the replacement offers published lately with the remplaçants'
    availability, then e-mail those who opted in what is new for them."""
    record_matches(timezone.now() - MATCH_LOOKBACK)
    return send_digests()
