"""Rich text written in the admin (news), kept to what a page of the portal may show: nh3 (the
Rust html5ever sanitiser) removes every other tag, attribute and link scheme."""

import re

import nh3
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[a-zA-Z/!]")


def render_rich_text(text):
    """HTML from the admin, sanitised; plain text (no tag at all) as paragraphs, escaped."""
    if not _TAG.search(text or ""):
        return linebreaks_filter(text or "", autoescape=True)
    return mark_safe(  # noqa: S308 - nh3 keeps only the tags and attributes listed above
        nh3.clean(
            text,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
    )
