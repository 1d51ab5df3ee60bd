"""Importers of the schools, the railway stations and the CPTS listing: a file with any bad
line is refused as a whole, every bad line reported with the file and the line."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from territory.enums import LocationPrecision, SchoolLevel, SchoolSector, StationSegment
from territory.importers import (
    ImportFailed,
    import_cpts,
    import_highlights,
    import_railway_stations,
    import_schools,
)
from territory.models import CPTS, Commune, RailwayStation, School, TerritoryHighlight

DATA = Path(__file__).resolve().parents[2] / "territories" / "vaucluse"
SCHOOL_HEADER = (
    "uai,nom,type,secteur,contrat_prive,commune_insee,lat_wgs84,lon_wgs84,source_liste_url\n"
)
STATION_HEADER = "code_uic,codes_uic_source,nom,segment_drg,commune_insee,lat_wgs84,lon_wgs84\n"

pytestmark = pytest.mark.django_db


# --- Schools ----------------------------------------------------------------------------------


def test_the_reference_schools_are_loaded_with_their_level_sector_and_position():
    assert School.objects.count() == 318
    assert School.objects.filter(level=SchoolLevel.PRIMARY).count() == 233
    assert School.objects.filter(level=SchoolLevel.MIDDLE).count() == 57
    assert School.objects.filter(level=SchoolLevel.HIGH).count() == 28
    assert School.objects.filter(sector=SchoolSector.PRIVATE).count() == 3  # hors contrat
    exact = School.objects.filter(location_precision=LocationPrecision.EXACT)
    assert set(exact.values_list("level", flat=True)) == {SchoolLevel.MIDDLE}
    for school in School.objects.filter(location_precision=LocationPrecision.COMMUNE)[:20]:
        assert school.point == school.commune.reference_point
    for school in exact.select_related("commune")[:20]:
        assert school.commune.boundary.intersects(school.point)


def test_a_school_file_with_bad_lines_is_refused_whole_with_every_line_and_reason():
    before = School.objects.count()
    renamed = School.objects.get(uai="0840467B")
    data = (
        SCHOOL_HEADER
        + "0840467B,ECOLE RENOMMEE,école primaire,public,,84001,,,\n"
        + "0130001A,COLLEGE DE MARSEILLE,collège,public,,13001,,,\n"
        + "0849999Z,COLLEGE LOIN,collège,public,,84031,48.85,2.35,\n"
        + "ABC,ECOLE,école primaire,public,,84031,,,\n"
        + "0849998Y,CRECHE,crèche,public,,84031,,,\n"
    ).encode()
    with pytest.raises(ImportFailed) as failure:
        import_schools(data, filename="ecoles.csv")
    message = str(failure.value)
    assert "ecoles.csv refusé : 4 ligne(s) en erreur" in message
    assert "ecoles.csv, ligne 3 : commune '13001' hors du territoire du portail" in message
    assert "ecoles.csv, ligne 4 : coordonnées hors du département : 48.85, 2.35" in message
    assert "ecoles.csv, ligne 5 : code UAI 'ABC' invalide" in message
    assert "ecoles.csv, ligne 6 : type « crèche » inconnu" in message
    # Nothing half-imported: the good first line was not written either.
    assert School.objects.count() == before
    renamed.refresh_from_db()
    assert renamed.name == "ECOLE PRIMAIRE"


def test_a_school_file_without_an_expected_column_is_refused():
    with pytest.raises(ImportFailed, match="Colonnes manquantes : commune_insee"):
        import_schools("uai,nom,type,secteur,lat_wgs84,lon_wgs84\n0840467B,E,collège,public,,\n")


def test_the_schools_command_names_the_file_and_line_and_writes_nothing(tmp_path):
    path = tmp_path / "ecoles_2023.csv"
    path.write_text(SCHOOL_HEADER + "0840467B,ECOLE,école primaire,public,,99999,,,\n")
    with pytest.raises(CommandError) as failure:
        call_command("import_schools", str(path))
    assert "ecoles_2023.csv, ligne 2 : commune '99999' hors du territoire" in str(failure.value)
    assert "Nothing was imported." in str(failure.value)


def test_the_schools_dry_run_reports_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "ecoles.csv"
    path.write_text(
        SCHOOL_HEADER + "0840467B,ECOLE DU CENTRE,école primaire,privé,hors contrat,84001,,,\n"
    )
    call_command("import_schools", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "[dry run, nothing written] Schools: 0 created, 1 updated" in out
    assert "317 row(s) absent from the file removed" in out
    assert School.objects.count() == 318
    assert School.objects.get(uai="0840467B").sector == SchoolSector.PUBLIC


def test_a_school_reimport_keeps_a_name_corrected_in_the_admin():
    school = School.objects.get(uai="0840467B")
    school.display_name = "École primaire d’Althen"
    school.save()
    report = import_schools((DATA / "schools.csv").read_bytes())
    assert report.kept == 1 and report.unchanged == 318
    school.refresh_from_db()
    assert school.display_name == "École primaire d’Althen"


# --- Railway stations -------------------------------------------------------------------------


def test_the_reference_stations_are_loaded_with_avignon_tgv_the_only_national_one():
    assert RailwayStation.objects.count() == 18
    national = RailwayStation.objects.national().get()
    assert national.name == "Avignon TGV" and national.uic_codes == ["87318964", "87981902"]
    assert RailwayStation.objects.filter(segment=StationSegment.REGIONAL).count() == 7


def test_a_station_file_with_bad_lines_is_refused_whole():
    before = list(RailwayStation.objects.order_by("pk").values_list("name", "point"))
    data = (
        STATION_HEADER
        + "87765008,87765008,Avignon Centre renommée,B,84007,43.9419,4.805281\n"
        + "87000001,87000001,Marseille,B,13055,43.30,5.38\n"
        + "87000002,87000002,Nulle part,C,84031,,\n"
        + "87000003,87000003,Ailleurs,C,84031,abc,4.8\n"
        + "87000004,87000004,Gare X,Z,84031,44.05,5.05\n"
    ).encode()
    with pytest.raises(ImportFailed) as failure:
        import_railway_stations(data, filename="gares.csv")
    message = str(failure.value)
    assert "gares.csv, ligne 3 : commune '13055' hors du territoire" in message
    assert "gares.csv, ligne 3 : coordonnées hors du département" in message
    assert "gares.csv, ligne 4 : coordonnées absentes" in message
    assert "gares.csv, ligne 5 : coordonnées illisibles" in message
    assert "gares.csv, ligne 6 : segment « Z » inconnu" in message
    assert list(RailwayStation.objects.order_by("pk").values_list("name", "point")) == before


def test_the_stations_command_runs_from_the_reference_file(capsys):
    call_command("import_railway_stations", str(DATA / "stations.csv"))
    out = capsys.readouterr().out
    assert "18/18" in out  # the progress display
    assert "Railway stations: 0 created, 0 updated, 18 unchanged" in out


# --- CPTS listing -----------------------------------------------------------------------------


def test_the_cpts_listing_normalises_websites_splits_emails_and_computes_perimeters():
    cerebellum = CPTS.objects.get(name="CPTS Cerebellum Pays des Sorgues et Luberon")
    assert cerebellum.website == "https://cpts-cerebellum.fr/"
    assert cerebellum.emails == [
        "cpts.cerebellum.sudvaucluse@gmail.com",
        "contact@cpts-cerebellum.fr",
    ]
    for cpts in CPTS.objects.all():
        assert cpts.perimeter is not None
        for commune in cpts.communes.all()[:5]:
            assert cpts.perimeter.contains(commune.boundary.point_on_surface)


def test_a_cpts_absent_from_the_listing_is_removed_but_a_demo_one_stays():
    demo = CPTS.objects.create(name="CPTS de démonstration", slug="cpts-demo", is_demo=True)
    listing = (
        b"cpts_nom,site_web,email\nCPTS Comtat Venaissin,cpts-synapse.fr,contact@cpts-synapse.fr\n"
    )
    members = b"cpts_nom,commune_insee\nCPTS Comtat Venaissin,84031\n"
    report = import_cpts(listing, members)
    assert set(CPTS.objects.values_list("name", flat=True)) == {
        "CPTS Comtat Venaissin",
        demo.name,
    }
    assert any("removed, absent from the listing" in note for note in report.notes)
    carpentras = Commune.objects.get(slug="carpentras")
    assert CPTS.objects.get(name="CPTS Comtat Venaissin").perimeter.intersects(carpentras.centroid)


def test_a_cpts_with_an_invalid_email_is_skipped_with_its_line():
    listing = b"cpts_nom,site_web,email\nCPTS X,,pas-un-email\n"
    report = import_cpts(listing, b"cpts_nom,commune_insee\n")
    assert report.skipped == [("line 2", "e-mail invalide : pas-un-email")]


# --- Highlights -------------------------------------------------------------------------------


def test_highlights_are_loaded_with_their_source_and_an_edit_wins_over_the_file():
    assert TerritoryHighlight.objects.count() == 4
    paris = TerritoryHighlight.objects.get(key="paris-en-tgv")
    assert paris.to_check and paris.source
    paris.text = "Texte revu par la cheffe de projet."
    paris.save()
    report = import_highlights((DATA / "highlights.csv").read_bytes())
    assert report.kept == 1
    paris.refresh_from_db()
    assert paris.text == "Texte revu par la cheffe de projet."
