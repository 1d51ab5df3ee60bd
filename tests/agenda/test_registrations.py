import re
import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from agenda.forms import RegistrationForm
from agenda.models import Registration
from agenda.registrations import cancel_token, register
from agenda.tasks import send_reminders
from outbox.models import OutgoingEmail
from tests.factories import EventFactory

FORM = {
    "name": "Dr Alex Durand",
    "email": "alex@exemple.test",
    "profile": "interne",
    "consent": "on",
}


def post(client, event, **changes):
    return client.post(reverse("agenda:register", args=[event.pk]), {**FORM, **changes})


def confirmation_link(email):
    """The path of the newest confirmation link e-mailed to ``email``."""
    request = (
        OutgoingEmail.objects.filter(to=[email], subject__contains="Confirmez votre inscription")
        .order_by("-pk")
        .first()
    )
    assert request is not None, f"no confirmation request sent to {email}"
    return urlsplit(re.search(r"https?://\S+/inscription/confirmer/\S+/", request.body)[0]).path


def register_and_confirm(client, event, **changes):
    """A visitor without an account registers, then confirms from the link of the e-mail."""
    assert post(client, event, **changes).status_code == 302
    response = client.post(confirmation_link(changes.get("email", FORM["email"])))
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_registration_is_confirmed_with_an_ics_then_the_waiting_list(visitor):
    event = EventFactory(capacity=1)
    register_and_confirm(visitor, event)
    register_and_confirm(visitor, event, name="Dr Bea", email="bea@exemple.test")
    first, second = Registration.objects.order_by("pk")
    assert (first.status, second.status) == ("confirmee", "attente")
    assert first.consent_version == Registration.CONSENT_VERSION
    confirmation = OutgoingEmail.objects.get(
        to=["alex@exemple.test"], subject__contains="Inscription confirmée"
    )
    (filename, content, mimetype) = confirmation.attachments[0]
    assert (filename, mimetype) == ("evenement.ics", "text/calendar") and "BEGIN:VEVENT" in content
    waiting = OutgoingEmail.objects.get(to=["bea@exemple.test"], subject__contains="Liste")
    assert "Liste d’attente" in waiting.subject and waiting.attachments == []
    assert "Complet" in visitor.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_cancelling_promotes_the_first_person_waiting(visitor):
    event = EventFactory(capacity=1)
    register_and_confirm(visitor, event)
    register_and_confirm(visitor, event, name="Dr Bea", email="bea@exemple.test")
    register_and_confirm(visitor, event, name="Dr Cam", email="cam@exemple.test")
    post(visitor, event, name="Dr Dan", email="dan@exemple.test")  # never confirmed: no seat
    alex = Registration.objects.get(email="alex@exemple.test")
    url = reverse("agenda:cancel", args=[cancel_token(alex)])
    assert "Annuler votre inscription" in visitor.get(url).content.decode()
    alex.refresh_from_db()
    assert alex.status == "confirmee"  # a GET changes nothing
    visitor.post(url)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "alex@exemple.test": "annulee",
        "bea@exemple.test": "confirmee",
        "cam@exemple.test": "attente",
        "dan@exemple.test": "a_confirmer",
    }
    assert OutgoingEmail.objects.filter(
        to=["bea@exemple.test"], subject__contains="Une place s’est libérée"
    ).exists()
    visitor.post(url)  # twice: nothing more
    assert Registration.objects.filter(status="confirmee").count() == 1


@pytest.mark.django_db
def test_forged_cancellation_link_is_404(visitor):
    event = EventFactory()
    register_and_confirm(visitor, event)
    registration = Registration.objects.get()
    assert (
        visitor.post(reverse("agenda:cancel", args=[cancel_token(registration) + "x"])).status_code
        == 404
    )
    registration.refresh_from_db()
    assert registration.status == "confirmee"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Votre accord est nécessaire"),
        ({"email": "non"}, "Saisissez une adresse de courriel valide"),
    ],
)
def test_invalid_registration_is_refused_with_a_message(visitor, changes, message):
    event = EventFactory()
    response = post(visitor, event, **changes)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_events_without_portal_registration_refuse_it(visitor):
    event = EventFactory(registration_mode="aucune", capacity=None)
    assert post(visitor, event).status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_one_waits(territory):
    """Two real transactions, in two threads, against PostgreSQL: the event row lock decides."""
    event = EventFactory(capacity=1)
    barrier = threading.Barrier(2)
    errors = []
    threads = []
    for email in ("a@exemple.test", "b@exemple.test"):
        form_thread = threading.Thread(
            target=lambda email=email: take_seat_valid(email, barrier, errors, event)
        )
        threads.append(form_thread)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not errors, errors
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["attente", "confirmee"]


def take_seat_valid(email, barrier, errors, event):
    try:
        form = RegistrationForm({**FORM, "email": email})
        assert form.is_valid()
        barrier.wait(5)
        register(event.pk, form, verified=True)
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db
def test_reminder_the_day_before_once(visitor):
    tomorrow = timezone.localtime() + timedelta(days=1)
    event = EventFactory(starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2))
    later = EventFactory(title="Plus tard")
    register_and_confirm(visitor, event)
    register_and_confirm(visitor, later, email="plus.tard@exemple.test")
    post(visitor, event, email="jamais.confirme@exemple.test")
    assert send_reminders() == 1
    assert OutgoingEmail.objects.filter(subject__contains="Rappel").count() == 1
    assert send_reminders() == 0
