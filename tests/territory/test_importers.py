from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from territory.enums import FacilityKind, LocationPrecision, Sector, Zone
from territory.importers import (
    ImportFailed,
    import_communes,
    import_cpts,
    import_finess,
    import_health_facilities,
    import_zoning,
)
from territory.models import CPTS, EPCI, Commune, HealthFacility, Zoning

SAMPLES = Path(__file__).parent / "samples"
DATA = Path(__file__).resolve().parents[2] / "territories" / "vaucluse"

pytestmark = pytest.mark.django_db


def sample(name):
    return (SAMPLES / name).read_bytes()


# --- Reference data (loaded once by conftest) ---------------------------------------------------


def test_reference_data_is_loaded_completely():
    assert Commune.objects.count() == 151
    assert HealthFacility.objects.filter(is_demo=False).count() == 74
    assert CPTS.objects.filter(is_demo=False).count() == 10
    assert CPTS.objects.get(slug="cpts-du-grand-avignon").communes.count() == 12
    # Every commune is in exactly one CPTS.
    assert Commune.objects.filter(cpts__isnull=True).count() == 0
    assert Commune.objects.annotate(n=Count("cpts")).filter(n__gt=1).count() == 0
    avignon = Commune.objects.get(insee_code="84007")
    assert avignon.name == "Avignon" and avignon.slug == "avignon"
    assert avignon.population > 90000
    assert avignon.epci.name
    assert avignon.boundary.contains(avignon.centroid)


def test_facilities_without_coordinates_are_placed_at_their_commune_and_flagged():
    placed = HealthFacility.objects.filter(location_precision=LocationPrecision.COMMUNE)
    assert placed.count() == 9
    for facility in placed.select_related("commune"):
        assert facility.point == facility.commune.reference_point


def test_facilities_missing_from_sae_2022_are_flagged_for_checking():
    bollene = HealthFacility.objects.get(name="CENTRE HOSPITALIER LOUIS PASTEUR DE BOLLENE")
    assert "à vérifier" in bollene.verification_note
    assert HealthFacility.objects.exclude(verification_note="").count() == 35


def test_rerunning_the_reference_import_changes_nothing(capsys):
    call_command("load_territory")
    out = capsys.readouterr().out
    assert "Communes: 0 created, 0 updated, 151 unchanged, 0 skipped." in out
    assert "Health facilities: 0 created, 0 updated, 74 unchanged, 0 skipped." in out
    assert "CPTS: 0 created, 0 updated, 10 unchanged, 0 skipped." in out
    assert "Schools: 0 created, 0 updated, 318 unchanged, 0 skipped." in out
    assert "Railway stations: 0 created, 0 updated, 18 unchanged, 0 skipped." in out


def test_reference_data_is_never_labelled_demo():
    assert not HealthFacility.objects.filter(is_demo=True).exists()
    assert not CPTS.objects.filter(is_demo=True).exists()


# --- Communes ------------------------------------------------------------------------------


def test_commune_import_reports_created_and_skipped_rows_with_reasons():
    report = import_communes(sample("communes_sample.geojson"))
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    reasons = dict(report.skipped)
    assert reasons["feature 3"] == "code INSEE absent ou invalide"
    assert reasons["99004"] == "contour illisible"
    assert "Point" in reasons["99005"]
    commune = Commune.objects.get(insee_code="99001")
    assert commune.slug == "echantillon-sur-test"
    assert commune.postal_codes == ["99100"]
    assert commune.town_hall_point.coords == (5.01, 44.01)
    assert EPCI.objects.get(siren="999999999").communes.count() == 2
    assert Commune.objects.get(insee_code="99002").boundary.geom_type == "MultiPolygon"


def test_commune_import_rerun_changes_nothing_then_updates_what_changed():
    import_communes(sample("communes_sample.geojson"))
    again = import_communes(sample("communes_sample.geojson"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    changed = sample("communes_sample.geojson").replace(
        b'"population": 1200', b'"population": 1250'
    )
    report = import_communes(changed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Commune.objects.get(insee_code="99001").population == 1250


def test_commune_import_of_a_file_that_is_not_geojson_writes_nothing():
    before = Commune.objects.count()
    with pytest.raises(ImportFailed, match="GeoJSON"):
        import_communes(b'{"type": "FeatureCollection", "features": [')
    assert Commune.objects.count() == before


def test_a_failure_midway_leaves_no_half_import(monkeypatch):
    """An unexpected error on the second commune rolls back the first one too."""
    from territory import importers

    calls = []
    real_upsert = importers.upsert

    def failing_upsert(model, lookup, values, report=None):
        if model is Commune:
            calls.append(lookup)
            if len(calls) == 2:
                raise RuntimeError("disk full")
        return real_upsert(model, lookup, values, report)

    monkeypatch.setattr(importers, "upsert", failing_upsert)
    with pytest.raises(RuntimeError):
        import_communes(sample("communes_sample.geojson"))
    assert not Commune.objects.filter(insee_code__startswith="99").exists()
    assert not EPCI.objects.filter(siren="999999999").exists()


# --- Health facilities (reference CSV) -------------------------------------------------------


def test_facility_import_places_rows_and_skips_bad_ones():
    import_communes(sample("communes_sample.geojson"))
    report = import_health_facilities(sample("facilities_sample.csv"))
    assert report.created == 2
    reasons = dict(report.skipped)
    assert reasons["line 4"] == "numéro FINESS établissement absent ou invalide"
    assert "12345" in reasons["990000037"]

    hospital = HealthFacility.objects.get(finess_et="990000011")
    assert hospital.kind == FacilityKind.HOSPITAL
    assert hospital.sector == Sector.PUBLIC
    assert hospital.location_precision == LocationPrecision.EXACT
    assert hospital.address == "1 Rue De L'Hopital"

    clinic = HealthFacility.objects.get(finess_et="990000029")
    assert clinic.location_precision == LocationPrecision.COMMUNE
    assert clinic.point == clinic.commune.town_hall_point
    assert clinic.verification_note


def test_facility_import_refuses_a_file_without_the_expected_columns():
    with pytest.raises(ImportFailed, match="Colonnes manquantes : finess_et"):
        import_health_facilities(b"nom,commune\nHopital,84007\n")


# --- CPTS ---------------------------------------------------------------------------------------


def test_cpts_import_sets_the_communes_and_reports_unknown_ones():
    report = import_cpts(sample("cpts_sample.csv"), sample("cpts_communes_sample.csv"))
    assert report.updated == 1  # the reference CPTS loses the communes missing from this sample
    assert report.skipped == [("communes line 4", "commune '00000' inconnue")]
    codes = set(CPTS.objects.get().communes.values_list("insee_code", flat=True))
    assert codes == {"84007", "84129"}

    again = import_cpts(sample("cpts_sample.csv"), sample("cpts_communes_sample.csv"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


# --- FINESS extraction --------------------------------------------------------------------------


def test_finess_import_reads_the_official_format_and_converts_lambert_93():
    report = import_finess(sample("etalab-cs1100507-stock-20261101.csv"), department="84")
    assert report.notes == ["file read as windows-1252"]
    assert report.created == 3  # the CH, the MSP, the centre de santé; not the EHPAD, not the 13
    assert dict(report.skipped) == {"line 7": "4 champs au lieu de 32"}

    hospital = HealthFacility.objects.get(finess_et="840099991")
    assert hospital.kind == FacilityKind.HOSPITAL
    assert hospital.commune.insee_code == "84007"
    assert hospital.point.x == pytest.approx(4.80559, abs=1e-4)
    assert hospital.point.y == pytest.approx(43.94929, abs=1e-4)
    assert hospital.location_precision == LocationPrecision.EXACT
    assert hospital.postal_code == "84000"

    msp = HealthFacility.objects.get(finess_et="840099982")
    assert msp.kind == FacilityKind.MSP
    assert msp.name == "MSP DES ÉCHANTILLONS"
    assert msp.commune.name == "Carpentras"
    assert msp.is_demo is False

    centre = HealthFacility.objects.get(finess_et="840099958")
    assert centre.kind == FacilityKind.HEALTH_CENTRE
    assert centre.location_precision == LocationPrecision.COMMUNE

    assert not HealthFacility.objects.filter(finess_et__in=["840099974", "130099966"]).exists()


def test_finess_import_rerun_changes_nothing():
    import_finess(sample("etalab-cs1100507-stock-20261101.csv"), department="84")
    again = import_finess(sample("etalab-cs1100507-stock-20261101.csv"), department="84")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_finess_import_can_keep_only_some_categories():
    report = import_finess(
        sample("etalab-cs1100507-stock-20261101.csv"), department="84", categories=["603"]
    )
    assert report.created == 1
    assert HealthFacility.objects.filter(finess_et="840099982").exists()


def test_finess_import_refuses_another_file():
    with pytest.raises(ImportFailed, match="extraction FINESS"):
        import_finess(sample("zoning_sample.csv"))


def test_finess_command_prints_progress_and_report(capsys):
    call_command(
        "import_finess", str(SAMPLES / "etalab-cs1100507-stock-20261101.csv"), "--department", "84"
    )
    out = capsys.readouterr().out
    assert "FINESS: 3 created, 0 updated, 0 unchanged, 1 skipped." in out
    assert "skipped line 7: 4 champs au lieu de 32" in out


# --- Zoning -------------------------------------------------------------------------------------


def test_zoning_import_reads_zones_and_explains_skipped_lines():
    report = import_zoning(sample("zoning_sample.csv"), date(2025, 6, 1), "Arrêté ARS (test)")
    assert report.created == 4
    reasons = dict(report.skipped)
    assert reasons["line 6"] == "commune '99999' inconnue du portail"
    assert reasons["line 7"] == "commune 84003 déjà présente plus haut dans le fichier"
    assert "Zone rouge" in reasons["line 8"]
    zones = dict(
        Zoning.objects.filter(source="Arrêté ARS (test)").values_list("commune__insee_code", "zone")
    )
    assert zones == {
        "84007": Zone.ZAC,
        "84031": Zone.ZIP,
        "84003": Zone.VIGILANCE,
        "84129": Zone.NONE,
    }


def test_zoning_import_accepts_semicolons_code_insee_and_latin1():
    report = import_zoning(sample("zoning_semicolon.csv"), date(2025, 6, 1), "Arrêté ARS")
    assert report.created == 2
    assert report.notes == ["file read as windows-1252"] or report.notes == []


def test_zoning_import_refuses_utf16_with_a_clear_message():
    with pytest.raises(ImportFailed, match="UTF-16"):
        import_zoning(sample("zoning_utf16.csv"), date(2025, 6, 1), "Arrêté ARS")
    assert not Zoning.objects.filter(source="Arrêté ARS").exists()


def test_zoning_import_rerun_changes_nothing():
    import_zoning(sample("zoning_sample.csv"), date(2025, 6, 1), "Arrêté ARS")
    again = import_zoning(sample("zoning_sample.csv"), date(2025, 6, 1), "Arrêté ARS")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_zoning_command_requires_a_valid_date():
    with pytest.raises(CommandError, match="valid-from"):
        call_command(
            "import_zoning",
            str(SAMPLES / "zoning_sample.csv"),
            "--valid-from",
            "hier",
            "--source",
            "x",
        )


def test_missing_file_gives_a_command_error():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_communes", "/nowhere/communes.geojson")


def test_zoning_import_reads_old_mac_line_endings():
    report = import_zoning(b"insee,zone\r84007,ZAC\r84031,ZIP\r", date(2025, 6, 1), "Arrêté ARS")
    assert report.created == 2


def test_zoning_import_refuses_a_broken_csv_with_a_message():
    with pytest.raises(ImportFailed, match="mal formé"):
        import_zoning(b'insee,zone\n"84007,ZAC\n' + b"x" * 200_000, date(2025, 6, 1), "Arrêté ARS")


def test_a_blank_zone_is_skipped_not_taken_for_hors_zonage():
    report = import_zoning(b"insee,zone\n84007,\n84031,ZIP\n", date(2025, 6, 1), "Arrêté ARS")
    assert report.created == 1
    assert "zone «  » inconnue" in dict(report.skipped)["line 2"]


def test_short_rows_are_skipped_not_fatal():
    report = import_zoning(b"insee,zone\n84007\n84031,ZIP\n", date(2025, 6, 1), "Arrêté ARS")
    assert report.created == 1 and len(report.skipped) == 1


def test_cpts_found_again_when_its_name_changes_only_in_punctuation():
    renamed = sample("cpts_sample.csv").replace(b"CPTS du Grand Avignon", b"CPTS du Grand-Avignon")
    members = sample("cpts_communes_sample.csv").replace(
        b"CPTS du Grand Avignon", b"CPTS du Grand-Avignon"
    )
    report = import_cpts(renamed, members)
    assert report.created == 0 and report.updated == 1
    assert CPTS.objects.get().name == "CPTS du Grand-Avignon"


# --- The real zoning, QPV and FRR, and the successor of an order ------------------------------


def test_load_territory_imports_the_2022_zoning_with_its_dates_qpv_and_frr():
    from territory.models import PriorityDistrict, RuralRevitalisation

    real = Zoning.objects.filter(is_demo=False)
    assert real.count() == 151
    assert {(z.valid_from, z.valid_until) for z in real} == {(date(2022, 2, 2), date(2026, 1, 4))}
    zones = list(real.values_list("zone", flat=True))
    assert (zones.count("zip"), zones.count("zac"), zones.count("hors_zonage")) == (40, 104, 7)
    assert all("2 février 2022" in z.source and z.source_url for z in real)
    assert PriorityDistrict.objects.count() == 23
    assert PriorityDistrict.objects.filter(doctors_zone="zac").get().commune.name == "Pertuis"
    assert RuralRevitalisation.objects.count() == 63


def test_zoning_in_force_ends_with_the_order_and_a_successor_takes_over():
    cadenet = Commune.objects.get(insee_code="84026")
    assert cadenet.zoning_in_force(date(2025, 6, 1)).zone == "zip"
    assert cadenet.zoning_in_force(date(2026, 1, 5)) is None
    assert cadenet.current_zoning().is_ended(date(2026, 1, 5))
    import_zoning(b"insee,zone\n84026,zac\n", date(2026, 1, 5), "Arrêté ARS PACA 2026 (test)")
    assert cadenet.zoning_in_force(date(2026, 3, 1)).zone == "zac"
    assert cadenet.zoning_in_force(date(2025, 6, 1)).zone == "zip"


def test_a_new_order_closes_the_open_one_the_day_before():
    import_zoning(b"insee,zone\n84026,zac\n", date(2027, 1, 1), "Arrêté A (test)")
    import_zoning(b"insee,zone\n84026,zip\n", date(2028, 1, 1), "Arrêté B (test)")
    first = Zoning.objects.get(source="Arrêté A (test)")
    assert first.valid_until == date(2027, 12, 31)


def test_dry_run_of_an_import_command_writes_nothing(tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "zonage.csv"
    path.write_text("code_insee;zone\n84026;ZAC\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_zoning",
        str(path),
        "--valid-from=2027-01-01",
        "--source=Arrêté (essai)",
        "--dry-run",
        stdout=out,
    )
    assert "dry run, nothing written" in out.getvalue()
    assert "1 created" in out.getvalue()
    assert not Zoning.objects.filter(source="Arrêté (essai)").exists()
    assert Zoning.objects.get(commune__insee_code="84026", is_demo=False).valid_until == date(
        2026, 1, 4
    )
