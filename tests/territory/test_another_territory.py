"""Another département deploys the same code from its own folder: the small territory written
for the tests (tests/territories/lot-et-garonne, three communes) replaces Vaucluse's, and no page
a visitor can reach names Vaucluse or shows its colours, its map or its communes."""

import io
import json
import re
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from aids.models import Aid
from interns.models import Faculty
from organisations.models import Organisation
from territory.folder import leaflet_settings, portal_settings, read_territory
from territory.models import Commune
from tests.helpers.sitemap import sitemap_text
from tests.helpers.territory import empty_territory_tables

OTHER = Path(__file__).resolve().parents[1] / "territories" / "lot-et-garonne"
# What would betray the Vaucluse deployment on another département's portal.
VAUCLUSE_TRACES = re.compile(
    r"vaucluse|avignon|carpentras|comtat|luberon|ventoux|provence|paca\b|\bvsa\b|#4a2d7a|aix-marseille",
    re.IGNORECASE,
)
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/compte/deconnexion", "/api/v1/docs")
MAX_PAGES = 400


@pytest.fixture
def other_territory(settings, db):
    """The test folder as the deployed territory, in a database holding none of Vaucluse's
    rows (emptied inside the test's transaction, so the rollback brings them back)."""
    territory = read_territory(OTHER)
    settings.TERRITORY = territory
    settings.PORTAL = {**portal_settings(territory), "DEMO_CONTENT": True, "DEMO_ACCOUNTS": True}
    settings.LEAFLET_CONFIG = leaflet_settings(territory)
    empty_territory_tables(Faculty, Aid, Organisation)
    call_command("load_portal_data", stdout=io.StringIO())
    return territory


def links(html):
    for href in re.findall(r'href="([^"]+)"', html):
        url = urldefrag(unescape(href)).url
        if url.startswith("/") and not url.startswith("//"):
            yield url


def crawl(client, start="/"):
    """Every page reachable from the home page by a visitor's links (GET), with its body."""
    seen, queue, pages = {start}, deque([start]), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in (200, 302), f"{url} answered {response.status_code}"
        if response.status_code != 200:
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        pages[url] = body
        if "html" not in response["Content-Type"]:
            continue
        for link in links(body):
            if link not in seen and not link.startswith(SKIPPED_PREFIXES):
                seen.add(link)
                queue.append(link)
    return pages


def test_every_public_page_is_about_the_other_territory(client, other_territory):
    pages = crawl(client)

    assert len(pages) > 60, sorted(pages)
    # Each trace once, with its surroundings and the first page it is on.
    traces = {}
    for url, body in pages.items():
        for match in VAUCLUSE_TRACES.finditer(body):
            context = body[max(match.start() - 60, 0) : match.end() + 30].replace("\n", " ")
            traces.setdefault(re.sub(r"\s+", " ", context), url)
    assert not traces, "\n".join(f"{url}: …{context}…" for context, url in traces.items())
    home = pages["/"]
    assert "Garonne Santé Installation" in home
    assert "Exercer en Lot-et-Garonne" in home
    assert "Territoire d’exemple" in home
    commune_pages = [url for url in pages if url.startswith("/exercer/communes/")]
    assert {"/exercer/communes/agen/", "/exercer/communes/marmande/"} <= set(commune_pages)


def test_the_maps_centre_on_the_other_place(client, other_territory):
    html = client.get("/exercer/").content.decode()
    configs = [
        json.loads(unescape(script))
        for script in re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html)
    ]
    maps = [config for config in configs if isinstance(config, dict) and "center" in config]
    assert maps, "the rubric's landing page shows the territory's map"
    assert all(config["center"] == [44.35, 0.45] and config["zoom"] == 10 for config in maps)


def test_the_theme_has_the_other_colours(client, other_territory):
    css = client.get(
        re.search(r'href="(/territoire/theme\.css[^"]*)"', client.get("/").content.decode())
        .group(1)
        .replace("&amp;", "&")
    )

    assert css.status_code == 200
    assert "--primary: #0b5d4b;" in css.content.decode()
    assert "#4a2d7a" not in css.content.decode()
    # No logo in the test folder: the header shows the short name, and there is no logo URL.
    assert client.get("/territoire/logo").status_code == 404


def test_the_sitemap_lists_the_other_communes(client, other_territory):
    text = sitemap_text(client)

    for slug in ("agen", "villeneuve-sur-lot", "marmande"):
        assert f"/exercer/communes/{slug}/" in text
    assert not VAUCLUSE_TRACES.search(text)


def test_a_second_territory_never_lands_in_the_first_ones_database(settings, db):
    # The test database holds Vaucluse; loading the other folder into it is refused.
    settings.TERRITORY = read_territory(OTHER)

    with pytest.raises(CommandError, match="already holds another territory"):
        call_command("load_territory", stdout=io.StringIO())
    assert not Commune.objects.filter(insee_code__startswith="47").exists()


def test_a_commune_of_another_departement_in_the_file_is_refused_with_its_line(
    settings, db, tmp_path
):
    folder = tmp_path / "essai"
    folder.mkdir()
    for name in ("territory.toml",):
        (folder / name).write_text((OTHER / name).read_text(encoding="utf-8"), encoding="utf-8")
    collection = json.loads((OTHER / "communes.geojson").read_text(encoding="utf-8"))
    collection["features"][1]["properties"]["insee"] = "84007"
    (folder / "communes.geojson").write_text(json.dumps(collection), encoding="utf-8")
    settings.TERRITORY = read_territory(folder)
    empty_territory_tables()
    out = io.StringIO()

    call_command("load_territory", stdout=out)

    assert "feature 2" in out.getvalue() and "84007 n’est pas du département 47" in out.getvalue()
    assert sorted(Commune.objects.values_list("insee_code", flat=True)) == ["47001", "47157"]
