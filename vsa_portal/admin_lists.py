"""Admin change lists over tables of national size (offers, dossiers): no full COUNT(*).

Django's admin counts twice per change list: the paginator counts the filtered rows and, unless
``show_full_result_count`` is off, the whole table is counted again. On 100,000 rows each count
reads the table. ``LargeTableAdminMixin`` turns the second one off and gives the first one a
paginator that counts exactly only what is cheap to count:

- no filter and no search: the table's size as PostgreSQL's statistics know it
  (``pg_class.reltuples``, kept up to date by autovacuum's ANALYZE), when it is large;
- filtered, on a large table: the planner's estimate of the filtered rows (``EXPLAIN``) when it
  is more than twice ``EXACT_COUNT_LIMIT``;
- otherwise (or on a small table): an exact count of at most ``EXACT_COUNT_LIMIT + 1`` rows, and
  beyond that the planner's estimate, never below the limit.

An estimate only moves the page count: the rows of each page are always read exactly, and a page
past the real end is an empty page rather than an error.

Once the counts are gone, writing the rows' cells is the page's largest cost (Django's
``items_for_result``: 550 cells a page, each looked up, formatted and escaped). The mixin's change
list keeps each row as written, in this process, under what the row shows (``KeptRows``): the
row's primary key, the values of the fields it lists (a related row by its key and its name),
its object's name for the checkbox, the language, time zone and preserved filters of the page.
A change to any of them is another key, so a kept row is never stale and nothing has to be
forgotten; the oldest rows go first once ``KeptRows.size`` is reached. Kept in memory only, so
that no dossier's name is written anywhere else. The sidebar of filters is kept the same way,
under its filters' choices, the query string and the day (``filters_key``).
"""

import json
import threading
from collections import OrderedDict

from django.contrib.admin import filters, helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.main import ChangeList
from django.contrib.gis.db.models import GeometryField
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import JSONField, TextField
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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
    """The planner's estimate of the number of rows the queryset returns (of its keys only:
    the same rows, a shorter query to write and plan)."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    exact_count_limit = EXACT_COUNT_LIMIT

    @cached_property
    def count(self):
        queryset = self.object_list
        limit = self.exact_count_limit
        table, planned = table_estimate(queryset), None
        if table is not None and table > limit:
            if not queryset.query.where:
                return table
            # Counting up to the limit reads that many rows (1 to 2 ms for 10,000 offers):
            # not when the planner expects far more than that.
            planned = planner_estimate(queryset)
            if planned > 2 * limit:
                return planned
        capped = queryset.order_by()[: limit + 1].count()
        if capped <= limit:
            return capped
        return max(planned or planner_estimate(queryset), capped)


class KeptRows:
    """Rows as written, by what they show; the least recently used go first."""

    def __init__(self, size):
        self.size = size
        self._rows = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            row = self._rows.get(key)
            if row is not None:
                self._rows.move_to_end(key)
            return row

    def put(self, key, row):
        with self._lock:
            self._rows[key] = row
            self._rows.move_to_end(key)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)

    def clear(self):
        with self._lock:
            self._rows.clear()

    def __len__(self):
        return len(self._rows)


kept_rows = KeptRows(size=5_000)  # about 1.5 KB a row: 7.5 MB a worker at most
kept_filters = KeptRows(size=500)  # about 8 KB a sidebar of filters

# Django's filters, whose HTML depends only on their choices and the page's query string (and,
# for dates, on the day); another filter class makes the sidebar written at every page.
KEPT_FILTER_KINDS = (
    filters.AllValuesFieldListFilter,
    filters.BooleanFieldListFilter,
    filters.ChoicesFieldListFilter,
    filters.DateFieldListFilter,
    filters.EmptyFieldListFilter,
    filters.RelatedFieldListFilter,
    filters.RelatedOnlyFieldListFilter,
)


def filters_key(cl):
    """What the change list's sidebar of filters shows, or None when it is not kept (counts
    shown, a filter of another class)."""
    if cl.add_facets:
        return None
    specs = []
    for spec in cl.filter_specs:
        if type(spec) not in KEPT_FILTER_KINDS:
            return None
        specs.append((spec.field_path, repr(getattr(spec, "lookup_choices", None))))
    return (
        *_page_identity(cl),
        tuple(specs),
        repr(sorted(cl.params.items())),
        timezone.localdate(),
    )


def _page_identity(cl):
    """What any kept part of a change list depends on besides its own values."""
    return (
        type(cl.model_admin).__qualname__,
        cl.is_popup,
        str(cl.to_field),
        get_language(),
        timezone.get_current_timezone_name(),
    )


def listed_fields(opts, list_display):
    """The change list's columns as ``(name, field)``, the checkbox's field None; None when a
    column is not one of the row's own fields (an admin method, a many-to-many)."""
    columns = []
    for name in list_display:
        if name == "action_checkbox":
            columns.append((name, None))
            continue
        try:
            field = opts.get_field(name) if isinstance(name, str) else None
        except FieldDoesNotExist:
            field = None
        if field is None or not field.concrete:
            return None
        columns.append((name, field))
    return columns


def _shown_value_readers(cl):
    """For each column of the change list, how to read what its cell shows from a row."""
    columns = listed_fields(cl.lookup_opts, cl.list_display)
    if columns is None:
        return None
    readers = []
    for name, field in columns:
        if field is None:
            readers.append(str)  # the checkbox's label
        elif field.is_relation:
            readers.append(lambda row, name=name: _related_identity(getattr(row, name)))
        else:
            readers.append(lambda row, attname=field.attname: getattr(row, attname))
    return readers


def _related_identity(related):
    return None if related is None else (related.pk, str(related))


def kept_results(cl):
    """The rows of ``admin_list.results(cl)``, each written once per what it shows."""
    readers = _shown_value_readers(cl)
    if cl.formset or readers is None:
        yield from admin_list.results(cl)
        return
    page = (
        *_page_identity(cl),
        tuple(cl.list_display),
        tuple(cl.list_display_links or ()),
        cl.preserved_filters,
    )
    for row in cl.result_list:
        key = (page, row.pk, *(read(row) for read in readers))
        try:
            written = kept_rows.get(key)
        except TypeError:  # a value that cannot be a key (a list, a geometry): written each time
            yield admin_list.ResultList(None, admin_list.items_for_result(cl, row, None))
            continue
        if written is None:
            written = SafeString("".join(admin_list.items_for_result(cl, row, None)))
            kept_rows.put(key, written)
        yield admin_list.ResultList(None, [written])


def kept_result_list(cl):
    """``admin_list.result_list`` with its rows from ``kept_results``."""
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(admin_list.result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": list(kept_results(cl)),
    }


HEAVY_FIELDS = (GeometryField, JSONField, TextField)


def read_columns(model_admin, list_display):
    """The fields a change list's rows read: the row's key and the fields it lists; of a listed
    related row, all but its geometries, texts and JSON (its name reads one of the others).
    None when a column is not a field."""
    opts = model_admin.model._meta
    listed = listed_fields(opts, list_display)
    if listed is None:
        return None
    columns = [opts.pk.name]
    for name, field in listed:
        if field is None:
            continue
        columns.append(name)
        if field.is_relation:
            columns += [
                f"{name}__{related.name}"
                for related in field.related_model._meta.concrete_fields
                if not isinstance(related, HEAVY_FIELDS)
            ]
    return columns


class LargeTableChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Only the rows shown, only what they show: the listed offers' descriptions, snapshots
        # and points, and their communes' outlines, were two thirds of reading a page of them.
        # The actions' queryset (``get_queryset``) keeps every field.
        columns = read_columns(self.model_admin, self.list_display)
        if columns is not None:
            self.result_list = self.result_list.only(*columns)


class LargeTableAdminMixin:
    """For the admin of a table that grows to national size; listed before the admin class."""

    paginator = EstimatedCountPaginator
    change_list_template = "admin/large_table_change_list.html"
    show_full_result_count = False
    # Written once per what they show, the rows are no longer the page's cost (they were 1 to
    # 2.5 ms each under the profiler): 50 a page, what the project lead reads at a glance.
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return LargeTableChangeList

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
