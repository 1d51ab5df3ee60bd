import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import EventFactory, commune
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def titles(response):
    return {event.title for event in response.context["page"].object_list}


def test_upcoming_list_hides_past_and_unpublished_events(visitor):
    EventFactory(title="À venir")
    EventFactory(
        title="Passé",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    EventFactory(title="Brouillon", status="draft")
    with assert_max_queries(10):
        response = visitor.get(reverse("agenda:landing"))
    assert titles(response) == {"À venir"}
    assert titles(visitor.get(reverse("agenda:past"))) == {"Passé"}


def test_filters_and_invalid_values(visitor):
    EventFactory(title="Pour les internes", kind="accueil_internes", audiences=["internes"])
    EventFactory(title="Pour tous", kind="salon", audiences=["tous"], commune=commune("84007"))
    EventFactory(title="Pour les élus", kind="rencontre", audiences=["elus"])
    assert titles(visitor.get(reverse("agenda:landing"), {"audience": "internes"})) == {
        "Pour les internes",
        "Pour tous",
    }
    assert titles(visitor.get(reverse("agenda:landing"), {"kind": "salon"})) == {"Pour tous"}
    assert titles(visitor.get(reverse("agenda:landing"), {"commune": "avignon"})) == {"Pour tous"}
    for params in [
        {"kind": "concert"},
        {"du": "2027-02-30"},
        {"du": "2027-05-01", "au": "2027-01-01"},
    ]:
        response = visitor.get(reverse("agenda:landing"), params)
        assert response.status_code == 200
        assert "Certains filtres ne sont pas valides" in response.content.decode()


def test_query_count_is_the_same_for_few_and_many_events(visitor):
    EventFactory.create_batch(3)
    with assert_max_queries(10) as few:
        visitor.get(reverse("agenda:landing"))
    EventFactory.create_batch(60)
    with assert_max_queries(10) as many:
        visitor.get(reverse("agenda:landing"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_month_calendar_places_events_on_their_day(visitor):
    EventFactory(
        title="Le 15 mars",
        starts_at=datetime(2027, 3, 15, 19, 0, tzinfo=PARIS),
        ends_at=datetime(2027, 3, 15, 22, 0, tzinfo=PARIS),
    )
    with assert_max_queries(8):
        response = visitor.get(reverse("agenda:month"), {"mois": "2027-03"})
    html = response.content.decode()
    assert "Agenda de mars 2027" in html
    assert "19:00 Le 15 mars" in html
    bad = visitor.get(reverse("agenda:month"), {"mois": "2027-13"})
    assert bad.status_code == 200 and "Mois invalide" in bad.content.decode()


def test_detail_has_event_json_ld_and_an_ics(visitor):
    event = EventFactory(title="Soirée des internes")
    html = visitor.get(event.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Event" and data["name"] == "Soirée des internes"
    assert data["location"]["address"]["addressLocality"] == "Carpentras"
    ics = visitor.get(reverse("agenda:ics", args=[event.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    (vevent,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Soirée des internes"


def test_ical_feed_of_a_filtered_list_is_valid_and_keeps_times_across_daylight_saving(visitor):
    # Europe/Paris moves from UTC+1 to UTC+2 on Sunday 28 March 2027 at 2:00.
    before = EventFactory(
        title="Samedi",
        kind="formation",
        starts_at=datetime(2027, 3, 27, 10, 0, tzinfo=PARIS),
        ends_at=datetime(2027, 3, 27, 12, 0, tzinfo=PARIS),
    )
    after = EventFactory(
        title="Lundi",
        kind="formation",
        starts_at=datetime(2027, 3, 29, 10, 0, tzinfo=PARIS),
        ends_at=datetime(2027, 3, 29, 12, 0, tzinfo=PARIS),
    )
    EventFactory(title="Un salon", kind="salon")
    response = visitor.get(reverse("agenda:feed"), {"kind": "formation"})
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = {str(vevent["SUMMARY"]): vevent for vevent in calendar.walk("VEVENT")}
    assert set(events) == {"Samedi", "Lundi"}
    saturday = events["Samedi"]["DTSTART"].dt
    monday = events["Lundi"]["DTSTART"].dt
    assert saturday == before.starts_at and monday == after.starts_at
    assert saturday.astimezone(PARIS).hour == 10 and monday.astimezone(PARIS).hour == 10
    assert (saturday.utcoffset(), monday.utcoffset()) == (
        timedelta(0),
        timedelta(0),
    )  # written in UTC
    assert saturday.astimezone(ZoneInfo("UTC")).hour == 9
    assert monday.astimezone(ZoneInfo("UTC")).hour == 8
    assert len({str(vevent["UID"]) for vevent in calendar.walk("VEVENT")}) == 2


def test_ical_feed_with_invalid_filters_is_a_400(visitor):
    response = visitor.get(reverse("agenda:feed"), {"kind": "concert"})
    assert response.status_code == 400


def test_map_layer_of_upcoming_events(visitor):
    EventFactory(title="Sur la carte")
    body = visitor.get(
        "/carte/couches/evenements.geojson", {"bbox": "4.6,43.6,5.8,44.5", "zoom": 10}
    ).json()
    assert [feature["properties"]["name"] for feature in body["features"]] == ["Sur la carte"]
    assert visitor.get(reverse("agenda:map")).status_code == 200


def test_unpublished_event_is_404(visitor):
    assert visitor.get(EventFactory(status="submitted").get_absolute_url()).status_code == 404


def test_a_busy_day_shows_three_events_and_a_link_to_the_others(visitor):
    for hour in range(8, 14):
        EventFactory(
            title=f"À {hour} h",
            starts_at=datetime(2027, 4, 6, hour, 0, tzinfo=PARIS),
            ends_at=datetime(2027, 4, 6, hour, 30, tzinfo=PARIS),
        )
    with assert_max_queries(8):
        html = visitor.get(reverse("agenda:month"), {"mois": "2027-04"}).content.decode()
    assert "08:00 À 8 h" in html and "10:00 À 10 h" in html
    assert "11:00 À 11 h" not in html
    assert "et 3 autres" in html
    assert "du=2027-04-06&amp;au=2027-04-06" in html


def test_the_feed_holds_at_most_the_next_200_events(visitor):
    from agenda.models import Event
    from agenda.views import FEED_LIMIT

    template = EventFactory()
    Event.objects.bulk_create(
        [
            Event(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in Event._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            for _ in range(FEED_LIMIT + 20)
        ]
    )
    calendar = Calendar.from_ical(visitor.get(reverse("agenda:feed")).content)
    assert len(calendar.walk("VEVENT")) == FEED_LIMIT


SECRET_ROOM = "https://visio.exemple.test/salle-privee-8341"


def test_the_online_meeting_link_never_appears_in_public_outputs(visitor):
    event = EventFactory(
        title="Webinaire", commune=None, venue="", online_url=SECRET_ROOM, capacity=3
    )
    html = visitor.get(event.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert data["location"]["name"] == "En ligne"
    ics = visitor.get(reverse("agenda:ics", args=[event.pk]))
    (vevent,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "En ligne"
    feed = visitor.get(reverse("agenda:feed"))
    for content in [html, ics.content.decode(), feed.content.decode()]:
        assert "salle-privee-8341" not in content
