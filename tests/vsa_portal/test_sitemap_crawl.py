"""The sitemap holds every indexable public page: a crawl of the portal from its home page
finds no public HTML page that the sitemap leaves out."""

import re
from urllib.parse import urlsplit

from tests.helpers.sitemap import sitemap_text
from vsa_portal import kinds

# Where a crawler should not go (robots.txt says so) or what is not a page to index.
NOT_INDEXED = (
    "/admin/",
    "/compte/",
    "/espace-partenaire/",
    "/carte/couches/",
    "/static/",
    "/media/",
)
LINK = re.compile(r'href="([^"#]+)"')


def test_a_crawl_finds_no_public_page_missing_from_the_sitemap(visitor, demo_territory):
    for kind in kinds.all_kinds():
        # Demo rows, or a kind's reference data (the aids catalogue) where it has no demo.
        (kind.demo or kind.reference)()
    sitemap = sitemap_text(visitor)
    in_sitemap = {urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}

    seen, queue, missing = set(), ["/"], []
    while queue and len(seen) < 250:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = visitor.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        if 'name="robots" content="noindex' not in html and path not in in_sitemap:
            missing.append(path)
        for href in LINK.findall(html):
            url = urlsplit(href.replace("&amp;", "&"))
            if url.netloc or url.query or not url.path.startswith("/"):
                continue
            if url.path.startswith(NOT_INDEXED) or url.path in seen:
                continue
            queue.append(url.path)
    assert len(seen) > 60
    assert missing == []
