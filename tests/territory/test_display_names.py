"""Facility names from FINESS capitals to French title case (real names of the Vaucluse folder)."""

import csv
from pathlib import Path

import pytest

from territory.names import facility_display_name

DATA = Path(__file__).resolve().parents[2] / "territories" / "vaucluse"
COMMUNES = ["Apt", "Bollène", "L'Isle-sur-la-Sorgue", "Orange", "Vaison-la-Romaine", "Valréas"]


@pytest.mark.parametrize(
    ("finess", "shown"),
    [
        ("CENTRE HOSPITALIER DU PAYS D'APT", "Centre Hospitalier du Pays d'Apt"),
        ("CHS DE MONTFAVET", "CHS de Montfavet"),
        ("CH LOUIS GIORGI SLD D'ORANGE", "CH Louis Giorgi SLD d'Orange"),
        ("USLD SITE PERTUIS", "USLD Site Pertuis"),
        ("HDJ CMP CATTP APT", "HDJ CMP CATTP Apt"),
        ("SMUR CH ORANGE SITE VAISON LA ROMAINE", "SMUR CH Orange Site Vaison-la-Romaine"),
        (
            "CENTRE DE SOINS DE SUITE ET DE READAPTATION LE MYLORD",
            "Centre de Soins de Suite et de Réadaptation le Mylord",
        ),
        ("ATIR CENTRE D'HEMODIALYSE AVIGNON", "ATIR Centre d'Hémodialyse Avignon"),
        ("LE GITE ENFANTS SUD", "Le Gîte Enfants Sud"),
        ("POLYCLINIQUE URBAIN V", "Polyclinique Urbain V"),
        ("HDJ JB GASTALDY AVIGNON NORD", "HDJ JB Gastaldy Avignon Nord"),
        (
            "CENTRE HOSPITALIER LOUIS PASTEUR DE BOLLENE",
            "Centre Hospitalier Louis Pasteur de Bollène",
        ),
        (
            "CENTRE HOSPITALIER DE L'ISLE SUR LA SORGUE",
            "Centre Hospitalier de L'Isle-sur-la-Sorgue",
        ),
        ("CENTRE HOSPITALIER JULES NIEL DE VALREAS", "Centre Hospitalier Jules Niel de Valréas"),
        ("GCS UNITE SENOLOGIQUE DU VENTOUX", "GCS Unité Sénologique du Ventoux"),
        ("EHPAD LES OLIVIERS SUR LA COLLINE", "EHPAD les Oliviers sur la Colline"),
        ("MSP DES SORGUES ET AUX ALENTOURS", "MSP des Sorgues et aux Alentours"),
    ],
)
def test_finess_capitals_become_french_title_case(finess, shown):
    assert facility_display_name(finess, COMMUNES) == shown


def test_a_name_already_in_mixed_case_is_left_as_written():
    name = "Maison de santé de démonstration – Mazan"
    assert facility_display_name(name, COMMUNES) == name


def test_every_reference_facility_gets_a_readable_name():
    with (DATA / "facilities.csv").open(encoding="utf-8") as file:
        names = [row["nom"] for row in csv.DictReader(file)]
    assert len(names) == 74
    for name in names:
        shown = facility_display_name(name, COMMUNES)
        assert shown != name, name
        words = shown.split()
        assert words[0][0].isupper(), shown
        for small in ("De", "Du", "Des", "La", "Les", "Et", "Sur"):
            assert small not in words[1:], shown
