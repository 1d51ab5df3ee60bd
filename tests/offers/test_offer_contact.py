import json
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.urls import reverse

from offers.models import OfferContact
from outbox.models import OutgoingEmail
from outbox.tasks import MAX_ATTEMPTS, send_email, sweep_unsent
from tests.factories import OfferFactory, OrganisationFactory
from tests.helpers.processes import run_in_django_process
from vsa_portal import page_cache
from vsa_portal.celery import app

FORM = {
    "name": "Dr Alex Durand",
    "email": "alex.durand@exemple.test",
    "phone": "06 12 34 56 78",
    "status": "remplacant",
    "message": "Bonjour, je suis remplaçant depuis deux ans et votre offre m’intéresse.",
    "consent": "on",
}


def post_contact(client, offer, **changes):
    return client.post(reverse("offers:contact", args=[offer.pk]), {**FORM, **changes})


@pytest.mark.django_db
def test_contact_is_saved_then_emails_are_queued(visitor, django_capture_on_commit_callbacks):
    offer = OfferFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        response = post_contact(visitor, offer)
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url() + "#contact"
    contact = OfferContact.objects.get()
    assert (contact.offer, contact.name, contact.status) == (offer, "Dr Alex Durand", "remplacant")
    assert contact.consent_version == OfferContact.CONSENT_VERSION and contact.consent_given_at
    offer.refresh_from_db()
    assert offer.contacts_count == 1
    to_poster, receipt = OutgoingEmail.objects.order_by("pk")
    assert to_poster.to == [offer.contact_email]
    assert to_poster.cc == [settings.PORTAL["PROJECT_LEAD_EMAIL"]]
    assert to_poster.reply_to == ["alex.durand@exemple.test"]
    assert "votre offre m’intéresse" in to_poster.body
    assert receipt.to == ["alex.durand@exemple.test"]
    # one hand-over to Celery per e-mail, after the commit (besides the page cache's generation)
    hand_overs = [callback for callback in callbacks if callback is not page_cache.new_generation]
    assert len(hand_overs) == 2


@pytest.mark.django_db
def test_confirmation_message_after_sending(visitor):
    offer = OfferFactory()
    response = post_contact(visitor, offer)
    html = visitor.get(response["Location"]).content.decode()
    assert "Votre message a été transmis" in html


@pytest.mark.django_db
def test_anonymous_offer_contact_goes_to_the_project_lead_only(
    visitor, django_capture_on_commit_callbacks
):
    offer = OfferFactory(is_anonymous=True, organisation=OrganisationFactory(name="Cabinet caché"))
    post_contact(visitor, offer)
    relay, receipt = OutgoingEmail.objects.order_by("pk")
    assert relay.to == [settings.PORTAL["PROJECT_LEAD_EMAIL"]]
    assert relay.cc == []
    assert offer.contact_email in relay.body  # the project lead knows whom to relay to
    assert offer.contact_email not in receipt.body
    assert "Cabinet caché" not in receipt.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": ""}, "Votre accord est nécessaire"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"name": ""}, "Ce champ est obligatoire"),
        ({"status": "astronaute"}, "Sélectionnez un choix valide"),
        ({"message": "x" * 5001}, "5000"),
    ],
)
def test_invalid_contact_form_shows_errors_and_saves_nothing(visitor, changes, error):
    offer = OfferFactory()
    response = post_contact(visitor, offer, **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le formulaire contient des erreurs" in html
    assert error in html
    assert not OfferContact.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_contact_on_a_filled_offer_is_refused(visitor):
    from django.utils import timezone

    offer = OfferFactory(filled_on=timezone.localdate())
    response = post_contact(visitor, offer)
    assert response.status_code == 400
    assert not OfferContact.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "rejected"])
def test_contact_on_an_unpublished_offer_is_404(visitor, status):
    offer = OfferFactory(status=status)
    assert post_contact(visitor, offer).status_code == 404
    assert not OfferContact.objects.exists()


@pytest.mark.django_db
def test_contact_page_refuses_get(visitor):
    offer = OfferFactory()
    assert visitor.get(reverse("offers:contact", args=[offer.pk])).status_code == 405


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_with_backoff_and_the_email_kept(settings):
    """Run eagerly, the retries happen at once: all of them fail, the row keeps the error."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    email = OutgoingEmail.objects.create(to=["x@exemple.test"], subject="Test", body="Corps")
    result = send_email.apply(args=[email.pk])
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == MAX_ATTEMPTS
    assert "ConnectionRefusedError" in email.last_error
    assert result.get() == "failed"
    assert (
        sweep_unsent(older_than_minutes=0) == 0
    )  # given up: the project lead sees it in the admin


@pytest.mark.django_db
def test_sending_twice_sends_once():
    email = OutgoingEmail.objects.create(to=["x@exemple.test"], subject="Une fois", body="Corps")
    assert send_email.apply(args=[email.pk]).get() == "sent"
    assert send_email.apply(args=[email.pk]).get() == "already sent or being sent"
    assert [message.subject for message in mail.outbox] == ["Une fois"]


@pytest.mark.django_db(transaction=True)
def test_contact_is_saved_even_when_the_broker_is_down(territory):
    """The form is posted by another process whose broker URL points at a closed port."""
    offer = OfferFactory()
    result, log = run_in_django_process(
        "from django.test import Client\n"
        f"r = Client().post('/exercer/offres/{offer.pk}/contact/', {json.dumps(FORM)})\n"
        "print(json.dumps({'status': r.status_code}))",
        CELERY_BROKER_URL="redis://127.0.0.1:1/11",
    )
    assert result == {"status": 302}
    assert "stays queued for the sweep" in log
    contact = OfferContact.objects.get()
    assert contact.name == FORM["name"]
    unsent = OutgoingEmail.objects.unsent()
    assert unsent.count() == 2

    # The broker is back: the sweep hands the e-mails to a real worker, which sends each once.
    OutgoingEmail.objects.update(created_at=contact.created_at.replace(year=2020))
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert sweep_unsent() == 2
        for _ in range(100):
            if not OutgoingEmail.objects.unsent().exists():
                break
            time.sleep(0.1)
    assert not OutgoingEmail.objects.unsent().exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [offer.contact_email, FORM["email"]]
    )


@pytest.mark.django_db
def test_without_a_configured_address_the_administrators_receive_the_copy(
    visitor, settings, project_lead_user
):
    settings.PORTAL = {**settings.PORTAL, "PROJECT_LEAD_EMAIL": ""}
    offer = OfferFactory(is_anonymous=True)
    post_contact(visitor, offer)
    relay = OutgoingEmail.objects.order_by("pk").first()
    assert relay.to == [project_lead_user.email]


@pytest.mark.django_db
def test_the_sweep_leaves_emails_in_a_retry_chain_to_their_task():
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(hours=3)
    OutgoingEmail.objects.create(
        to=["a@exemple.test"],
        subject="en reprise",
        body="a",
        attempts=2,
        last_attempt_at=timezone.now(),
    )
    OutgoingEmail.objects.create(
        to=["b@exemple.test"], subject="perdu", body="b", attempts=2, last_attempt_at=long_ago
    )
    OutgoingEmail.objects.create(to=["c@exemple.test"], subject="jamais tenté", body="c")
    OutgoingEmail.objects.create(
        to=["d@exemple.test"],
        subject="abandonné",
        body="d",
        attempts=MAX_ATTEMPTS,
        last_attempt_at=long_ago,
    )
    OutgoingEmail.objects.create(to=["e@exemple.test"], subject="tout neuf", body="e")
    OutgoingEmail.objects.exclude(subject="tout neuf").update(created_at=long_ago)
    assert set(OutgoingEmail.objects.to_sweep().values_list("subject", flat=True)) == {
        "perdu",
        "jamais tenté",
    }
