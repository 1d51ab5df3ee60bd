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


def test_a_replacements_dates_leave_with_it_in_the_feed_and_the_job_posting(visitor):
    import datetime
    import json
    import re

    offer = OfferFactory(
        kind="remplacement_ponctuel",
        start_date=datetime.date(2027, 3, 3),
        end_date=datetime.date(2027, 3, 17),
        description="Cabinet de groupe.",
    )
    response = visitor.get(reverse("offers:feed"))
    (entry,) = ET.fromstring(response.content).iter(f"{ATOM}entry")  # noqa: S314 - our own feed
    assert entry.find(f"{ATOM}summary").text.startswith("Du 3 mars 2027 au 17 mars 2027<br>")
    categories = {category.get("term") for category in entry.iter(f"{ATOM}category")}
    assert {offer.get_kind_display(), offer.profession.name} <= categories
    html = visitor.get(offer.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["jobStartDate"] == "2027-03-03"
    assert data["description"].startswith("Du 3 mars 2027 au 17 mars 2027.")
