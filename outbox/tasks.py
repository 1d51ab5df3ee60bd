import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from outbox.models import MAX_ATTEMPTS, MAX_BACKOFF_SECONDS, OutgoingEmail
from outbox.services import enqueue

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_email(self, email_id):
    """Send one queued e-mail.

    The row is locked while it is sent and stamped ``sent_at`` in the same transaction, so two
    workers never send it both, and a worker killed mid-send leaves it unsent for the sweep.
    The one remaining window (the mail server accepted the message, then the commit failed) can
    send it twice: at least once, nearly always exactly once.
    """
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
        for filename, content, mimetype in email.attachments:
            message.attach(filename, content, mimetype)
        email.attempts += 1
        email.last_attempt_at = timezone.now()
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - SMTP, network or backend errors alike
            error = exc
            email.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "last_attempt_at", "sent_at", "last_error"])
    if error is None:
        return "sent"
    if email.attempts < MAX_ATTEMPTS:
        raise self.retry(exc=error, countdown=min(60 * 2**email.attempts, MAX_BACKOFF_SECONDS))
    logger.error(
        "E-mail %s abandoned after %s attempts: %s", email.pk, email.attempts, email.last_error
    )
    return "failed"


@shared_task
def sweep_unsent(older_than_minutes=2):
    """Re-queue what is unsent and no longer retried by its task; return how many."""
    pending = list(OutgoingEmail.objects.to_sweep(older_than_minutes).values_list("pk", flat=True))
    for email_id in pending:
        enqueue(email_id)
    return len(pending)
