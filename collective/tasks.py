from celery import shared_task

from collective.models import ContactMessage


@shared_task
def purge_contact_messages():
    """Messages of the contact page are kept CONTACT_MESSAGE_RETENTION_DAYS days, then deleted."""
    deleted, _by_model = ContactMessage.objects.past_retention().delete()
    return deleted
