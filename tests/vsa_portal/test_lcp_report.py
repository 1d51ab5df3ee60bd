"""scripts/lcp.py adds its readings to what the bench wrote, without touching the rest."""

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # lcp.py imports bench.py, as when run from there
_spec = importlib.util.spec_from_file_location("lcp", ROOT / "scripts" / "lcp.py")
lcp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lcp)


def reading(lcp_ms, transferred=20_000):
    return {
        "lcp_ms": lcp_ms,
        "ttfb_ms": 200.0,
        "html_ms": 260.0,
        "fcp_ms": lcp_ms,
        "element": {"tag": "h1", "selector": "h1", "text": "Offres d’exercice"},
        "resources": [
            {"url": "/static/css/site.css", "end_ms": 480.0, "blocking": "blocking"},
            {"url": "/territoire/logo", "end_ms": 900.0, "blocking": "non-blocking"},
        ],
        "transferred_bytes": transferred,
    }


def test_a_page_is_summarised_by_its_median_and_its_worst_load():
    row = lcp.summarise("home", "http://x/", [reading(900), reading(1200), reading(950)])

    assert row["median_ms"] == 950
    assert row["max_ms"] == 1200
    assert row["meets_target"] is True
    assert row["render_blocking_done_ms"] == 480
    assert row["element"]["tag"] == "h1"


def test_a_median_over_one_second_misses_the_target():
    row = lcp.summarise("offer list", "http://x/", [reading(1100), reading(1300), reading(900)])

    assert row["meets_target"] is False


def test_the_results_join_the_bench_files_and_a_second_run_replaces_its_own(tmp_path):
    (tmp_path / "bench.json").write_text(json.dumps({"pages": [{"page": "home"}]}))
    (tmp_path / "bench.md").write_text("# Benchmark\n\n| page |\n|---|\n| home |\n")
    first = [lcp.summarise("home", "http://x/", [reading(1500, transferred=12_345)])]
    second = [lcp.summarise("home", "http://x/", [reading(800, transferred=6_789)])]

    lcp.write_results(tmp_path, first)
    lcp.write_results(tmp_path, second)

    report = json.loads((tmp_path / "bench.json").read_text())
    assert report["pages"] == [{"page": "home"}]
    assert [row["transferred_bytes"] for row in report["lcp"]] == [6_789]
    markdown = (tmp_path / "bench.md").read_text()
    assert markdown.startswith("# Benchmark\n\n| page |\n|---|\n| home |\n")
    assert markdown.count(lcp.MD_HEADING) == 1
    assert "| home | 800 | 800 |" in markdown
    assert "12345" not in markdown
