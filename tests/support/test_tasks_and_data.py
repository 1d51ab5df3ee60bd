"""The daily digest (once a day), reminders to silent partners, personal data."""

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from support.enums import ReferralStatus
from support.models import Dossier, Referral
from support.tasks import remind_silent_referrals, send_daily_digests
from tests.factories import DossierFactory


def test_the_digest_goes_once_a_day(project_lead_user):
    DossierFactory(next_action_on=timezone.localdate(), assignee=project_lead_user)
    DossierFactory(created_at=timezone.now() - timedelta(days=9))
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    digest = OutgoingEmail.objects.get(to__contains=[project_lead_user.email])
    assert "sans réponse depuis plus de 7 jours" in digest.body


def test_a_silent_partner_is_reminded_once(db):
    referral = Referral.objects.create(
        dossier=DossierFactory(),
        contact_name="CPTS",
        contact_email="cpts@exemple.test",
        question="?",
        summary="…",
        status=ReferralStatus.SENT,
        sent_at=timezone.now() - timedelta(days=8),
    )
    assert remind_silent_referrals() == 1
    assert remind_silent_referrals() == 0
    referral.refresh_from_db()
    assert referral.reminded_at is not None


def test_dossiers_in_the_download_and_anonymised_with_the_account(professional, professional_user):
    dossier = DossierFactory(requester=professional_user, spouse_job="infirmière")
    data = json.loads(professional.get(reverse("accounts:download_my_data")).content)
    assert data["accompagnement"][0]["reference"] == dossier.reference
    professional.post(reverse("accounts:delete_account"), {"confirm": "SUPPRIMER"})
    dossier.refresh_from_db()
    assert dossier.requester is None
    assert dossier.spouse_job == "" and dossier.email.endswith("@invalid")
    # What the figures count stays.
    assert Dossier.objects.filter(pk=dossier.pk, situation="interne").exists()
