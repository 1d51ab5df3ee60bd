"""Largest Contentful Paint of the home page, the offer list and the offers map (and of the
bench's floor page, for scale) under an emulated slow 4G profile in Chromium (issue 22, target
1 s). `make bench` runs it after the page timings against the same server; alone:
`python scripts/lcp.py http://127.0.0.1:8000`.

Each load is a fresh browser context (empty cache), throttled through the DevTools protocol:
150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower. The results go under the key
`lcp` of bench-results/bench.json and into a table at the end of bench-results/bench.md; the
other keys and sections are kept as they are."""

import argparse
import json
import statistics
from pathlib import Path

from bench import CHROMIUM, CHROMIUM_FLAGS, FLOOR_PAGE, WEIGHT_PAGES
from bench import PAGES as TIMED_PAGES

# the offers map page is /exercer/offres/carte/ (offers.urls, name "map"); the floor page, the
# base layout and one heading, says how much of an LCP is this machine and the profile alone
MEASURED = ("home", "offer list", "offers map")
PAGES = [(label, path) for label, path in WEIGHT_PAGES if label in MEASURED] + [
    (label, path) for label, path in TIMED_PAGES if label == FLOOR_PAGE
]
TARGET_MS = 1000
RUNS = 3
SETTLE_MS = 500
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
CPU_SLOWDOWN = 4
MD_HEADING = "## Largest Contentful Paint (Chromium, slow 4G, CPU 4x slower, empty cache)"

# The last largest-contentful-paint entry once the page has settled, with what was painted.
READ_LCP = """() => new Promise((resolve) => {
  const describe = (entry) => {
    const element = entry.element;
    if (!element) return {tag: "", selector: "", text: entry.url || ""};
    let selector = element.tagName.toLowerCase();
    if (element.id) selector += "#" + element.id;
    else if (element.classList.length) selector += "." + [...element.classList].join(".");
    const text = (element.innerText || element.getAttribute("alt") || entry.url || "").trim();
    return {tag: element.tagName.toLowerCase(), selector, text: text.slice(0, 60)};
  };
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const finish = (entries) => {
    const last = entries[entries.length - 1];
    resolve({
      lcp_ms: last ? last.startTime : null,
      ttfb_ms: navigation ? navigation.responseStart : null,
      html_ms: navigation ? navigation.responseEnd : null,
      fcp_ms: paint ? paint.startTime : null,
      element: last ? describe(last) : null,
      resources: performance.getEntriesByType("resource").map((r) => ({
        url: r.name, start_ms: r.startTime, end_ms: r.responseEnd,
        blocking: r.renderBlockingStatus || "", bytes: r.transferSize,
      })),
    });
  };
  new PerformanceObserver((list, observer) => {
    observer.disconnect();
    finish(list.getEntries());
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => finish([]), 2000);
})"""


def load_once(browser, url):
    """One cold, throttled load: the LCP reading and the bytes that crossed the network."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="networkidle", timeout=60_000)
    page.wait_for_timeout(SETTLE_MS)
    reading = page.evaluate(READ_LCP)
    reading["transferred_bytes"] = int(sum(transferred))
    context.close()
    return reading


def _median(readings, key):
    return round(statistics.median(reading[key] or 0 for reading in readings))


def _blocking_done(reading):
    ends = [r["end_ms"] for r in reading["resources"] if r["blocking"] == "blocking"]
    return max(ends, default=reading["html_ms"] or 0)


def summarise(label, url, readings, target_ms=TARGET_MS):
    """One row of the `lcp` list from the readings of the repeated loads of a page."""
    times = [reading["lcp_ms"] for reading in readings if reading["lcp_ms"] is not None]
    median = round(statistics.median(times)) if times else None
    worst = round(max(times)) if times else None
    last = readings[-1]
    return {
        "page": label,
        "url": url,
        "median_ms": median,
        "max_ms": worst,
        "runs_ms": [round(ms) for ms in times],
        # where the time goes: the HTML's first and last byte, the render-blocking stylesheets
        "ttfb_ms": _median(readings, "ttfb_ms"),
        "html_done_ms": _median(readings, "html_ms"),
        "render_blocking_done_ms": round(statistics.median(map(_blocking_done, readings))),
        "fcp_ms": _median(readings, "fcp_ms"),
        "element": last["element"],
        "transferred_bytes": max(reading["transferred_bytes"] for reading in readings),
        "meets_target": median is not None and median <= target_ms,
    }


def markdown(rows, target_ms=TARGET_MS):
    lines = [
        MD_HEADING,
        "",
        f"{RUNS} loads per page, each in a fresh context; {SLOW_4G['latency']} ms round trip, "
        f"1.6 Mbit/s down, 750 kbit/s up, CPU {CPU_SLOWDOWN}x slower; target {target_ms} ms. "
        "HTML done and CSS done: the last byte of the page and of its render-blocking "
        "stylesheets; the floor page shows what the machine and the profile cost alone.",
        "",
        "| page | LCP median ms | LCP max ms | HTML done | CSS done | FCP | LCP element "
        "| transferred (bytes) | verdict |",
        "|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for row in rows:
        element = row["element"] or {}
        text = element.get("text", "").replace("|", "/").replace("\n", " ")
        described = f"`{element.get('selector', '')}` {text}".strip() if element else "none"
        verdict = "ok" if row["meets_target"] else "**over**"
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['max_ms']} | {row['html_done_ms']} | "
            f"{row['render_blocking_done_ms']} | {row['fcp_ms']} | "
            f"{described} | {row['transferred_bytes']} | {verdict} |"
        )
    return lines


def write_results(out, rows):
    """Add `lcp` to bench.json and the LCP table to bench.md, keeping what the bench wrote."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / "bench.json", out / "bench.md"
    report = json.loads(json_path.read_text()) if json_path.exists() else {}
    report["lcp"] = rows
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    text = md_path.read_text() if md_path.exists() else "# Benchmark\n"
    text = text.split("\n" + MD_HEADING)[0].rstrip("\n")  # a previous LCP run's table
    md_path.write_text(text + "\n\n" + "\n".join(markdown(rows)) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base", help="the portal's address, for example http://127.0.0.1:8100")
    parser.add_argument("--out", default="bench-results")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--verbose", action="store_true", help="print each load's resources")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for label, path in PAGES:
            url = args.base.rstrip("/") + path
            readings = [load_once(browser, url) for _ in range(args.runs)]
            if args.verbose:
                for reading in readings:
                    print(json.dumps({key: reading[key] for key in reading}, indent=1))
            rows.append(summarise(label, url, readings))
        browser.close()
    write_results(Path(args.out), rows)
    print("\n".join(markdown(rows)))


if __name__ == "__main__":
    main()
