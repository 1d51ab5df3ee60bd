import logging

from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)


def enqueue(email_id):
    """Hand an e-mail to Celery; if the broker is down, the periodic sweep sends it later."""
    from outbox.tasks import send_email

    try:
        send_email.delay(email_id)
    except (OperationalError, RedisError, OSError, RuntimeError):
        # Whatever the broker's failure, the e-mail is in the database: the sweep sends it later.
        logger.warning("Broker unavailable: e-mail %s stays queued for the sweep.", email_id)


def queue_email(to, subject, body, cc=(), reply_to=(), attachments=()):
    """Save the e-mail, then ask Celery to send it once the transaction is committed.

    ``attachments``: (filename, text content, mimetype) triples, such as an .ics invitation.
    """
    email = OutgoingEmail.objects.create(
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        subject=subject[:255],
        body=body,
        attachments=[list(attachment) for attachment in attachments],
    )
    transaction.on_commit(lambda: enqueue(email.pk))
    return email
