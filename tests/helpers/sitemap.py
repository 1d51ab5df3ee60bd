"""Read the whole sitemap as a search engine does: the index, then every section it lists."""

import re
from urllib.parse import urlsplit


def sitemap_text(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    body = index.content.decode()
    assert "<sitemapindex" in body
    sections = []
    for url in re.findall(r"<loc>([^<]+)</loc>", body):
        parts = urlsplit(url.replace("&amp;", "&"))
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, url
        sections.append(response.content.decode())
    return "\n".join(sections)
