import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_markup_in_a_description_reaches_feed_readers_as_text(visitor):
    OfferFactory(description='Cabinet <img src=x onerror="alert(1)"> au centre\nSecrétariat')
    response = visitor.get(reverse("offers:feed"))
    (entry,) = ET.fromstring(response.content).iter(f"{ATOM}entry")  # noqa: S314 - our own feed
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # What a reader renders as HTML: the markup is escaped, the line break kept.
    assert summary.text == (
        "Cabinet &lt;img src=x onerror=&quot;alert(1)&quot;&gt; au centre<br>Secrétariat"
    )
    assert "<img" not in summary.text
