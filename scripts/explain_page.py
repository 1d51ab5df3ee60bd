"""Where a page's time goes, on the bench database: each query it runs with its
EXPLAIN (ANALYZE, BUFFERS) plan, in-process timings and a cProfile of the rendering.

    DATABASE_URL=postgis://vsa:vsa@127.0.0.1:5432/vsa_bench \\
      .venv/bin/python scripts/explain_page.py /exercer/communes/avignon/ [--offer] [--runs 40]

``--offer`` takes the first offer of the list page (as the bench does) instead of the path;
``--staff`` signs in as the bench's project lead (for the admin's change lists).
Everything runs in a transaction that is rolled back: EXPLAIN ANALYZE of an UPDATE (a view
counter) changes nothing.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import re
import runpy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsa_portal.settings.production")
os.environ.setdefault("SECRET_KEY", "explain-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")


def main():
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="/")
    parser.add_argument("--offer", action="store_true")
    parser.add_argument("--staff", action="store_true")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if not connection.settings_dict["NAME"].endswith("_bench"):
        sys.exit("Run this on a bench database (its name ends in _bench).")
    client = Client(HTTP_HOST="localhost")
    client.cookies["sessionid"] = "an-expired-session"  # rendered each time: no page cache
    if args.staff:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            runpy.run_path(str(Path(__file__).with_name("bench_staff_session.py")))
        name, value = printed.getvalue().strip().split("=", 1)
        client.cookies[name] = value
    path = args.path
    if args.offer:
        listing = client.get("/exercer/offres/").content.decode()
        path = re.search(r'href="(/exercer/offres/\d+-[^"]+/)"', listing).group(1)

    with transaction.atomic():
        for _ in range(3):
            assert client.get(path).status_code == 200
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"# {path}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms in-process")

        with CaptureQueriesContext(connection) as context:
            client.get(path)
        print(f"\n## {len(context.captured_queries)} queries\n")
        with connection.cursor() as cursor:
            for number, query in enumerate(context.captured_queries, 1):
                sql = query["sql"]
                print(f"### {number}. {query['time']} s\n{sql}\n")
                if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
                    continue
                cursor.execute("SAVEPOINT explain")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()), "\n")
                cursor.execute("ROLLBACK TO SAVEPOINT explain")

        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            client.get(path)
        profile.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
            print(f"\n## cProfile, {args.runs} requests, by {order}\n{out.getvalue()}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
