"""The project lead's back office, as the non-superuser role: pipeline, dossier page, status
transitions with e-mails and history, referrals answered through a signed link, staff reads
logged, pseudonymised export, figures."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from support import emails
from support.enums import DossierStatus, Outcome, ReferralStatus
from support.models import Dossier, Referral, StaffRead
from tests.factories import DossierFactory
from tests.helpers.queries import assert_max_queries
from tests.support.helpers import admin_post_data

PIPELINE = reverse("admin:support_pipeline")


def test_the_pipeline_counts_and_lists_with_a_constant_number_of_queries(project_lead):
    DossierFactory.create_batch(30)
    DossierFactory.create_batch(5, status=DossierStatus.IN_PROGRESS)
    # The admin's own five (session, user, authenticator, permissions) plus the board's.
    with assert_max_queries(13):
        response = project_lead.get(PIPELINE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "En cours : 5" in body
    assert "35 dossiers" in body
    filtered = project_lead.get(PIPELINE, {"status": "en_cours"}).content.decode()
    assert "5 dossiers" in filtered


@pytest.mark.parametrize("persona", ["visitor", "professional", "partner_a"])
def test_only_the_role_reaches_the_back_office(db, request, persona):
    client = request.getfixturevalue(persona)
    dossier = DossierFactory()
    for url in (PIPELINE, reverse("admin:support_dossier_change", args=[dossier.pk])):
        assert client.get(url).status_code in (302, 403)


def test_staff_without_an_authenticator_cannot_open_the_pipeline(db):
    from django.test import Client

    from accounts.roles import ensure_project_lead_group
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.groups.add(ensure_project_lead_group())
    client = Client()
    client.force_login(user)
    response = client.get(PIPELINE)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_the_project_lead_changes_the_status_and_writes(project_lead, project_lead_user):
    dossier = DossierFactory(email="alix@exemple.test")
    url = reverse("admin:support_dossier_change", args=[dossier.pk])
    page = project_lead.get(url)
    assert page.status_code == 200
    assert StaffRead.objects.filter(dossier=dossier, user=project_lead_user).exists()
    data = admin_post_data(
        project_lead,
        url,
        new_status="en_cours",
        status_note="Je vous appelle jeudi.",
        **{"messages-TOTAL_FORMS": "1", "messages-0-body": "Bonjour Alix, bienvenue."},
    )
    response = project_lead.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROGRESS
    assert dossier.first_answer_at is not None
    message = dossier.messages.get()
    assert message.from_staff and message.author == project_lead_user
    sent = list(OutgoingEmail.objects.filter(to__contains=["alix@exemple.test"]))
    assert any("En cours" in email.subject for email in sent)
    assert any("Nouveau message" in email.subject for email in sent)
    history = dossier.history.order_by("-history_date").first()
    assert history.history_user == project_lead_user


def test_a_forbidden_transition_is_refused(project_lead_user):
    from django.core.exceptions import ValidationError

    dossier = DossierFactory(status=DossierStatus.SETTLED)
    with pytest.raises(ValidationError):
        dossier.transition(DossierStatus.PAUSED, by=project_lead_user)


def test_a_requester_cannot_change_the_status_but_to_withdraw(professional_user):
    from django.core.exceptions import PermissionDenied

    dossier = DossierFactory(requester=professional_user)
    with pytest.raises(PermissionDenied):
        dossier.transition(DossierStatus.SETTLED, by=professional_user)


def test_a_partner_answers_a_referral_through_its_link(visitor, project_lead_user):
    dossier = DossierFactory(assignee=project_lead_user, phone="06 00 00 00 00")
    referral = Referral.objects.create(
        dossier=dossier,
        contact_name="Mairie de Bollène",
        contact_email="mairie@exemple.test",
        question="Avez-vous un logement à partir de mai ?",
        summary="Une interne cherche un logement pour six mois.",
        status=ReferralStatus.SENT,
        sent_at=timezone.now(),
    )
    url = reverse("support:referral_answer", args=[emails.referral_token(referral)])
    page = visitor.get(url).content.decode()
    assert "Une interne cherche un logement" in page
    assert dossier.email not in page and "06 00 00 00 00" not in page
    response = visitor.post(url, {"answer": "oui", "text": "Un studio rue Victor-Hugo."})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.answer_yes is True and referral.answered_at
    assert OutgoingEmail.objects.filter(to__contains=[project_lead_user.email]).exists()


def test_an_altered_or_expired_referral_link_gets_a_clear_page(visitor):
    referral = Referral.objects.create(
        dossier=DossierFactory(),
        contact_name="CPTS",
        contact_email="cpts@exemple.test",
        question="?",
        summary="…",
    )
    token = emails.referral_token(referral)
    assert visitor.get(reverse("support:referral_answer", args=[token + "x"])).status_code == 404
    old = signing.TimestampSigner(salt=emails.REFERRAL_SALT)
    assert old  # the token's age is what expires it:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(emails, "REFERRAL_LINK_DAYS", -1)
        response = visitor.get(reverse("support:referral_answer", args=[token]))
    assert response.status_code == 410
    assert "expiré" in response.content.decode()


def test_the_export_is_pseudonymised_unless_a_reason_is_given(project_lead):
    DossierFactory(last_name="Secret", email="secret@exemple.test")
    anonymous = b"".join(project_lead.get(PIPELINE, {"format": "csv"}).streaming_content).decode()
    assert "Secret" not in anonymous and "secret@exemple.test" not in anonymous
    assert "P-" in anonymous
    named = b"".join(
        project_lead.get(PIPELINE, {"format": "csv", "motif": "Bilan ARS"}).streaming_content
    ).decode()
    assert "secret@exemple.test" in named


def test_figures_as_queryset_methods(territory):
    from tests.factories import commune

    now = timezone.now()
    DossierFactory(created_at=now - timedelta(days=10), first_answer_at=now - timedelta(days=8))
    DossierFactory(created_at=now - timedelta(days=10), first_answer_at=now - timedelta(days=6))
    DossierFactory(
        status=DossierStatus.SETTLED,
        outcome=Outcome.SUPPORTED_INSTALLATION,
        outcome_on=timezone.localdate(),
        outcome_commune=commune("84007"),
        outcome_mode="liberal",
        closed_at=now,
        created_at=now - timedelta(days=100),
    )
    dossiers = Dossier.objects.real()
    assert dossiers.median_time_to_first_answer() == timedelta(days=3)
    assert dossiers.median_time_to_installation() == timedelta(days=100)
    assert dossiers.supported_installations().count() == 1
    per_year = list(dossiers.installations_per_year())
    assert per_year[0]["count"] == 1 and per_year[0]["outcome_commune__name"] == "Avignon"
    assert sum(row["count"] for row in dossiers.per_month()) == 3
    assert {row["situation"]: row["count"] for row in dossiers.count_by("situation")} == {
        "interne": 3
    }
