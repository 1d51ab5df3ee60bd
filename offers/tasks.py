from celery import shared_task

from offers.models import Offer


@shared_task
def expire_offers():
    """Offers past their expiry date leave the public pages for good (status "expired")."""
    return Offer.objects.expire()
