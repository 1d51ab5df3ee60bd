"""Concurrent clients against gunicorn on loopback for a fixed time, on a varied mix of pages:
every commune, offer, event and housing page of the sitemap, lists with random filters, map
layers over random boxes and zooms, so that a cache earns its hits. Optionally PostgreSQL is
restarted midway: errors are counted before, while and after the database is away, each request
by when it was *in flight*, not when it began. The client reports its own CPU use.

``--also-on URL`` keeps only the families of pages that answer on both servers (for a baseline
commit that lacks some pages), so that both servers are measured on the same mix.
"""

import argparse
import json
import os
import random
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

BBOX = (4.6, 43.6, 5.8, 44.5)  # the default territory's extent (Vaucluse)
DETAIL_FAMILIES = {
    "commune pages": "communes",
    "offer details": "offres",
    "event details": "evenements",
    "housing details": "logements",
}
DETAIL_SECTIONS = tuple(DETAIL_FAMILIES.values())
OFFER_KINDS = ("collaboration", "remplacement_regulier", "association", "succession", "assistanat")
LANDINGS = (
    "/",
    "/exercer/",
    "/s-installer/",
    "/internes/",
    "/agenda/",
    "/collectif/",
    "/exercer/communes/",
    "/exercer/etablissements/",
    "/s-installer/aides/",
    "/agenda/calendrier/",
)
SEARCH_WORDS = ("collaboration", "maison de santé", "remplacement", "logement", "stage", "cpts")


def fetch(url, timeout=30):
    url = urllib.parse.quote(url, safe=":/?&=%+,")  # slugs and search words with accents
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
        return response.status, response.read()


def sitemap_urls(base, section, limit=3000):
    try:
        _status, body = fetch(f"{base}/sitemap-{section}.xml")
    except urllib.error.URLError:
        return []
    paths = [
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())
    ]
    return paths[:limit]


def random_bbox(rng):
    zoom = rng.randint(9, 15)
    span = 1.2 / 2 ** (zoom - 9)
    west = rng.uniform(BBOX[0], BBOX[2] - span)
    south = rng.uniform(BBOX[1], BBOX[3] - span / 1.3)
    return f"{west:.4f},{south:.4f},{west + span:.4f},{south + span / 1.3:.4f}", zoom


class Mix:
    """Families of pages, each a function of a random generator giving a path."""

    def __init__(self, base):
        self.details = {section: sitemap_urls(base, section) for section in DETAIL_SECTIONS}
        self.landings = list(LANDINGS)
        communes = self.details["communes"]
        self.slugs = [path.rstrip("/").rsplit("/", 1)[-1] for path in communes] or ["avignon"]
        self.families = {
            "landing pages": (15, lambda rng: rng.choice(self.landings)),
            "commune pages": (15, lambda rng: rng.choice(communes)),
            "offer details": (15, lambda rng: rng.choice(self.details["offres"])),
            "event details": (5, lambda rng: rng.choice(self.details["evenements"])),
            "housing details": (5, lambda rng: rng.choice(self.details["logements"])),
            "offer lists, filtered": (15, self.offer_list),
            "housing lists, near a commune": (5, self.housing_list),
            "aids simulator": (
                5,
                lambda rng: f"/s-installer/simulateur/?commune={rng.choice(self.slugs)}",
            ),
            "site search": (
                5,
                lambda rng: "/recherche/?q=" + rng.choice(SEARCH_WORDS).replace(" ", "+"),
            ),
            "map layers": (15, self.layer),
        }
        empty = {name for name, section in DETAIL_FAMILIES.items() if not self.details[section]}
        self.families = {n: f for n, f in self.families.items() if n not in empty}

    def offer_list(self, rng):
        query = [f"kind={rng.choice(OFFER_KINDS)}"]
        if rng.random() < 0.6:
            query += [f"near={rng.choice(self.slugs)}", f"km={rng.choice((5, 10, 20, 50))}"]
            if rng.random() < 0.3:
                query.append("tri=proches")
        if rng.random() < 0.3:
            query.append(f"page={rng.randint(2, 5)}")
        return "/exercer/offres/?" + "&".join(query)

    def housing_list(self, rng):
        return f"/s-installer/logements/?near={rng.choice(self.slugs)}&km={rng.choice((5, 10, 20))}"

    def layer(self, rng):
        bbox, zoom = random_bbox(rng)
        name = rng.choice(("offres", "etablissements", "evenements"))
        return f"/carte/couches/{name}.geojson?bbox={bbox}&zoom={zoom}"

    def keep_only_answering(self, *bases):
        """Drop the families one of the servers does not have (probed with three paths each)."""
        rng = random.Random(0)  # noqa: S311 - picks pages, not secrets
        self.landings = [path for path in self.landings if all(_answers(b + path) for b in bases)]
        for name, (_weight, make) in list(self.families.items()):
            for base in bases:
                try:
                    if any(fetch(base + make(rng))[0] != 200 for _ in range(3)):
                        raise urllib.error.URLError("not 200")
                except (urllib.error.URLError, OSError):
                    del self.families[name]
                    break

    def choose(self, rng):
        names = list(self.families)
        name = rng.choices(names, weights=[self.families[n][0] for n in names])[0]
        return name, self.families[name][1](rng)


def _answers(url):
    try:
        return fetch(url)[0] == 200
    except (urllib.error.URLError, OSError):
        return False


def percentile(values, fraction):
    ordered = sorted(values)
    return (
        round(ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))], 1)
        if ordered
        else None
    )


def restart_postgres():
    versions = os.listdir("/etc/postgresql")
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "restart"]
    if os.geteuid() != 0:
        command = ["sudo", *command]
    subprocess.run(command, check=True)  # noqa: S603


def summary(rows):
    times = [row["ms"] for row in rows if row["ok"]]
    return {
        "requests": len(rows),
        "errors": sum(1 for row in rows if not row["ok"]),
        "error_kinds": dict(Counter(row["error"] for row in rows if not row["ok"])),
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--also-on", help="a second server: keep the families both answer")
    parser.add_argument("--mix-from", help="the server whose sitemap gives the paths (--base)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed, the same paths")
    parser.add_argument("--out", default="bench-results")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--name", default="soak", help="file name of the report")
    parser.add_argument(
        "--restart-postgres-at", type=float, default=20, help="0 to skip the restart"
    )
    args = parser.parse_args()

    mix = Mix(args.mix_from or args.base)
    mix.keep_only_answering(args.base, *([args.also_on] if args.also_on else []))
    results = []
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + args.seconds
    restart = {"began": None, "ended": None}

    def client(seed):
        rng = random.Random(args.seed * 1000 + seed)  # noqa: S311 - picks pages, not secrets
        while time.monotonic() < stop_at:
            family, path = mix.choose(rng)
            began = time.monotonic()
            error = None
            try:
                status, _body = fetch(args.base + path)
                if status != 200:
                    error = f"HTTP {status}"
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                error = type(getattr(exc, "reason", exc)).__name__
            ended = time.monotonic()
            with lock:
                results.append(
                    {
                        "began": began - start,
                        "ended": ended - start,
                        "ms": (ended - began) * 1000,
                        "ok": error is None,
                        "error": error,
                        "family": family,
                        "path": path,
                    }
                )

    threads = [
        threading.Thread(target=client, args=(number,), daemon=True)
        for number in range(args.clients)
    ]
    cpu_started = time.process_time()
    for thread in threads:
        thread.start()
    if args.restart_postgres_at:
        time.sleep(args.restart_postgres_at)
        restart["began"] = time.monotonic() - start
        restart_postgres()
        restart["ended"] = time.monotonic() - start
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    client_cpu = time.process_time() - cpu_started

    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "cores": os.cpu_count(),
        "families": {name: weight for name, (weight, _make) in mix.families.items()},
        "distinct_paths": len({row["path"] for row in results}),
        "all": summary(results),
        "by_family": {
            name: summary([row for row in results if row["family"] == name])
            for name in mix.families
        },
        "client_cpu_s": round(client_cpu, 1),
        "client_cores_used": round(client_cpu / wall, 2),
    }
    if restart["began"] is not None:
        window_end = restart["ended"] + 2  # connections re-established within two seconds
        report["postgres_restart"] = {
            "began_s": round(restart["began"], 1),
            "ended_s": round(restart["ended"], 1),
        }
        report["before_restart"] = summary([r for r in results if r["ended"] < restart["began"]])
        report["during_restart"] = summary(
            [r for r in results if r["ended"] >= restart["began"] and r["began"] < window_end]
        )
        report["after_restart"] = summary([r for r in results if r["began"] >= window_end])
        # what the previous report counted "before": begun before, in flight at the restart
        report["begun_before_failed_during"] = sum(
            1 for r in results if r["began"] < restart["began"] <= r["ended"] and not r["ok"]
        )
    report["throughput_rps"] = round(len(results) / args.seconds, 1)

    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / f"{args.name}.json").write_text(json.dumps(report, indent=2))
    lines = [
        f"# Soak: {args.name}",
        "",
        f"{args.clients} concurrent clients for {args.seconds} s on {report['cores']} cores, "
        f"gunicorn, loopback; {report['throughput_rps']} requests/s. The client itself used "
        f"{report['client_cores_used']} cores ({report['client_cpu_s']} s of CPU); "
        f"{report['distinct_paths']} distinct paths.",
        "",
        "| window | requests | errors | p50 ms | p95 ms | p99 ms | errors by kind |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    windows = ["all", "before_restart", "during_restart", "after_restart"]
    for key in windows:
        if key in report:
            row = report[key]
            lines.append(
                f"| {key} | {row['requests']} | {row['errors']} | {row['p50_ms']} | "
                f"{row['p95_ms']} | {row['p99_ms']} | {row['error_kinds'] or ''} |"
            )
    if "postgres_restart" in report:
        lines += [
            "",
            f"PostgreSQL restarted from {report['postgres_restart']['began_s']} s to "
            f"{report['postgres_restart']['ended_s']} s; a request counts as *during* when it was "
            f"in flight between the restart and two seconds after it. "
            f"{report['begun_before_failed_during']} failed requests had begun before the "
            "restart (counted *before* by start time, as the previous report did).",
        ]
    lines += [
        "",
        "| family | weight | requests | errors | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in report["by_family"].items():
        lines.append(
            f"| {name} | {report['families'][name]} | {row['requests']} | {row['errors']} | "
            f"{row['p50_ms']} | {row['p99_ms']} |"
        )
    (out / f"{args.name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
