"""Which days of a need an availability covers: pure functions on dates, so that the matching
of periods and weekly patterns is tested on random inputs (tests/replacements/test_coverage.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date
    weekdays: tuple = ()  # Monday = 0; empty: every day of the period

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on and (
            not self.weekdays or day.weekday() in self.weekdays
        )


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def covered_days(start, end, periods):
    """The days of [start, end] that at least one period covers."""
    return {day for day in days(start, end) if any(period.covers(day) for period in periods)}


def runs(start, end, covered):
    """[start, end] cut into consecutive runs: (first day, last day, covered?)."""
    result = []
    for day in days(start, end):
        is_covered = day in covered
        if result and result[-1][2] == is_covered and result[-1][1] + timedelta(days=1) == day:
            result[-1] = (result[-1][0], day, is_covered)
        else:
            result.append((day, day, is_covered))
    return result


@dataclass(frozen=True)
class Coverage:
    start: date
    end: date
    runs: tuple

    @property
    def is_full(self):
        return all(covered for _first, _last, covered in self.runs)

    @property
    def is_empty(self):
        return not any(covered for _first, _last, covered in self.runs)

    @property
    def covered_runs(self):
        return [(first, last) for first, last, covered in self.runs if covered]

    @property
    def missing_runs(self):
        return [(first, last) for first, last, covered in self.runs if not covered]


# A need longer than this is not cut day by day (a year of weekly patterns is enough).
MAX_NEED_DAYS = 400


def coverage(start, end, periods):
    end = min(end, start + timedelta(days=MAX_NEED_DAYS))
    return Coverage(start, end, tuple(runs(start, end, covered_days(start, end, periods))))
