"""Load each public page over loopback from this separate process; write a Markdown table and a
JSON file with p50/p95, queries per request, size and the ratio to the cheapest Django view."""

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shlex
import statistics
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

VAUCLUSE = "4.6,43.6,5.8,44.5"
AVIGNON_AREA = "4.75,43.88,4.95,44.0"
CITY_CENTRE = "4.80,43.94,4.82,43.955"

PAGES = [
    ("cheapest Django view (robots.txt)", "/robots.txt"),
    ("floor: the base layout (legal notice)", "/collectif/mentions-legales/"),
    ("home", "/"),
    ("Exercer (landing, figures, map)", "/exercer/"),
    ("S’installer", "/s-installer/"),
    ("Internes", "/internes/"),
    ("agenda (upcoming events)", "/agenda/"),
    ("agenda month calendar", "/agenda/calendrier/"),
    ("agenda iCalendar feed", "/agenda/flux.ics?kind=formation"),
    ("Le collectif", "/collectif/"),
    ("offer list, no filter", "/exercer/offres/"),
    ("offer list, 1 filter", "/exercer/offres/?kind=collaboration"),
    (
        "offer list, 3 filters",
        "/exercer/offres/?kind=collaboration&near=carpentras&km=20&housing=on",
    ),
    (
        "offer list, 3 filters, sorted by distance",
        "/exercer/offres/?kind=collaboration&near=carpentras&km=20&housing=on&tri=proches",
    ),
    ("offer detail", "{offer}"),
    ("offers map page", "/exercer/offres/carte/?kind=collaboration"),
    ("layer offers, zoom 9 (département)", f"/carte/couches/offres.geojson?bbox={VAUCLUSE}&zoom=9"),
    (
        "layer offers, zoom 12 (Avignon area)",
        f"/carte/couches/offres.geojson?bbox={AVIGNON_AREA}&zoom=12",
    ),
    (
        "layer offers, zoom 15 (city centre)",
        f"/carte/couches/offres.geojson?bbox={CITY_CENTRE}&zoom=15",
    ),
    ("layer facilities, zoom 9", f"/carte/couches/etablissements.geojson?bbox={VAUCLUSE}&zoom=9"),
    (
        "layer facilities, zoom 12",
        f"/carte/couches/etablissements.geojson?bbox={AVIGNON_AREA}&zoom=12",
    ),
    (
        "layer facilities, zoom 15",
        f"/carte/couches/etablissements.geojson?bbox={CITY_CENTRE}&zoom=15",
    ),
    ("layer zoning, zoom 9", f"/carte/couches/zonage.geojson?bbox={VAUCLUSE}&zoom=9"),
    ("layer events, zoom 9", f"/carte/couches/evenements.geojson?bbox={VAUCLUSE}&zoom=9"),
    ("housing list, no filter", "/s-installer/logements/"),
    ("housing list, near a commune", "/s-installer/logements/?near=avignon&km=10"),
    ("layer housing, zoom 9", f"/carte/couches/logements.geojson?bbox={VAUCLUSE}&zoom=9"),
    ("internship sites, housing within 10 km", "/internes/terrains-de-stage/?logements_km=10"),
    ("aids catalogue", "/s-installer/aides/"),
    ("aids simulator", "/s-installer/simulateur/?commune=avignon"),
    ("site search", "/recherche/?q=collaboration+carpentras"),
    ("support request form", "/accompagnement/demande/"),
    ("commune page (Avignon)", "/exercer/communes/avignon/"),
    ("commune list", "/exercer/communes/"),
    ("facility list", "/exercer/etablissements/"),
]

# The admin's change lists of the largest tables, as the project lead (not a superuser).
ADMIN_PAGES = [
    ("admin: offers", "/admin/offers/offer/"),
    ("admin: offers, filtered (published)", "/admin/offers/offer/?status__exact=published"),
    ("admin: offer contacts", "/admin/offers/offercontact/"),
    ("admin: support dossiers", "/admin/support/dossier/"),
    ("admin: housing", "/admin/housing/housing/"),
]
BUDGET_RATIO_ADMIN = 5
BUDGET_GROWTH = 1.3
EXPIRED_SESSION = "sessionid=bench-expired-session"  # renders the page: no page cache for it
NOT_PAGE_CACHED = ("/robots.txt", "/carte/couches/", "/admin/")

WEIGHT_PAGES = [
    ("home", "/"),
    ("Exercer (map)", "/exercer/"),
    ("offer list", "/exercer/offres/"),
    ("offer detail", "{offer}"),
    ("offers map", "/exercer/offres/carte/"),
    ("commune page", "/exercer/communes/avignon/"),
]

# p95 budgets as multiples of the floor page's p95 (issue 22): map layers 2x, every other page 3x
BUDGET_RATIO_LAYER = 2.0
BUDGET_RATIO_PAGE = 3.0
BUDGET_QUERIES = 12
FLOOR_PAGE = "floor: the base layout (legal notice)"
BUDGET_KB = 100
CHROMIUM = "/usr/bin/chromium"
# as tests/helpers/browser.py launches it: the Debian Chromium, no network of its own
CHROMIUM_FLAGS = shlex.split(
    "--headless --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --no-first-run"
)


def fetch(url, cookie=None):
    headers = {"Accept-Encoding": "identity", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, elapsed, body, int(response.headers.get("X-Query-Count", -1))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# every gunicorn worker answers its first requests slowly (imports, connections): warm them all
WARM_UPS = 3 + 2 * int(os.environ.get("WORKERS", "2"))


WARM_PATHS = ["/robots.txt", "/", "/exercer/offres/", "/exercer/communes/avignon/"]


def warm_up(base, paths=WARM_PATHS, cookie=EXPIRED_SESSION):
    """Every worker's first requests are slow (imports, connections, caches of the process);
    sync workers take connections from one socket, not in turn: knock at all of them at once.
    The admin's pages are knocked at with the project lead's cookie before they are measured
    (a worker's first change list compiles the admin's templates and writes its rows)."""

    def knock():
        for _ in range(3):
            for path in paths:
                with contextlib.suppress(urllib.error.URLError):
                    fetch(base + path, cookie)

    threads = [
        threading.Thread(target=knock) for _ in range(2 * int(os.environ.get("WORKERS", "2")))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure(base, path, requests, cookie=None):
    for _ in range(WARM_UPS):
        fetch(base + path, cookie)
    times, queries, size, status = [], 0, 0, 0
    for _ in range(requests):
        status, elapsed, body, queries = fetch(base + path, cookie)
        times.append(elapsed)
        size = len(body)
    return {
        "status": status,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": queries,
        "bytes": size,
        "gzip_bytes": len(gzip.compress(body)),
    }


def other_offer(base):
    """An offer of another server's database (its pks differ), as the bench picks one."""
    try:
        list_html = fetch(base + "/exercer/offres/")[2].decode()
        return re.search(r'href="(/exercer/offres/\d+-[^"]+/)"', list_html).group(1)
    except (urllib.error.URLError, AttributeError):
        return None


def on_other_server(path, offer):
    """The path on another server: its own offer (``other_offer``) for the offer detail."""
    return offer if offer and re.fullmatch(r"/exercer/offres/\d+-[^/]+/", path) else path


def measure_elsewhere(rows, requests, base, prefix, cookie=None):
    """The same pages rendered without the page cache (``cookie``: an expired session, as a
    returning visitor's) or on the baseline's server: ``<prefix>_p95_ms``. The admin's rows are
    left out: only this tree's server has the project lead signed in."""
    offer = other_offer(base) if prefix != "uncached" else None
    for row in rows:
        path = row["path"]
        if path.startswith("/admin/") or (
            prefix == "uncached" and path.startswith(NOT_PAGE_CACHED)
        ):
            continue
        path = on_other_server(path, offer)
        try:
            measured = measure(base, path, requests, cookie)
        except urllib.error.HTTPError:
            continue
        if measured["status"] == 200:
            row[f"{prefix}_p95_ms"] = measured["p95_ms"]
            row[f"{prefix}_queries"] = measured["queries"]


def measure_growth(rows, requests, base, tenth):
    """Each page at scale and on the data cut tenfold, one request to each in turn, so that
    both see the machine as it is at that moment (measured one after the other, a page of a
    few milliseconds moved by more than 1.3x between the two): ``at_scale_p95_ms`` and
    ``tenth_p95_ms``, rendered where the page cache would serve the page."""
    offer = other_offer(tenth)
    for row in rows:
        path = row["path"]
        if path.startswith("/admin/"):
            continue
        cookie = EXPIRED_SESSION if "uncached_p95_ms" in row else None
        tenth_path = on_other_server(path, offer)
        try:
            for _ in range(WARM_UPS):
                fetch(base + path, cookie)
                fetch(tenth + tenth_path, cookie)
            at_scale, cut = [], []
            for _ in range(requests):
                at_scale.append(fetch(base + path, cookie)[1])
                cut.append(fetch(tenth + tenth_path, cookie)[1])
        except urllib.error.HTTPError:
            continue
        row["at_scale_p95_ms"] = round(percentile(at_scale, 0.95), 1)
        row["tenth_p95_ms"] = round(percentile(cut, 0.95), 1)


def page_weight(base, pages):
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for label, path in pages:
            context = browser.new_context()
            page = context.new_page()
            transferred = []

            def record(response, transferred=transferred):
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - redirects have no body
                    return
                kind = response.request.resource_type
                own = "/static/leaflet/" not in response.url
                transferred.append((kind, own, len(gzip.compress(body)), response.url))

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            by_type = {}
            for kind, own, size, _url in transferred:
                key = kind if own or kind not in ("script", "stylesheet") else f"leaflet {kind}"
                by_type[key] = by_type.get(key, 0) + size
            own_total = sum(
                size
                for kind, own, size, _ in transferred
                if own and kind in ("document", "stylesheet", "script")
            )
            leaflet = any("/static/leaflet/" in url for *_rest, url in transferred)
            results.append(
                {
                    "page": label,
                    "path": path,
                    "by_type_gzip_bytes": by_type,
                    "html_css_js_gzip_bytes": own_total,
                    "loads_leaflet": leaflet,
                    "within_budget": own_total <= BUDGET_KB * 1024,
                }
            )
            context.close()
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", default="bench-results")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--baseline", default="", help="the baseline commit's server, measured in the same run"
    )
    parser.add_argument("--staff-cookie", default="", help="the project lead's session cookie")
    parser.add_argument("--tenth", default="", help="a server of the same pages, data cut tenfold")
    args = parser.parse_args()

    for server in (args.base, args.tenth, args.baseline):
        if server:
            warm_up(server)
    list_html = fetch(args.base + "/exercer/offres/")[2].decode()
    offer_path = re.search(r'href="(/exercer/offres/\d+-[^"]+/)"', list_html).group(1)
    health = json.loads(fetch(args.base + "/healthz")[2])
    rows = []
    for label, path in PAGES:
        path = path.format(offer=offer_path)
        rows.append({"page": label, "path": path, **measure(args.base, path, args.requests)})
    if args.staff_cookie:
        warm_up(args.base, [path for _label, path in ADMIN_PAGES], args.staff_cookie)
        for label, path in ADMIN_PAGES:
            measured = measure(args.base, path, args.requests, args.staff_cookie)
            rows.append({"page": label, "path": path, **measured})
    measure_elsewhere(rows, args.requests, args.base, "uncached", EXPIRED_SESSION)
    if args.tenth:
        measure_growth(rows, args.requests, args.base, args.tenth)
    if args.baseline:  # the baseline's pages where they exist there (status 200)
        measure_elsewhere(rows, args.requests, args.baseline, "baseline")
        for row in rows:
            if "baseline_p95_ms" in row:
                row["ratio_to_baseline"] = round(row["p95_ms"] / row["baseline_p95_ms"], 2)
    cheapest = rows[0]["p95_ms"]
    floor_row = next(row for row in rows if row["page"] == FLOOR_PAGE)
    floor, rendered_floor = floor_row["p95_ms"], floor_row["uncached_p95_ms"]
    for row in rows:
        row["ratio_p95"] = round(row["p95_ms"] / cheapest, 2)
        row["ratio_to_floor"] = round(row["p95_ms"] / floor, 2)
        layer = "/carte/couches/" in row["path"]
        admin = row["path"].startswith("/admin/")
        row["budget_ratio"] = (
            BUDGET_RATIO_LAYER if layer else BUDGET_RATIO_ADMIN if admin else BUDGET_RATIO_PAGE
        )
        row["meets_time_budget"] = row["ratio_to_floor"] <= row["budget_ratio"]
        row["meets_query_budget"] = row["queries"] <= BUDGET_QUERIES
        if admin:  # never page-cached: the floor it compares with is the rendered one
            row["ratio_to_floor"] = round(row["p95_ms"] / rendered_floor, 2)
            row["meets_time_budget"] = row["ratio_to_floor"] <= row["budget_ratio"]
        if "uncached_p95_ms" in row:
            row["uncached_ratio_to_rendered_floor"] = round(
                row["uncached_p95_ms"] / rendered_floor, 2
            )
        if "tenth_p95_ms" in row:
            # rendered beside rendered where the page cache would serve the page; a cached
            # answer of 2 ms moves by more than 30 % with the timer's noise: 1 ms is allowed
            at_scale = row["at_scale_p95_ms"]
            row["growth_ratio"] = round(at_scale / row["tenth_p95_ms"], 2)
            row["meets_growth_budget"] = (
                row["growth_ratio"] <= BUDGET_GROWTH or at_scale - row["tenth_p95_ms"] <= 1
            )
    weights = page_weight(
        args.base, [(label, path.format(offer=offer_path)) for label, path in WEIGHT_PAGES]
    )

    machine = {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    report = {
        "machine": machine,
        "health": health,
        "requests_per_page": args.requests,
        "pages": rows,
        "page_weight": weights,
    }
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))

    lines = [
        "# Benchmark",
        "",
        f"Machine: {machine['cores']} cores, {machine['platform']}, Python {machine['python']}; gunicorn, {os.environ.get('WORKERS', '?')} workers, production settings, loopback.",
        f"Requests per page: {args.requests} sequential (after {WARM_UPS} warm-ups), from a separate process.",
        "",
        f"Floor: {FLOOR_PAGE}; budget {BUDGET_RATIO_PAGE:g}x the floor's p95 for pages, "
        f"{BUDGET_RATIO_LAYER:g}x for map layers, {BUDGET_QUERIES} queries.",
        f"Admin change lists (as the project lead): {BUDGET_RATIO_ADMIN:g}x the rendered floor.",
        f"Baseline: {args.baseline or 'none'} (its own database, same volumes, same run).",
        "",
        "p95 is the page as a visitor gets it, after the warm-ups: anonymous pages come from the "
        "page cache (vsa_portal/page_cache.py). *Rendered* is the same page for a visitor with "
        f"an expired session, which the cache never serves (rendered floor: {rendered_floor} ms). "
        f"*Tenth*: the same page on the data cut tenfold, requested in turn with the page at scale "
        f"(growth: the p95 at scale of that pass over the tenth's; budget {BUDGET_GROWTH:g}x).",
        "",
        "| page | p50 ms | p95 ms | p95 / floor | budget | rendered p95 ms | rendered / rendered floor | at scale / tenth p95 ms (in turn) | growth | baseline p95 ms | / baseline | queries (rendered) | size (bytes) | gzip | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ok = "ok" if row["meets_time_budget"] and row["meets_query_budget"] else "**over**"
        if not row.get("meets_growth_budget", True):
            ok += " (growth **over**)"
        lines.append(
            f"| {row['page']} | {row['p50_ms']} | {row['p95_ms']} | {row['ratio_to_floor']} | {row['budget_ratio']:g} | {row.get('uncached_p95_ms', '')} | {row.get('uncached_ratio_to_rendered_floor', '')} | {row.get('at_scale_p95_ms', '')} / {row.get('tenth_p95_ms', '')} | {row.get('growth_ratio', '')} | {row.get('baseline_p95_ms', '')} | {row.get('ratio_to_baseline', '')} | {row['queries']} ({row.get('uncached_queries', row['queries'])}) | {row['bytes']} | {row['gzip_bytes']} | {ok} |"
        )
    lines += [
        "",
        "## Page weight (Chromium, empty cache, gzip sizes)",
        "",
        "| page | HTML + own CSS + own JS | Leaflet loaded | by type | budget |",
        "|---|---:|---|---|---|",
    ]
    for weight in weights:
        types = ", ".join(
            f"{kind} {size // 1024} KB"
            for kind, size in sorted(weight["by_type_gzip_bytes"].items())
        )
        lines.append(
            f"| {weight['page']} | {weight['html_css_js_gzip_bytes'] // 1024} KB | {'yes' if weight['loads_leaflet'] else 'no'} | {types} | {'ok' if weight['within_budget'] else '**over**'} |"
        )
    (out / "bench.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
