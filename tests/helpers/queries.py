"""Query-count assertions: every list page keeps a small constant number of queries."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY_BUDGET = 12


@contextmanager
def assert_max_queries(limit=QUERY_BUDGET):
    """Fail if the block runs more than ``limit`` queries; print them when it does."""
    with CaptureQueriesContext(connection) as context:
        yield context
    executed = len(context.captured_queries)
    if executed > limit:
        listing = "\n".join(f"  {query['sql']}" for query in context.captured_queries)
        raise AssertionError(f"{executed} queries, budget {limit}:\n{listing}")
