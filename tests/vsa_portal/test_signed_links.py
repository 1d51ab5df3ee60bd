"""Signed links in e-mails (unsubscribe from an alert, cancel a registration) expire, and say
so in French."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.alerts import unsubscribe_url
from accounts.models import SavedSearch
from agenda.models import Registration
from agenda.registrations import cancel_token
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_long_ago(monkeypatch, days, make_link):
    """A link signed ``days`` ago (the signer's clock moved back while it signs)."""
    then = time.time() - days * 86400
    with monkeypatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: then)
        return make_link()


def test_an_old_unsubscribe_link_has_expired(visitor, monkeypatch):
    saved = SavedSearch.objects.create(
        user=UserFactory(), name="Mazan", querystring="", frequency=SavedSearch.Frequency.WEEKLY
    )
    url = signed_long_ago(monkeypatch, 200, lambda: unsubscribe_url(saved))
    response = visitor.post(url)
    assert response.status_code == 410
    assert "Ce lien de désabonnement a expiré" in response.content.decode()
    saved.refresh_from_db()
    assert saved.is_active
    fresh = visitor.get(unsubscribe_url(saved))
    assert fresh.status_code == 200


def registration(event):
    return Registration.objects.create(
        event=event,
        name="Dr Bea",
        email="bea@exemple.test",
        profile="interne",
        status="confirmed",
        consent_given_at=timezone.now(),
    )


def test_a_cancellation_link_expires_when_the_event_is_over(visitor):
    past = timezone.now() - timedelta(days=2)
    registration_ = registration(EventFactory(starts_at=past, ends_at=past + timedelta(hours=2)))
    url = reverse("agenda:cancel", args=[cancel_token(registration_)])
    response = visitor.post(url)
    assert response.status_code == 410
    assert "Ce lien d’annulation a expiré" in response.content.decode()
    registration_.refresh_from_db()
    assert registration_.status == "confirmed"


def test_a_cancellation_link_older_than_a_year_has_expired(visitor, monkeypatch):
    registration_ = registration(EventFactory())
    token = signed_long_ago(monkeypatch, 400, lambda: cancel_token(registration_))
    response = visitor.get(reverse("agenda:cancel", args=[token]))
    assert response.status_code == 410
    assert visitor.get(reverse("agenda:cancel", args=["forged"])).status_code == 404
