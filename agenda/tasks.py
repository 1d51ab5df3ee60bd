from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from agenda.enums import RegistrationStatus
from agenda.models import Registration
from agenda.registrations import notify
from vsa_portal.publication import PublicationStatus


@shared_task
def send_reminders():
    """The day before: one reminder per confirmed registration (never twice)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    due = Registration.objects.select_related("event", "event__commune").filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__date=tomorrow,
        event__status=PublicationStatus.PUBLISHED,
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            notify(registration, reminder=True)
            registration.reminded_at = timezone.now()
            registration.save(update_fields=["reminded_at"])
            sent += 1
    return sent
