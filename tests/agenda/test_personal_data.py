"""Event registrations in the personal-data self-service: export, deletion with the account, and
the scheduled purge (issue 13, finding 10). The accounts app calls these functions through the
registry of kinds; the tests call them directly, then through the account's own services."""

import json
from datetime import timedelta

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from agenda import personal_data
from agenda.models import Registration
from outbox.models import OutgoingEmail
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def registration(event, email, status="confirmee", name="Dr Alex Durand", **fields):
    return Registration.objects.create(
        event=event,
        name=name,
        email=email,
        profile="interne",
        status=status,
        consent_given_at=timezone.now(),
        consent_version=Registration.CONSENT_VERSION,
        **fields,
    )


def past_event(days_ago):
    starts = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))


def test_export_holds_the_users_registrations_only(professional_user):
    event = EventFactory(title="Soirée des internes")
    registration(event, professional_user.email.upper())
    registration(event, "quelqu.un@exemple.test", name="Quelqu’un")
    rows = personal_data.export(professional_user)
    assert len(rows) == 1
    (row,) = rows
    assert (row["evenement"], row["nom"], row["statut"]) == (
        "Soirée des internes",
        "Dr Alex Durand",
        "Confirmée",
    )
    assert row["consentement"]["version"] == Registration.CONSENT_VERSION
    json.dumps(rows, cls=DjangoJSONEncoder)  # ready for the JSON download


def test_deleting_the_account_frees_its_seats_and_anonymises_its_registrations(
    professional_user,
):
    coming = EventFactory(capacity=1)
    seat = registration(coming, professional_user.email)
    waiting = registration(coming, "suivant@exemple.test", status="attente", name="Dr Suivant")
    old = past_event(days_ago=30)
    attended = registration(old, professional_user.email)
    other = registration(old, "autre@exemple.test", name="Dr Autre")
    assert personal_data.delete(professional_user) == 2
    seat.refresh_from_db()
    attended.refresh_from_db()
    for row in (seat, attended):
        assert row.name == personal_data.ANONYMISED
        assert professional_user.email not in row.email
    assert seat.status == "annulee"
    assert attended.status == "confirmee"  # attendance figures keep the seat, not the person
    waiting.refresh_from_db()
    assert waiting.status == "confirmee"  # the freed seat went to the waiting list
    assert OutgoingEmail.objects.filter(to=["suivant@exemple.test"]).exists()
    other.refresh_from_db()
    assert other.name == "Dr Autre"
    assert personal_data.export(professional_user) == []


def test_two_anonymised_seats_of_one_event_stay_distinct():
    old = past_event(days_ago=400)
    first = registration(old, "un@exemple.test")
    second = registration(old, "deux@exemple.test")
    personal_data.purge()
    emails = set(Registration.objects.values_list("email", flat=True))
    assert emails == {f"anonyme-{first.pk}@invalid", f"anonyme-{second.pk}@invalid"}


@override_settings(REGISTRATION_RETENTION_DAYS=365, REGISTRATION_CONFIRMATION_HOURS=48)
def test_purge_anonymises_old_registrations_and_deletes_unconfirmed_requests():
    old = registration(past_event(days_ago=400), "ancien@exemple.test")
    recent = registration(past_event(days_ago=30), "recent@exemple.test")
    coming = EventFactory()
    stale = registration(coming, "jamais@exemple.test", status="a_confirmer")
    Registration.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=3))
    fresh = registration(coming, "bientot@exemple.test", status="a_confirmer")
    assert personal_data.purge() == {"registrations_anonymised": 1, "unconfirmed_deleted": 1}
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.name == personal_data.ANONYMISED and old.email.endswith("@invalid")
    assert recent.email == "recent@exemple.test"
    assert set(Registration.objects.filter(event=coming).values_list("pk", flat=True)) == {fresh.pk}
    assert personal_data.purge() == {"registrations_anonymised": 0, "unconfirmed_deleted": 0}


def test_the_purge_is_scheduled_daily_with_the_other_personal_data():
    from django.conf import settings

    from accounts.personal_data import purge

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "accounts.tasks.purge_personal_data" in tasks
    assert purge()["inscriptions"] == {"registrations_anonymised": 0, "unconfirmed_deleted": 0}


def test_registrations_are_in_the_download_and_leave_with_the_account(
    professional, professional_user
):
    event = EventFactory()
    Registration.objects.create(
        event=event,
        name="Sacha Martin",
        email=professional_user.email,
        profile="interne",
        status="confirmee",
        consent_given_at=timezone.now(),
        consent_version="2026-11",
    )
    data = json.loads(professional.get(reverse("accounts:download_my_data")).content)
    assert data["inscriptions"][0]["evenement"] == event.title
    professional.post(reverse("accounts:delete_account"), {"confirm": "SUPPRIMER"})
    assert not Registration.objects.filter(email=professional_user.email).exists()


@override_settings(REGISTRATION_RETENTION_DAYS=200)
def test_the_personal_data_page_states_the_retention_of_registrations(visitor):
    html = visitor.get(reverse("collective:personal_data")).content.decode()
    assert "anonymisées 200 jours après la fin de l’événement" in html


def test_deleting_an_account_without_registrations_changes_nothing():
    user = UserFactory()
    registration(EventFactory(), "autre@exemple.test")
    assert personal_data.delete(user) == 0
    assert Registration.objects.get().email == "autre@exemple.test"
