"""The remplaçant's side: the profile with its checked RPPS number, availability, the
three-month confirmation and the consent withdrawn in one click."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from replacements.models import Availability, ReplacementProfile
from tests.factories import profession
from tests.replacements.conftest import VALID_RPPS, AvailabilityFactory, ProfileFactory, client_for

pytestmark = pytest.mark.usefixtures("territory")
MY_PROFILE = reverse("replacements:my_profile")


def profile_data(**changes):
    data = {
        "profession": profession("medecine-generale").pk,
        "status": "these",
        "rpps": VALID_RPPS,
        "secretariat": "indifferent",
        "name_display": "initiales",
        "consent_to_list": "on",
        "fee_share": "75",
    }
    data.update(changes)
    return data


def test_a_visitor_is_asked_to_log_in(visitor):
    assert visitor.get(MY_PROFILE).status_code == 302


def test_a_professional_creates_their_profile(professional, professional_user):
    assert professional.get(MY_PROFILE).status_code == 200
    response = professional.post(MY_PROFILE, profile_data())
    assert response.status_code == 302
    profile = ReplacementProfile.objects.get(user=professional_user)
    assert profile.consent_given_at is not None and not profile.verified
    assert profile in ReplacementProfile.objects.listed()


def test_a_wrong_rpps_number_is_explained_in_french(professional):
    response = professional.post(
        MY_PROFILE,
        profile_data(
            rpps=VALID_RPPS[:-1] + "0" if VALID_RPPS[-1] != "0" else VALID_RPPS[:-1] + "1"
        ),
    )
    assert response.status_code == 400
    assert "clé de contrôle" in response.content.decode()
    response = professional.post(MY_PROFILE, profile_data(rpps="123"))
    assert "11 chiffres" in response.content.decode()
    assert not ReplacementProfile.objects.exists()


def test_an_intern_gives_the_end_of_their_licence(professional):
    response = professional.post(MY_PROFILE, profile_data(status="interne_licence"))
    assert response.status_code == 400
    assert "date de fin de votre licence" in response.content.decode()


def test_the_remplacant_publishes_and_removes_availability(remplacant):
    start = timezone.localdate() + timedelta(days=10)
    response = remplacant.post(
        reverse("replacements:add_availability"),
        {
            "kind": "regulier",
            "starts_on": start.isoformat(),
            "ends_on": (start + timedelta(days=90)).isoformat(),
            "weekdays": ["1", "3"],
            "centre": "carpentras",
            "radius_km": "25",
        },
    )
    assert response.status_code == 302
    period = Availability.objects.get(profile__user=remplacant.user)
    assert period.weekdays == [1, 3] and period.point is not None
    page = remplacant.get(MY_PROFILE).content.decode()
    assert "mardi, jeudi" in page
    remplacant.post(reverse("replacements:delete_availability", args=[period.pk]))
    assert not Availability.objects.exists()


def test_availability_needs_a_place_and_dates_in_order(remplacant):
    start = timezone.localdate() + timedelta(days=10)
    response = remplacant.post(
        reverse("replacements:add_availability"),
        {
            "kind": "ponctuel",
            "starts_on": start.isoformat(),
            "ends_on": (start - timedelta(days=2)).isoformat(),
            "radius_km": "25",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "La date de fin précède la date de début." in page
    assert "Choisissez une commune et un rayon" in page


def test_nobody_removes_another_remplacants_availability(remplacant):
    other = AvailabilityFactory()
    response = remplacant.post(reverse("replacements:delete_availability", args=[other.pk]))
    assert response.status_code == 404
    assert Availability.objects.filter(pk=other.pk).exists()


def test_consent_is_withdrawn_in_one_click(remplacant):
    response = remplacant.post(reverse("replacements:withdraw"))
    assert response.status_code == 302
    assert not ReplacementProfile.objects.listed().filter(user=remplacant.user).exists()


def test_a_stale_listing_is_hidden_until_its_owner_confirms_it(territory):
    profile = ProfileFactory(confirmed_at=timezone.now() - timedelta(days=100))
    client = client_for(profile.user)
    assert "masquée jusqu’à ce que vous la confirmiez" in client.get(MY_PROFILE).content.decode()
    client.post(reverse("replacements:confirm"))
    assert profile in ReplacementProfile.objects.listed()


def test_the_owner_is_reminded_a_week_before_the_listing_is_hidden(territory):
    from outbox.models import OutgoingEmail
    from replacements.tasks import remind_unconfirmed_listings

    due = ProfileFactory(confirmed_at=timezone.now() - timedelta(days=86))
    ProfileFactory(confirmed_at=timezone.now() - timedelta(days=30))  # not yet
    ProfileFactory(confirmed_at=timezone.now() - timedelta(days=100))  # already hidden
    ProfileFactory(confirmed_at=timezone.now() - timedelta(days=86), consent_to_list=False)
    ProfileFactory(confirmed_at=timezone.now() - timedelta(days=86), is_demo=True)
    assert remind_unconfirmed_listings() == 1
    email = OutgoingEmail.objects.get(subject__contains="Confirmez votre annonce")
    assert email.to == [due.user.email]
    assert due.hidden_on.strftime("%Y") in email.body and MY_PROFILE in email.body
    assert remind_unconfirmed_listings() == 0  # once

    # Confirmed after the reminder, then due again three months later: reminded again.
    client_for(due.user).post(reverse("replacements:confirm"))
    assert remind_unconfirmed_listings() == 0
    ReplacementProfile.objects.filter(pk=due.pk).update(
        confirmation_reminded_at=timezone.now() - timedelta(days=95),
        confirmed_at=timezone.now() - timedelta(days=88),
    )
    assert remind_unconfirmed_listings() == 1


def test_the_reminders_run_each_morning():
    from vsa_portal import celery_app

    entry = celery_app.conf.beat_schedule["replacement-confirmation-reminders"]
    assert entry["task"] == "replacements.tasks.remind_unconfirmed_listings"
