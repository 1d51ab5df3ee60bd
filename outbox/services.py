import logging
import re

from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def enqueue(email_id):
    """Hand an e-mail to Celery; if the broker is down, the periodic sweep sends it later."""
    from outbox.tasks import send_email

    try:
        send_email.delay(email_id)
    except (OperationalError, RedisError, OSError, RuntimeError):
        # Whatever the broker's failure, the e-mail is in the database: the sweep sends it later.
        logger.warning("Broker unavailable: e-mail %s stays queued for the sweep.", email_id)


def single_line(text):
    """A header value: every control character (CR, LF, tab…) becomes a space."""
    return " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())


def queue_email(to, subject, body, cc=(), reply_to=(), attachments=(), contains_secret=True):
    """Save the e-mail, then ask Celery to send it once the transaction is committed.

    ``attachments``: (filename, text content, mimetype) triples, such as an .ics invitation.
    ``contains_secret``: say False only for a message without any link that opens or acts on an
    account (password reset, address confirmation, signed link): the project lead may then
    read it in the admin.
    """
    email = OutgoingEmail.objects.create(
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        subject=single_line(subject)[:255],
        contains_secret=contains_secret,
        body=body,
        attachments=[list(attachment) for attachment in attachments],
    )
    transaction.on_commit(lambda: enqueue(email.pk))
    return email
