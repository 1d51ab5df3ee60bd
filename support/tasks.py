from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from support import emails
from support.models import DigestSent, Dossier, Referral


@shared_task
def send_daily_digests():
    """Each assignee (or, for unassigned dossiers, the project lead's role) gets one e-mail a
    day with the dossiers due and the requests left unanswered; a second run the same day
    sends nothing more."""
    from accounts.models import User
    from accounts.roles import PROJECT_LEAD_GROUP

    today = timezone.localdate()
    due = Dossier.objects.due(today).select_related("assignee")
    unanswered = Dossier.objects.unanswered_since(settings.SUPPORT_UNANSWERED_DAYS)
    staff = User.objects.filter(is_active=True, groups__name=PROJECT_LEAD_GROUP).distinct()
    sent = 0
    for user in staff:
        mine_due = [d for d in due if d.assignee_id in (user.pk, None)]
        mine_unanswered = [d for d in unanswered if d.assignee_id in (user.pk, None)]
        if not (mine_due or mine_unanswered):
            continue
        with transaction.atomic():
            _digest, created = DigestSent.objects.get_or_create(user=user, day=today)
            if not created:
                continue
            emails.send_digest(user, mine_due, mine_unanswered)
        sent += 1
    return sent


@shared_task
def remind_silent_referrals():
    """One reminder to a partner that has not answered a referral within the stated days."""
    sent = 0
    for referral in Referral.objects.silent(settings.SUPPORT_REFERRAL_REMINDER_DAYS).select_related(
        "dossier", "organisation"
    ):
        with transaction.atomic():
            emails.send_referral(referral, reminder=True)
            referral.reminded_at = timezone.now()
            referral.save(update_fields=["reminded_at"])
        sent += 1
    return sent


@shared_task
def warn_before_anonymisation():
    """The owner of a dossier due for anonymisation hears of it the warning period before
    (once per quiet spell: a new contact calls for a new warning). Idempotent."""
    from datetime import timedelta

    now = timezone.now()
    retention = timedelta(days=settings.SUPPORT_RETENTION_DAYS)
    warning = timedelta(days=settings.SUPPORT_RETENTION_WARNING_DAYS)
    sent = 0
    for dossier in Dossier.objects.to_warn_before_anonymisation(now).order_by("pk"):
        with transaction.atomic():
            # ``update`` leaves ``updated_at`` alone: the warning is not a contact.
            Dossier.objects.filter(pk=dossier.pk).update(retention_warned_at=now)
            anonymised_on = timezone.localdate(max(dossier.updated_at + retention, now + warning))
            emails.warn_before_anonymisation(dossier, anonymised_on)
        sent += 1
    return sent
