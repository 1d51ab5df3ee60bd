from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from outbox.models import OutgoingEmail
from outbox.services import enqueue

MAX_ATTEMPTS = 10


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_email(self, email_id):
    """Send one queued e-mail; sending twice is impossible (row lock and ``sent_at``)."""
    error = None
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .unsent()
            .filter(pk=email_id)
            .first()
        )
        if email is None:
            return "already sent or being sent"
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=email.to,
            cc=email.cc,
            reply_to=email.reply_to,
        )
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - SMTP, network or backend errors alike
            error = exc
            email.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
    if error is None:
        return "sent"
    if email.attempts < MAX_ATTEMPTS:
        raise self.retry(exc=error, countdown=min(60 * 2**email.attempts, 3600))
    return "failed"


@shared_task
def sweep_unsent(older_than_minutes=2):
    """Re-queue what is still unsent (broker outage, lost worker); return how many."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    pending = list(
        OutgoingEmail.objects.unsent()
        .filter(created_at__lte=cutoff, attempts__lt=MAX_ATTEMPTS)
        .values_list("pk", flat=True)
    )
    for email_id in pending:
        enqueue(email_id)
    return len(pending)
