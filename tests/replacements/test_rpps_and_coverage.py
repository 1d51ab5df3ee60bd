"""The RPPS check digit, and the date matching: periods, weekly patterns, partial coverage."""

import itertools
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from replacements.coverage import Period, coverage
from replacements.validators import luhn_valid, validate_rpps, with_check_digit


def test_a_valid_rpps_number_passes():
    validate_rpps(with_check_digit("1012345678"))


@pytest.mark.parametrize("value", ["1234", "1012345678a", "101234567890", ""])
def test_an_rpps_number_needs_eleven_digits(value):
    with pytest.raises(ValidationError, match="11 chiffres"):
        validate_rpps(value)


def test_a_wrong_check_digit_is_refused_in_french():
    good = with_check_digit("1012345678")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_rpps(wrong)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_with_check_digit_always_gives_a_luhn_number(first_ten):
    number = with_check_digit(first_ten)
    assert luhn_valid(number) and number.startswith(first_ten)


def test_partial_coverage_is_cut_into_covered_and_missing_runs():
    """ "Disponible du 3 au 17, pas du 18 au 24"."""
    need = coverage(
        date(2027, 3, 3), date(2027, 3, 24), [Period(date(2027, 3, 1), date(2027, 3, 17))]
    )
    assert not need.is_full
    assert need.covered_runs == [(date(2027, 3, 3), date(2027, 3, 17))]
    assert need.missing_runs == [(date(2027, 3, 18), date(2027, 3, 24))]


def test_two_remplacants_cover_one_need_together():
    first = Period(date(2027, 3, 3), date(2027, 3, 17))
    second = Period(date(2027, 3, 18), date(2027, 3, 30))
    assert not coverage(date(2027, 3, 3), date(2027, 3, 24), [first]).is_full
    assert coverage(date(2027, 3, 3), date(2027, 3, 24), [first, second]).is_full


def test_every_tuesday_and_thursday_from_march_to_june():
    weekly = Period(date(2027, 3, 1), date(2027, 6, 30), (1, 3))
    need = coverage(date(2027, 4, 5), date(2027, 4, 11), [weekly])  # Monday to Sunday
    assert need.covered_runs == [
        (date(2027, 4, 6), date(2027, 4, 6)),
        (date(2027, 4, 8), date(2027, 4, 8)),
    ]
    assert coverage(date(2027, 7, 1), date(2027, 7, 31), [weekly]).is_empty


day_offsets = st.integers(min_value=0, max_value=120)
BASE = date(2027, 1, 1)


@st.composite
def periods(draw):
    start = BASE + timedelta(days=draw(day_offsets))
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
    weekdays = tuple(sorted(draw(st.sets(st.integers(min_value=0, max_value=6), max_size=7))))
    return Period(start, end, weekdays)


@given(periods(), st.lists(periods(), max_size=4))
def test_coverage_agrees_with_a_day_by_day_check(need, available):
    result = coverage(need.starts_on, need.ends_on, available)
    # The runs partition the need, in order, alternating covered and missing.
    assert result.runs[0][0] == need.starts_on and result.runs[-1][1] == need.ends_on
    for (_a, last, covered), (first, _b, next_covered) in itertools.pairwise(result.runs):
        assert first == last + timedelta(days=1) and covered != next_covered
    for first, last, covered in result.runs:
        day = first
        while day <= last:
            expected = any(
                p.starts_on <= day <= p.ends_on and (not p.weekdays or day.weekday() in p.weekdays)
                for p in available
            )
            assert expected is covered
            day += timedelta(days=1)
    # Dates that do not overlap are never covered.
    if all(p.ends_on < need.starts_on or p.starts_on > need.ends_on for p in available):
        assert result.is_empty
