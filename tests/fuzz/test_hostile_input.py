"""Property-based tests: random and hostile values thrown at every list filter, GeoJSON
endpoint and public form. Never a 5xx; a script payload is never rendered unescaped."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE offers_offer; --",
    "../../etc/passwd",
    "%00",
    "\u202e\u0000",
    "Ω≈ç√∫˜µ≤≥÷",
    "🩺🏥",
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
]

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.isoformat()),
)

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

OFFER_FILTERS = [
    "kind",
    "profession",
    "commune",
    "epci",
    "cpts",
    "near",
    "km",
    "start_from",
    "start_until",
    "structure",
    "housing",
    "tri",
    "page",
]


def assert_safe(response):
    assert response.status_code < 500, response.content[:500]
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x onerror=alert(1)>" not in body


@FUZZ
@given(params=st.dictionaries(st.sampled_from(OFFER_FILTERS), hostile_text, max_size=6))
def test_offer_list_and_map_filters(visitor, params):
    assert_safe(visitor.get("/exercer/offres/", params))
    assert_safe(visitor.get("/exercer/offres/carte/", params))


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["kind", "commune", "epci", "page", "q", "zone"]), hostile_text, max_size=4
    )
)
def test_territory_list_filters(visitor, params):
    assert_safe(visitor.get("/exercer/etablissements/", params))
    assert_safe(visitor.get("/exercer/communes/", params))


bbox_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.integers(min_value=-1000, max_value=1000),
)


@FUZZ
@given(
    layer=st.sampled_from(["etablissements", "offres", "zonage", "communes", "cpts"]),
    bbox=st.one_of(
        hostile_text,
        st.lists(bbox_numbers, min_size=0, max_size=6).map(
            lambda values: ",".join(map(str, values))
        ),
    ),
    zoom=hostile_text,
    extra=st.dictionaries(st.sampled_from(OFFER_FILTERS), hostile_text, max_size=3),
)
def test_geojson_endpoints(visitor, layer, bbox, zoom, extra):
    response = visitor.get(f"/carte/couches/{layer}.geojson", {"bbox": bbox, "zoom": zoom, **extra})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        assert response.json()["error"]


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "name": hostile_text,
            "email": st.one_of(hostile_text, st.emails().map(str)),
            "phone": hostile_text,
            "status": st.one_of(hostile_text, st.sampled_from(["interne", "remplacant"])),
            "message": hostile_text,
            "consent": st.sampled_from(["on", "", "off", "1"]),
        }
    )
)
def test_offer_contact_form(visitor, offer, data):
    cache.clear()  # each example starts under the form's rate limits
    response = visitor.post(f"/exercer/offres/{offer.pk}/contact/", data)
    assert response.status_code in (302, 400)
    assert_safe(response)


@FUZZ
@given(
    pk=st.integers(min_value=-(2**63), max_value=2**63 - 1),
    slug=st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True),
)
def test_unknown_ids_are_404(visitor, pk, slug):
    # Ids that do not exist, up to far beyond PostgreSQL's bigint.
    assert visitor.get(f"/exercer/offres/{pk}-{slug}/").status_code == 404
    assert visitor.post(f"/exercer/offres/{pk}/contact/").status_code == 404


@FUZZ
@given(slug=st.text(min_size=1, max_size=100))
def test_unknown_commune_pages_are_404(visitor, slug):
    from urllib.parse import quote

    response = visitor.get("/exercer/communes/" + quote(slug, safe="") + "/")
    assert response.status_code == 404


@pytest.fixture
def offer(db):
    return OfferFactory()


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["kind", "audience", "commune", "epci", "du", "au", "page", "mois"]),
        hostile_text,
        max_size=5,
    )
)
def test_agenda_filters_calendar_and_feed(visitor, params):
    assert_safe(visitor.get("/agenda/", params))
    assert_safe(visitor.get("/agenda/calendrier/", params))
    response = visitor.get("/agenda/flux.ics", params)
    assert response.status_code in (200, 400)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "name": hostile_text,
            "email": st.one_of(hostile_text, st.emails().map(str)),
            "profile": hostile_text,
            "consent": st.sampled_from(["on", ""]),
        }
    )
)
def test_event_registration_form(visitor, event, data):
    cache.clear()  # each example starts under the form's rate limits
    response = visitor.post(f"/agenda/{event.pk}/inscription/", data)
    assert response.status_code in (302, 400)
    assert_safe(response)


@pytest.fixture
def event(db):
    from tests.factories import EventFactory

    return EventFactory()
