"""territory.toml is checked on load: each mistake is named with its file and table (or line)."""

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from territory.folder import (
    DEFAULT_DIR,
    RUBRICS,
    TerritoryFolderError,
    contrast_ratio,
    leaflet_settings,
    portal_settings,
    read_territory,
)

OTHER = Path(__file__).resolve().parents[1] / "territories" / "lot-et-garonne"


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "territoire"
    shutil.copytree(OTHER, copy)
    return copy


def edit(folder, old, new):
    manifest = folder / "territory.toml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new), encoding="utf-8")


def test_the_vaucluse_folder_is_the_default_and_reads():
    territory = read_territory(DEFAULT_DIR)

    assert territory["code"] == "84" and territory["database"] == "vsa"
    assert [rubric["key"] for rubric in territory["rubrics"]] == list(RUBRICS)
    assert {"communes.geojson", "zoning.csv", "aids.yaml", "partners.csv"} <= set(
        territory["files"]
    )


def test_malformed_toml_names_the_file_and_the_line(folder):
    edit(folder, 'name = "Lot-et-Garonne"', 'name = "Lot-et-Garonne')

    with pytest.raises(TerritoryFolderError, match=r"territory\.toml : TOML invalide.*line 7"):
        read_territory(folder)


def test_every_mistake_is_reported_at_once_with_its_table(folder):
    edit(folder, 'code = "47"', 'code = "Lot"')
    edit(folder, 'primary = "#0b5d4b"', 'primary = "#a0d8c0"')
    edit(folder, 'key = "agenda"', 'key = "blog"')
    edit(folder, 'short_name = "GSI"', 'short_name = ""')

    with pytest.raises(TerritoryFolderError) as error:
        read_territory(folder)

    message = str(error.value)
    assert "[departement] : « code » : « Lot » n’est pas un code de département." in message
    assert "[theme] : « primary » (#a0d8c0) est trop clair sur fond blanc" in message
    assert "[rubrics n° 4] : « key » : « blog » inconnue" in message
    assert "[portal] : « short_name » est obligatoire." in message


def test_a_missing_communes_file_or_logo_is_named(folder):
    (folder / "communes.geojson").unlink()
    edit(folder, 'highlight = "#e9b44c"', 'highlight = "#e9b44c"\nlogo = "logo.svg"')

    with pytest.raises(TerritoryFolderError) as error:
        read_territory(folder)

    assert "« communes.geojson » est absent du dossier" in str(error.value)
    assert "« logo » : le fichier « logo.svg » est absent du dossier." in str(error.value)


def test_a_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(TerritoryFolderError, match="dossier de territoire introuvable"):
        read_territory(tmp_path / "nulle-part")


def test_environment_variables_override_the_folder(monkeypatch):
    monkeypatch.setenv("PORTAL_NAME", "Santé Attractivité — préproduction")
    monkeypatch.setenv("MAP_CENTER", "44.1,0.5")
    monkeypatch.setenv("MAP_TILE_URL", "https://tuiles.example.org/{z}/{x}/{y}.png")
    territory = read_territory(OTHER)

    portal, leaflet = portal_settings(territory), leaflet_settings(territory)

    assert portal["NAME"] == "Santé Attractivité — préproduction"
    assert portal["SHORT_NAME"] == "GSI"  # not overridden: from territory.toml
    assert leaflet["DEFAULT_CENTER"] == (44.1, 0.5)
    assert leaflet["DEFAULT_ZOOM"] == 10
    assert leaflet["TILES"][0][1] == "https://tuiles.example.org/{z}/{x}/{y}.png"


def test_contrast_ratio_follows_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_the_theme_and_the_logo_of_vaucluse_are_served(client, db):
    home = client.get(reverse("home")).content.decode()
    assert "/territoire/theme.css?v=" in home and "/territoire/logo?v=" in home

    css = client.get(reverse("theme_css"))
    logo = client.get(reverse("territory_logo"))

    assert css["Content-Type"].startswith("text/css")
    assert "--primary: #4a2d7a;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    assert logo["Content-Type"] == "image/svg+xml"
    assert "sandbox" in logo["Content-Security-Policy"]
    assert client.get("/favicon.ico").url.startswith("/territoire/logo?v=")
