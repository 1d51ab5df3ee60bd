"""50 concurrent clients for 60 s against gunicorn on loopback, PostgreSQL restarted midway:
count errors before, during and after the restart, and report latency percentiles."""

import argparse
import json
import os
import random
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PATHS = [
    "/",
    "/exercer/",
    "/exercer/offres/",
    "/exercer/offres/?kind=collaboration",
    "/exercer/offres/?kind=collaboration&near=carpentras&km=20",
    "/exercer/communes/avignon/",
    "/exercer/etablissements/",
    "/carte/couches/offres.geojson?bbox=4.75,43.88,4.95,44.0&zoom=12",
    "/carte/couches/etablissements.geojson?bbox=4.6,43.6,5.8,44.5&zoom=9",
    "/agenda/",
]


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", default="bench-results")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--name", default="soak", help="file name of the report")
    parser.add_argument(
        "--restart-postgres-at", type=float, default=20, help="0 to skip the restart"
    )
    args = parser.parse_args()

    results = []  # (started_at, elapsed_ms, ok)
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + args.seconds
    restart = {"began": None, "ended": None}

    def client(seed):
        rng = random.Random(seed)  # noqa: S311 - picks pages, not secrets
        while time.monotonic() < stop_at:
            path = rng.choice(PATHS)
            began = time.monotonic()
            try:
                with urllib.request.urlopen(args.base + path, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                results.append((began - start, (time.monotonic() - began) * 1000, ok))

    threads = [
        threading.Thread(target=client, args=(number,), daemon=True)
        for number in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    if args.restart_postgres_at:
        time.sleep(args.restart_postgres_at)
        restart["began"] = time.monotonic() - start
        restart_postgres()
        restart["ended"] = time.monotonic() - start
    for thread in threads:
        thread.join()

    def summary(rows):
        times = [elapsed for _at, elapsed, ok in rows if ok]
        return {
            "requests": len(rows),
            "errors": sum(1 for *_rest, ok in rows if not ok),
            "p50_ms": percentile(times, 0.5),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
        }

    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "cores": os.cpu_count(),
        "all": summary(results),
    }
    if restart["began"] is not None:
        window_end = restart["ended"] + 2  # connections re-established within two seconds
        report["postgres_restart"] = {
            "began_s": round(restart["began"], 1),
            "ended_s": round(restart["ended"], 1),
        }
        report["before_restart"] = summary([row for row in results if row[0] < restart["began"]])
        report["during_restart"] = summary(
            [row for row in results if restart["began"] <= row[0] < window_end]
        )
        report["after_restart"] = summary([row for row in results if row[0] >= window_end])
    report["throughput_rps"] = round(len(results) / args.seconds, 1)

    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / f"{args.name}.json").write_text(json.dumps(report, indent=2))
    lines = [
        f"# Soak: {args.name}",
        "",
        f"{args.clients} concurrent clients for {args.seconds} s on {report['cores']} cores, gunicorn (2 workers), loopback; {report['throughput_rps']} requests/s.",
        "",
        "| window | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in ["all", "before_restart", "during_restart", "after_restart"]:
        if key in report:
            row = report[key]
            lines.append(
                f"| {key} | {row['requests']} | {row['errors']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} |"
            )
    if "postgres_restart" in report:
        lines.append("")
        lines.append(
            f"PostgreSQL restarted from {report['postgres_restart']['began_s']} s to {report['postgres_restart']['ended_s']} s."
        )
    (out / f"{args.name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
