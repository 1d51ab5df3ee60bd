"""Retention: the owner of a dossier is warned by e-mail the warning period before it is
anonymised, and it is anonymised only once warned; any new contact starts the clock again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox.models import OutgoingEmail
from support import personal_data
from support.enums import DossierStatus
from support.models import ANONYMISED, Dossier
from support.tasks import warn_before_anonymisation
from tests.factories import DossierFactory


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.SUPPORT_RETENTION_DAYS = 100
    settings.SUPPORT_RETENTION_WARNING_DAYS = 14


def quiet_for(days, **fields):
    dossier = DossierFactory(status=DossierStatus.CLOSED, **fields)
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return dossier


def warnings_to(address):
    return OutgoingEmail.objects.filter(to__contains=[address], subject__contains="anonymisé")


def test_the_owner_is_warned_once_two_weeks_before(db):
    soon = quiet_for(90, email="bientot@exemple.test")
    quiet_for(80, email="plus-tard@exemple.test")
    DossierFactory(status=DossierStatus.IN_PROGRESS, email="ouvert@exemple.test")
    assert warn_before_anonymisation() == 1
    assert warn_before_anonymisation() == 0  # idempotent
    email = warnings_to("bientot@exemple.test").get()
    assert soon.reference in email.body and "écrire un message" in email.body
    assert not warnings_to("plus-tard@exemple.test").exists()
    assert not warnings_to("ouvert@exemple.test").exists()
    soon.refresh_from_db()
    assert soon.retention_warned_at is not None
    # The warning is not a contact: the dossier's clock did not move.
    assert soon.updated_at < timezone.now() - timedelta(days=89)


def test_a_dossier_is_anonymised_only_after_its_owner_was_warned(db):
    stale = quiet_for(120, email="ancien@exemple.test", spouse_job="infirmière")
    # Never warned (a dossier older than the warning itself): not anonymised yet.
    assert personal_data.purge() == 0
    warn_before_anonymisation()
    assert personal_data.purge() == 0  # warned today: two weeks to react
    Dossier.objects.filter(pk=stale.pk).update(
        retention_warned_at=timezone.now() - timedelta(days=15)
    )
    assert personal_data.purge() == 1
    stale.refresh_from_db()
    assert stale.first_name == ANONYMISED and stale.spouse_job == ""
    assert stale.status == DossierStatus.CLOSED  # what the figures count stays


def test_a_new_contact_after_the_warning_keeps_the_dossier(db, professional_user):
    dossier = quiet_for(120, requester=professional_user)
    Dossier.objects.filter(pk=dossier.pk).update(
        retention_warned_at=timezone.now() - timedelta(days=20)
    )
    dossier.refresh_from_db()
    dossier.touch_contact(professional_user)  # they wrote a message
    assert personal_data.purge() == 0
    dossier.refresh_from_db()
    assert dossier.first_name != ANONYMISED
    # Months later, quiet again (the old warning predates that contact): a new warning comes
    # before anything happens.
    Dossier.objects.filter(pk=dossier.pk).update(
        updated_at=timezone.now() - timedelta(days=110),
        retention_warned_at=timezone.now() - timedelta(days=130),
    )
    assert personal_data.purge() == 0
    assert warn_before_anonymisation() == 1
