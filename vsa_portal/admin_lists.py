"""Admin change lists over tables of national size (offers, dossiers): no full COUNT(*).

Django's admin counts twice per change list: the paginator counts the filtered rows and, unless
``show_full_result_count`` is off, the whole table is counted again. On 100,000 rows each count
reads the table. ``LargeTableAdminMixin`` turns the second one off and gives the first one a
paginator that counts exactly only what is cheap to count:

- no filter and no search: the table's size as PostgreSQL's statistics know it
  (``pg_class.reltuples``, kept up to date by autovacuum's ANALYZE), when it is large;
- otherwise (or on a small table): an exact count of at most ``EXACT_COUNT_LIMIT + 1`` rows, and
  beyond that the planner's estimate of the filtered rows (``EXPLAIN``), never below the limit.

An estimate only moves the page count: the rows of each page are always read exactly, and a page
past the real end is an empty page rather than an error.
"""

import json

from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

EXACT_COUNT_LIMIT = 10_000


def table_estimate(queryset):
    """The number of rows PostgreSQL's statistics give the queryset's table, or None when the
    table was never analysed."""
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] >= 0 else None


def planner_estimate(queryset):
    """The planner's estimate of the number of rows the queryset returns."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    exact_count_limit = EXACT_COUNT_LIMIT

    @cached_property
    def count(self):
        queryset = self.object_list
        if not queryset.query.where:
            estimate = table_estimate(queryset)
            if estimate is not None and estimate > self.exact_count_limit:
                return estimate
        capped = queryset.order_by()[: self.exact_count_limit + 1].count()
        if capped <= self.exact_count_limit:
            return capped
        return max(planner_estimate(queryset), capped)


class LargeTableAdminMixin:
    """For the admin of a table that grows to national size; listed before the admin class."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # Once the counts are gone, rendering the rows is the cost of the page (1 to 2.5 ms a row
    # under the profiler on the bench machine), not reading them.
    list_per_page = 50

    def action_checkbox(self, obj):
        """Django's checkbox, the same HTML, without rendering a widget's two templates for
        each row (a quarter of the rows' time)."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )
