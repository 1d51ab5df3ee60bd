"""Property tests of the matching in the database, against plain Python: the area (a radius
around a commune, or a list of communes) and the dates (periods and weekly patterns, partial
coverage included) on random inputs. Each example runs in a savepoint rolled back after it."""

import math
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from replacements.matching import matching_profiles
from replacements.models import Availability, ReplacementProfile
from territory.models import Commune
from tests.factories import OfferFactory, commune
from tests.replacements.conftest import ProfileFactory

pytestmark = pytest.mark.usefixtures("territory")
DB_EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def km_between(a, b):
    """Great-circle distance between two points (lon, lat), in kilometres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a.x, a.y, b.x, b.y))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def away_from_the_edge(distance, limit):
    """Spheroid and sphere differ by a few tenths of a percent: no example on the very edge."""
    assume(abs(distance - limit) > max(0.5, limit * 0.01))


@pytest.fixture(scope="module")
def commune_codes(django_db_blocker):
    with django_db_blocker.unblock():
        return list(Commune.objects.order_by("insee_code").values_list("insee_code", flat=True))


def rolled_back(check):
    with transaction.atomic():
        check()
        transaction.set_rollback(True)


@DB_EXAMPLES
@given(data=st.data(), radius=st.integers(0, 60), km=st.integers(0, 30))
def test_a_radius_reaches_a_commune_as_far_as_radius_plus_km(commune_codes, data, radius, km):
    centre = commune(data.draw(st.sampled_from(commune_codes)))
    target = commune(data.draw(st.sampled_from(commune_codes)))
    distance = km_between(centre.reference_point, target.reference_point)
    away_from_the_edge(distance, radius + km)

    def check():
        today = timezone.localdate()
        period = Availability.objects.create(
            profile=ProfileFactory(),
            starts_on=today,
            ends_on=today,
            centre=centre,
            radius_km=radius,
        )
        reached = Availability.objects.filter(pk=period.pk).reaching(target, km).exists()
        assert reached is (distance <= radius + km)

    rolled_back(check)


@DB_EXAMPLES
@given(data=st.data(), km=st.integers(0, 30))
def test_a_list_of_communes_reaches_them_and_their_neighbours_within_km(commune_codes, data, km):
    listed = [
        commune(code)
        for code in data.draw(st.sets(st.sampled_from(commune_codes), min_size=1, max_size=4))
    ]
    target = commune(data.draw(st.sampled_from(commune_codes)))
    origin = target.reference_point
    distances = [km_between(c.centroid, origin) for c in listed]
    if km:
        for distance in distances:
            away_from_the_edge(distance, km)
        expected = any(distance <= km for distance in distances)
    else:
        expected = target in listed

    def check():
        today = timezone.localdate()
        period = Availability.objects.create(
            profile=ProfileFactory(), starts_on=today, ends_on=today
        )
        period.communes.set(listed)
        reached = Availability.objects.filter(pk=period.pk).reaching(target, km).exists()
        assert reached is expected

    rolled_back(check)


weekday_sets = st.sets(st.integers(0, 6), max_size=7).map(lambda days: sorted(days))


@st.composite
def spans(draw, max_days=40):
    start = draw(st.integers(0, 60))
    return start, start + draw(st.integers(0, max_days))


@DB_EXAMPLES
@given(
    need=spans(),
    available=st.lists(st.tuples(spans(), weekday_sets), min_size=1, max_size=3),
)
def test_an_offer_matches_fully_partly_or_not_as_a_day_by_day_check_says(need, available):
    today = timezone.localdate()
    need_start, need_end = (today + timedelta(days=offset) for offset in need)
    periods = [
        (today + timedelta(days=first), today + timedelta(days=last), days)
        for (first, last), days in available
    ]
    covered = [
        any(
            start <= day <= end and (not days or day.weekday() in days)
            for start, end, days in periods
        )
        for day in (need_start + timedelta(days=n) for n in range((need_end - need_start).days + 1))
    ]

    def check():
        profile = ProfileFactory()
        for start, end, days in periods:
            Availability.objects.create(
                profile=profile,
                starts_on=start,
                ends_on=end,
                weekdays=days,
                centre=commune("84031"),
                radius_km=10,
            )
        offer = OfferFactory(kind="remplacement_regulier", start_date=need_start, end_date=need_end)
        full, partial = matching_profiles(offer)
        assert (profile in full) is all(covered)
        assert (profile in partial) is (any(covered) and not all(covered))
        # The search's queryset agrees: found iff at least one day is covered.
        found = ReplacementProfile.objects.available(need_start, need_end, commune("84031"))
        assert found.filter(pk=profile.pk).exists() is any(covered)

    rolled_back(check)
