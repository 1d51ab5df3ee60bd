"""The golden cases of tests/aids/golden_cases.yaml, each through the simulator's web page."""

import re
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from aids.catalogue import read_catalogue

CASES = yaml.safe_load((Path(__file__).parent / "golden_cases.yaml").read_text(encoding="utf-8"))
VERDICT = re.compile(r'data-aid="(?P<slug>[a-z0-9-]+)"\s+data-verdict="(?P<verdict>[a-z_]+)"')


def verdicts(html):
    return {match["slug"]: match["verdict"] for match in VERDICT.finditer(html)}


def result_card(html, slug):
    start = html.index(f'data-aid="{slug}"')
    return html[start : html.index("</li>", html.index("</ul>", start))]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_case(case, catalogue, visitor):
    assert case["rule"]
    response = visitor.get(reverse("aids:simulator"), case["params"])
    assert response.status_code == 200
    html = response.content.decode()
    found = verdicts(html)
    for slug, expected in case["expect"].items():
        if expected == "absent":
            assert slug not in found, f"{slug} is closed and must never be offered"
        else:
            assert found.get(slug) == expected, (slug, found.get(slug))
    for slug, reason in case.get("close_miss", {}).items():
        card = result_card(html, slug)
        assert "Il manque une condition" in card
        assert reason in card
    if "text" in case:
        assert case["text"] in html


def test_every_aid_of_the_catalogue_has_a_golden_case():
    covered = {slug for case in CASES for slug in case["expect"]}
    assert {entry["slug"] for entry in read_catalogue()} <= covered
    assert len(CASES) >= 15
