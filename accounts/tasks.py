from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.alerts import DIGEST_LIMIT, new_items, unsubscribe_url
from accounts.models import SavedSearch
from outbox.services import queue_email


@shared_task
def send_alert_digests(frequency):
    """E-mail each active saved search of this frequency its new matches, if it has any."""
    sent = 0
    base = settings.PORTAL_BASE_URL.rstrip("/")
    for saved_search in SavedSearch.objects.filter(
        frequency=frequency, is_active=True
    ).select_related("user"):
        since = saved_search.last_sent_at or saved_search.created_at
        now = timezone.now()
        items = new_items(saved_search, since)
        if items is None:
            continue
        kind = saved_search.content_kind
        matches = list(items[: DIGEST_LIMIT + 1])
        with transaction.atomic():
            if matches:
                queue_email(
                    to=[saved_search.user.email],
                    subject=f"[{settings.PORTAL['SHORT_NAME']}] Nouveautés ({kind.label_plural}) : {saved_search.name}",
                    body=render_to_string(
                        "accounts/emails/alert_digest.txt",
                        {
                            "saved_search": saved_search,
                            "kind": kind,
                            "items": matches[:DIGEST_LIMIT],
                            "more": len(matches) > DIGEST_LIMIT,
                            "base": base,
                            "list_url": base + saved_search.get_list_url(),
                            "unsubscribe_url": base + unsubscribe_url(saved_search),
                            "portal": settings.PORTAL,
                        },
                    ),
                )
                sent += 1
            saved_search.last_sent_at = now
            saved_search.save(update_fields=["last_sent_at"])
    return sent


@shared_task
def purge_personal_data():
    from accounts.personal_data import purge

    return purge()
