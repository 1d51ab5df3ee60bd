"""The registration form cannot be used to fill an event, register somebody else, mail a victim
over and over, or learn who is registered (issue 12, issue 13 finding 5)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from agenda.models import Registration
from agenda.registrations import confirm_token
from outbox.models import OutgoingEmail
from tests.agenda.test_registrations import FORM, confirmation_link, post, register_and_confirm
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

NEUTRAL = "Si cette adresse est déjà inscrite, vous recevez un e-mail"


def page_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_three_unconfirmed_visitors_do_not_fill_an_event_of_three(
    visitor, professional, professional_user
):
    event = EventFactory(capacity=3)
    for number in range(3):
        assert post(visitor, event, email=f"inconnu{number}@exemple.test").status_code == 302
    assert set(Registration.objects.values_list("status", flat=True)) == {"a_confirmer"}
    assert "3 places restantes" in visitor.get(event.get_absolute_url()).content.decode()
    # Nobody got a seat, so nobody got a confirmation, an invitation or a cancellation link.
    assert not OutgoingEmail.objects.filter(subject__contains="Inscription confirmée").exists()
    user = verified(professional_user)
    assert post(professional, event, email=user.email).status_code == 302
    assert Registration.objects.get(email=user.email).status == "confirmee"
    assert "2 places restantes" in visitor.get(event.get_absolute_url()).content.decode()


def test_the_confirmation_request_starts_with_the_portals_words(visitor):
    event = EventFactory()
    phishing = "Votre compte est bloqué, appelez le 08 99 00 00 00"
    post(visitor, event, name=phishing, email="victime@exemple.test")
    request = OutgoingEmail.objects.get(to=["victime@exemple.test"])
    assert request.subject.startswith("[VSA] Confirmez votre inscription")
    assert phishing not in request.subject
    first_line, rest = request.body.split("\n", 1)
    assert first_line == "Bonjour,"
    assert rest.index("Informations saisies dans la demande") < rest.index(phishing)
    assert request.attachments == []
    assert "annuler" not in request.body.lower()


def test_a_visitor_takes_a_seat_only_by_following_the_link(visitor):
    event = EventFactory(capacity=1)
    response = post(visitor, event)
    assert NEUTRAL in " ".join(page_messages(response))
    link = confirmation_link(FORM["email"])
    page = visitor.get(link)
    assert page.status_code == 200 and "Confirmer mon inscription" in page.content.decode()
    assert Registration.objects.get().status == "a_confirmer"  # a GET changes nothing
    done = visitor.post(link)
    assert "est confirmée" in done.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "confirmee" and registration.email_confirmed_at
    visitor.post(link)  # twice: still one seat, one confirmation
    assert OutgoingEmail.objects.filter(subject__contains="Inscription confirmée").count() == 1
    assert "Complet" in visitor.get(event.get_absolute_url()).content.decode()


def test_a_forged_confirmation_link_is_404(visitor):
    event = EventFactory()
    post(visitor, event)
    forged = reverse("agenda:confirm", args=[confirm_token(Registration.objects.get()) + "x"])
    assert visitor.post(forged).status_code == 404
    assert Registration.objects.get().status == "a_confirmer"


def test_an_expired_confirmation_link_is_refused(visitor):
    event = EventFactory()
    post(visitor, event)
    link = confirmation_link(FORM["email"])
    with override_settings(REGISTRATION_CONFIRMATION_HOURS=-1):
        response = visitor.post(link)
    assert response.status_code == 410 and "a expiré" in response.content.decode()
    assert Registration.objects.get().status == "a_confirmer"


def test_confirming_after_the_event_is_over_takes_no_seat(visitor):
    event = EventFactory()
    post(visitor, event)
    link = confirmation_link(FORM["email"])
    event.registration_mode = "aucune"
    event.save()
    response = visitor.post(link)
    assert response.status_code == 409 and "closes" in response.content.decode()
    assert Registration.objects.get().status == "a_confirmer"


def test_a_signed_in_user_with_an_unverified_address_confirms_by_e_mail(
    professional, professional_user
):
    event = EventFactory()
    post(professional, event, email=professional_user.email)
    assert Registration.objects.get().status == "a_confirmer"
    assert OutgoingEmail.objects.filter(
        to=[professional_user.email], subject__contains="Confirmez"
    ).exists()


def test_a_signed_in_user_cannot_register_another_address_at_once(professional, professional_user):
    verified(professional_user)
    event = EventFactory()
    post(professional, event, email="quelqu.un.d.autre@exemple.test")
    assert Registration.objects.get().status == "a_confirmer"


def test_the_form_is_prefilled_for_a_signed_in_user(professional, professional_user):
    html = professional.get(EventFactory().get_absolute_url()).content.decode()
    assert f'value="{professional_user.email}"' in html


def test_the_same_address_registers_once_and_the_page_says_nothing(visitor):
    event = EventFactory(capacity=5)
    register_and_confirm(visitor, event)
    last = OutgoingEmail.objects.latest("pk").pk
    again = post(Client(), event, name="Quelqu’un", email="  ALEX@Exemple.TEST ")
    fresh = post(Client(), event, name="Dr Nouveau", email="nouveau@exemple.test")
    assert again.status_code == fresh.status_code == 302
    assert page_messages(again) == page_messages(fresh)
    assert NEUTRAL in page_messages(again)[0]
    assert Registration.objects.filter(email="alex@exemple.test").count() == 1
    assert "4 places restantes" in visitor.get(event.get_absolute_url()).content.decode()
    # The existing registration's links went to the address, and only there.
    links = OutgoingEmail.objects.filter(pk__gt=last, to=["alex@exemple.test"]).get()
    assert links.subject.startswith("[VSA] Votre inscription")
    assert links.body.startswith("Bonjour,\n") and "/inscription/annuler/" in links.body
    assert "Quelqu’un" not in links.body
    # Re-sending is rate-limited: a third request sends nothing more.
    post(visitor, event, email="alex@exemple.test")
    assert OutgoingEmail.objects.filter(pk__gt=last, to=["alex@exemple.test"]).count() == 1


def test_a_second_request_for_a_pending_address_sends_a_fresh_link(visitor):
    event = EventFactory()
    post(visitor, event)
    post(visitor, event, email="Alex@exemple.test")
    assert Registration.objects.count() == 1
    requests = OutgoingEmail.objects.filter(to=[FORM["email"]], subject__contains="Confirmez")
    assert requests.count() == 2
    visitor.post(confirmation_link(FORM["email"]))
    assert Registration.objects.get().status == "confirmee"


def test_after_a_cancellation_the_address_may_register_again(visitor):
    event = EventFactory()
    register_and_confirm(visitor, event)
    from agenda.registrations import cancel

    cancel(Registration.objects.get())
    register_and_confirm(visitor, event)
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "annulee",
        "confirmee",
    ]


def test_the_database_refuses_two_active_registrations_of_one_address():
    event = EventFactory()
    fields = {"name": "A", "profile": "interne", "consent_given_at": event.starts_at}
    Registration.objects.create(event=event, email="a@exemple.test", status="confirmee", **fields)
    Registration.objects.filter(email="a@exemple.test").update(email="A@Exemple.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.bulk_create(  # bulk_create skips save(): the raw address reaches SQL
            [Registration(event=event, email="a@exemple.test", status="attente", **fields)]
        )
    Registration.objects.create(event=event, email="b@exemple.test", status="annulee", **fields)
    Registration.objects.create(event=event, email="b@exemple.test", status="annulee", **fields)
    Registration.objects.create(event=event, email="b@exemple.test", status="confirmee", **fields)


def test_the_migration_keeps_one_registration_per_address():
    """Duplicates saved before the constraint: the seat-holding one stays, others are cancelled."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("agenda.migrations.0002_one_active_registration_per_email")
    constraint = Registration._meta.constraints[0]
    event = EventFactory()
    fields = {"name": "A", "profile": "interne", "consent_given_at": event.starts_at}
    with connection.schema_editor() as editor:
        editor.remove_constraint(Registration, constraint)
    waiting = Registration.objects.create(
        event=event, email="a@exemple.test", status="attente", **fields
    )
    seat = Registration.objects.create(
        event=event, email="a@exemple.test", status="confirmee", **fields
    )
    Registration.objects.filter(pk=seat.pk).update(email=" A@Exemple.test")
    other = Registration.objects.create(
        event=event, email="b@exemple.test", status="attente", **fields
    )
    migration.cancel_duplicates(apps, None)
    with connection.cursor() as cursor:  # the rows' deferred foreign-key checks, before DDL
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        editor.add_constraint(Registration, constraint)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {waiting.pk: "annulee", seat.pk: "confirmee", other.pk: "attente"}
    assert Registration.objects.get(pk=seat.pk).email == "a@exemple.test"


def test_fifteen_requests_for_one_victim_send_few_e_mails(visitor):
    """The issue's reproduction: 15 POSTs with a victim's address, from many clients."""
    events = [EventFactory() for _ in range(3)]
    statuses = [
        visitor.post(
            reverse("agenda:register", args=[events[number % 3].pk]),
            {**FORM, "email": "victime@exemple.test", "name": "Cliquez ici"},
            REMOTE_ADDR=f"203.0.113.{number}",
        ).status_code
        for number in range(15)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert OutgoingEmail.objects.filter(to=["victime@exemple.test"]).count() <= 5


def test_one_client_is_limited_whatever_the_addresses(visitor):
    event = EventFactory(capacity=100)
    statuses = [
        post(visitor, event, email=f"personne{number}@exemple.test").status_code
        for number in range(12)
    ]
    assert statuses[:10] == [302] * 10 and statuses[10:] == [429, 429]
    refused = post(visitor, event, email="encore@exemple.test")
    assert "Trop de demandes" in refused.content.decode()
    assert not Registration.objects.filter(email="encore@exemple.test").exists()
    other_client = visitor.post(
        reverse("agenda:register", args=[event.pk]),
        {**FORM, "email": "ailleurs@exemple.test"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert other_client.status_code == 302


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "vsa_portal.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}


def test_with_redis_down_the_form_works_without_limits(visitor):
    event = EventFactory(capacity=100)
    with override_settings(CACHES=UNREACHABLE_REDIS):
        statuses = {
            post(visitor, event, email=f"p{number}@exemple.test").status_code
            for number in range(12)
        }
        confirmed = register_and_confirm(visitor, event, email="p99@exemple.test")
    assert statuses == {302}
    assert "est confirmée" in confirmed.content.decode()
    assert Registration.objects.count() == 13


def test_a_line_break_in_the_registrants_name_is_refused(visitor, db):
    from django.urls import reverse

    from tests.factories import EventFactory

    event = EventFactory(registration_mode="portail", capacity=10)
    response = visitor.post(
        reverse("agenda:register", args=[event.pk]),
        {
            "name": "Alix\nSubject: gagné",
            "email": "alix@exemple.test",
            "profile": "interne",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert not event.registrations.exists()
