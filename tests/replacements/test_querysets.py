"""The domain rules of the listing: who is listed, which periods are current and in reach."""

from datetime import timedelta

import pytest
from django.utils import timezone

from replacements.models import Availability, ReplacementProfile
from tests.factories import commune
from tests.replacements.conftest import AvailabilityFactory, ProfileFactory

pytestmark = pytest.mark.usefixtures("territory")


def today():
    return timezone.localdate()


def test_listed_needs_consent_a_running_licence_and_a_recent_confirmation():
    listed = ProfileFactory()
    no_consent = ProfileFactory(consent_to_list=False)
    stale = ProfileFactory(confirmed_at=timezone.now() - timedelta(days=95))
    intern = ProfileFactory(status="interne_licence", licence_ends_on=today() + timedelta(days=30))
    licence_over = ProfileFactory(
        status="interne_licence", licence_ends_on=today() - timedelta(days=1)
    )
    shown = set(ReplacementProfile.objects.listed())
    assert shown == {listed, intern}
    assert not shown & {no_consent, stale, licence_over}
    stale.confirm()
    assert stale in ReplacementProfile.objects.listed()


def test_past_periods_disappear_by_themselves():
    past = AvailabilityFactory(
        starts_on=today() - timedelta(days=20), ends_on=today() - timedelta(days=1)
    )
    running = AvailabilityFactory(starts_on=today() - timedelta(days=3), ends_on=today())
    assert list(Availability.objects.current()) == [running]
    assert past not in Availability.objects.current()


def test_overlapping_dates():
    period = AvailabilityFactory()
    start, end = period.starts_on, period.ends_on
    assert period in Availability.objects.overlapping(end, end + timedelta(days=5))
    assert period in Availability.objects.overlapping(start - timedelta(days=5), start)
    assert period not in Availability.objects.overlapping(
        end + timedelta(days=1), end + timedelta(days=9)
    )


def test_a_weekly_pattern_overlaps_only_on_its_weekdays():
    period = AvailabilityFactory(weekdays=[1, 3])  # Tuesdays and Thursdays
    tuesday = period.starts_on + timedelta(days=(1 - period.starts_on.weekday()) % 7)
    wednesday = tuesday + timedelta(days=1)
    assert period in Availability.objects.overlapping(tuesday, tuesday)
    assert period not in Availability.objects.overlapping(wednesday, wednesday)
    assert period in Availability.objects.overlapping(wednesday, wednesday + timedelta(days=1))
    # Inside a subquery too (the search's Exists), where the table gets another alias.
    assert period.profile in ReplacementProfile.objects.available(tuesday, tuesday)
    assert period.profile not in ReplacementProfile.objects.available(wednesday, wednesday)


def test_a_radius_around_a_commune_reaches_nearby_communes_only():
    period = AvailabilityFactory(radius_km=15)  # around Carpentras
    assert period in Availability.objects.reaching(commune("84031"))  # Carpentras itself
    assert period in Availability.objects.reaching(commune("84088"))  # Pernes, about 6 km
    assert period not in Availability.objects.reaching(commune("84089"))  # Pertuis, 50 km off
    # Pertuis is reached if the searcher accepts 40 km more.
    assert period in Availability.objects.reaching(commune("84089"), 40)


def test_a_list_of_communes():
    period = AvailabilityFactory(centre=None)
    period.communes.set([commune("84003")])  # Apt only
    assert period in Availability.objects.reaching(commune("84003"))
    assert period not in Availability.objects.reaching(commune("84031"))
    assert period in Availability.objects.reaching(commune("84031"), 60)


def test_available_combines_listing_dates_place_and_kind():
    period = AvailabilityFactory(kind="regulier")
    AvailabilityFactory(profile=ProfileFactory(consent_to_list=False))
    start, end = period.starts_on, period.ends_on
    carpentras = commune("84031")
    assert list(ReplacementProfile.objects.available(start, end, carpentras)) == [period.profile]
    assert not ReplacementProfile.objects.available(start, end, carpentras, kind="ponctuel")
    assert not ReplacementProfile.objects.available(
        end + timedelta(days=1), end + timedelta(days=3)
    )
