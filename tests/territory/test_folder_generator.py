"""generate_territory_folder: a new département's starting folder from its official files."""

import csv
import io
import json
import tomllib

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from territory.enums import FacilityKind, LocationPrecision
from territory.folder import RUBRICS, read_territory
from territory.importers import import_communes, import_health_facilities
from territory.models import Commune, HealthFacility
from tests.helpers.territory import empty_territory_tables

COG_HEADER = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"
COG_ROWS = [
    "COM,47001,75,47,47D,472,0,AGEN,Agen,Agen,4798,",
    "COM,47002,75,47,47D,472,0,BOE,Boé,Boé,4798,",
    "COMD,47900,75,47,47D,472,0,ANCIENNE,Ancienne,Ancienne,,47002",
    "COM,47003,75,47,47D,473,0,NERAC,Nérac,Nérac,4799,",
    "COM,84007,93,84,84D,842,0,AVIGNON,Avignon,Avignon,8499,",
]
# Three small squares side by side around (44.20 N, 0.60 E), and one commune of Vaucluse.
SQUARES = {"47001": 0.60, "47002": 0.64, "47003": 0.68, "84007": 4.80}
CH_POINT = (0.615, 44.215)  # longitude, latitude


def square(lon, lat=44.2, side=0.04):
    ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def contours(**overrides):
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "nom": f"Commune {code}", "population": 1000 + i},
            "geometry": square(lon),
        }
        for i, (code, lon) in enumerate(SQUARES.items())
    ]
    for index, properties in overrides.items():
        features[int(index.removeprefix("f"))]["properties"] = properties
    return json.dumps({"type": "FeatureCollection", "features": features})


def finess_line(finess, category, label, commune, department, fields=None):
    line = ["structureet", finess, finess[:8] + "0", f"ETABLISSEMENT {finess}", ""]
    line += ["", "", "12", "AV", "JEAN JAURES", "", "", commune, department, "DEPT"]
    line += [f"{department}000 VILLE", "0553000000", "", category, label, "1100"]
    line += ["Etablissements", "", "", "", "", "", "", "2000-01-01", "2000-01-01", "2026-10-01", ""]
    return ";".join(line[:fields] if fields else line)


def lambert93(lon, lat):
    point = Point(lon, lat, srid=4326)
    point.transform(2154)
    return point.x, point.y


def finess_file(*extra):
    x, y = lambert93(*CH_POINT)
    lines = [
        "finess;etalab;95;2026-11-01",
        finess_line("470000011", "355", "Centre Hospitalier (C.H.)", "001", "47"),
        finess_line("470000029", "603", "Maison de santé (L.6223-3)", "002", "47"),
        finess_line("470000037", "500", "EHPAD", "003", "47"),
        finess_line("840000045", "355", "Centre Hospitalier (C.H.)", "007", "84"),
        *extra,
        f"geolocalisation;470000011;{x:.1f};{y:.1f};1,ATLASANTE,100,IGN,LAMBERT_93;2026-10-01",
    ]
    return "\n".join(lines) + "\n"


ZONING = (
    "code_insee;nom;zonage\n"
    "47001;Agen;ZIP\n"
    "47002;Boé;zone d'action complémentaire\n"
    "47003;Nérac;HZ\n"
    "84007;Avignon;ZIP\n"
)


@pytest.fixture
def inputs(tmp_path):
    files = {
        "communes": ("v_commune_2024.csv", "\n".join([COG_HEADER, *COG_ROWS]) + "\n"),
        "contours": ("communes-47.geojson", contours()),
        "finess": ("etalab-cs1100507-stock-20261101.csv", finess_file()),
        "zoning": ("zonage-medecins-47.csv", ZONING),
    }
    paths = {}
    for key, (name, text) in files.items():
        paths[key] = tmp_path / "in" / name
        paths[key].parent.mkdir(exist_ok=True)
        paths[key].write_text(text, encoding="utf-8")
    return paths


def generate(tmp_path, inputs, *extra, **replaced):
    files = {**inputs, **replaced}
    arguments = ["--departement", "47", "--name", "Lot-et-Garonne", "--out", str(tmp_path / "out")]
    for key, path in files.items():
        if path is not None:
            arguments += [f"--{key}", str(path)]
    call_command("generate_territory_folder", *arguments, *extra)
    return tmp_path / "out"


def write(tmp_path, name, text):
    path = tmp_path / "in" / name
    path.write_text(text, encoding="utf-8")
    return path


def csv_rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
def test_the_generated_folder_is_readable_and_its_files_import(tmp_path, inputs, capsys):
    out = generate(tmp_path, inputs)

    territory = read_territory(out)
    assert (territory["code"], territory["name"]) == ("47", "Lot-et-Garonne")
    assert (territory["region"], territory["ars"]) == (
        "Nouvelle-Aquitaine",
        "ARS Nouvelle-Aquitaine",
    )
    assert [rubric["key"] for rubric in territory["rubrics"]] == list(RUBRICS)
    assert territory["rubrics"][0]["title"] == "Exercer la médecine en Lot-et-Garonne"
    assert territory["portal"]["publisher"] == "À COMPLÉTER"
    assert territory["zoning"] is None  # left commented for the reviewer
    latitude, longitude = territory["map"]["center"]
    assert latitude == pytest.approx(44.22) and longitude == pytest.approx(0.66)
    assert territory["map"]["zoom"] == 12
    assert set(territory["files"]) == {"communes.geojson", "facilities.csv", "zoning.csv"}
    assert [source["licence"] for source in territory["sources"]][:2] == [
        "Licence Ouverte 2.0",
        "À COMPLÉTER",
    ]
    assert territory["sources"][0]["source"] == "INSEE, Code officiel géographique 2024"
    assert "extraction du 2026-11-01" in territory["sources"][2]["source"]
    manifest = (out / "territory.toml").read_text(encoding="utf-8")
    assert "# [zoning]\n# valid_from = AAAA-MM-JJ" in manifest

    communes = json.loads((out / "communes.geojson").read_text(encoding="utf-8"))
    assert [feature["properties"] for feature in communes["features"]] == [
        {"insee": "47001", "name": "Agen", "population": 1000},
        {"insee": "47002", "name": "Boé", "population": 1001},
        {"insee": "47003", "name": "Nérac", "population": 1002},
    ]
    report = import_communes((out / "communes.geojson").read_bytes(), departement="47")
    assert (report.created, report.skipped) == (3, [])
    assert Commune.objects.get(insee_code="47002").name == "Boé"

    facilities = csv_rows(out / "facilities.csv")
    assert [row["finess_et"] for row in facilities] == ["470000011", "470000029"]
    hospital, msp = facilities
    assert float(hospital["lat_wgs84"]) == pytest.approx(CH_POINT[1], abs=1e-5)
    assert float(hospital["lon_wgs84"]) == pytest.approx(CH_POINT[0], abs=1e-5)
    assert (hospital["commune_insee"], hospital["code_postal"]) == ("47001", "47000")
    assert (msp["lat_wgs84"], msp["type_large"]) == ("", "maison_de_sante")
    report = import_health_facilities((out / "facilities.csv").read_bytes())
    assert (report.created, report.skipped) == (2, [])
    imported = HealthFacility.objects.get(finess_et="470000029")
    assert imported.kind == FacilityKind.MSP
    assert imported.location_precision == LocationPrecision.COMMUNE

    assert [(row["commune_insee"], row["zone"]) for row in csv_rows(out / "zoning.csv")] == [
        ("47001", "ZIP"),
        ("47002", "ZAC"),
        ("47003", "hors_zonage"),
    ]
    sources = (out / "SOURCES.md").read_text(encoding="utf-8")
    assert "`v_commune_2024.csv`" in sources and "| 3 communes |" in sources
    assert "| extraction du 2026-11-01 |" in sources
    printed = capsys.readouterr().out
    assert "territory.toml [zoning] : À COMPLÉTER" in printed
    assert "publisher À COMPLÉTER" in printed
    assert "« en Lot-et-Garonne », « de Lot-et-Garonne » sont déduits du nom" in printed
    assert "facilities.csv : 1 établissement(s) sans coordonnées" in printed
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]


def test_the_prepositions_given_are_written(tmp_path, inputs):
    out = generate(
        tmp_path,
        inputs,
        "--with-preposition",
        "dans le Lot-et-Garonne",
        "--of",
        "du Lot-et-Garonne",
        finess=None,
        zoning=None,
    )
    manifest = tomllib.loads((out / "territory.toml").read_text(encoding="utf-8"))
    assert manifest["departement"]["with_preposition"] == "dans le Lot-et-Garonne"
    assert manifest["departement"]["of"] == "du Lot-et-Garonne"
    assert "zoning" not in manifest
    assert sorted(path.name for path in out.iterdir()) == [
        "SOURCES.md",
        "communes.geojson",
        "territory.toml",
    ]


def refused(tmp_path, inputs, match, *extra, **replaced):
    with pytest.raises(CommandError, match=match) as caught:
        generate(tmp_path, inputs, *extra, **replaced)
    assert not (tmp_path / "out").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in"]  # no temporary folder left
    return str(caught.value)


@pytest.mark.parametrize(
    ("argument", "wrong", "message"),
    [
        ("communes", "finess", "n’est pas la liste des communes du Code officiel géographique"),
        ("contours", "communes", "n’est pas un GeoJSON FeatureCollection"),
        ("finess", "zoning", "n’est pas une extraction FINESS"),
        ("zoning", "communes", "n’est pas un fichier de zonage"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_by_name(tmp_path, inputs, argument, wrong, message):
    error = refused(tmp_path, inputs, message, **{argument: inputs[wrong]})
    assert str(inputs[wrong]) in error


def test_outlines_that_are_not_communes_are_refused(tmp_path, inputs):
    departements = write(
        tmp_path,
        "departements.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"dep": "47"}, "geometry": None}],
            }
        ),
    )
    refused(tmp_path, inputs, "pas un fichier de contours de communes", contours=departements)


def test_a_commune_line_without_code_is_refused_with_its_file_and_line(tmp_path, inputs):
    rows = [*COG_ROWS[:1], "COM,,75,47,47D,472,0,SANSCODE,Sanscode,Sanscode,4798,", *COG_ROWS[1:]]
    cog = write(tmp_path, "v_commune_2024.csv", "\n".join([COG_HEADER, *rows]) + "\n")
    refused(
        tmp_path, inputs, r"v_commune_2024.csv, ligne 3 : code commune \(COM\) vide", communes=cog
    )


def test_every_bad_line_of_every_file_is_named(tmp_path, inputs):
    outlines = contours(f1={"nom": "Sans code"})
    outlines = outlines.replace('"code": "47003"', '"code": "47009"')
    bad_zoning = ZONING.replace("47003;Nérac;HZ", "47003;Nérac;zone rouge")
    error = refused(
        tmp_path,
        inputs,
        "rien n’a été écrit",
        contours=write(tmp_path, "communes-47.geojson", outlines),
        zoning=write(tmp_path, "zonage-medecins-47.csv", bad_zoning),
        finess=write(tmp_path, "etalab.csv", finess_file("structureet;470000052;TRONQUEE")),
    )
    assert "communes-47.geojson, entité n° 2 : pas de code commune" in error
    assert "communes-47.geojson, entité n° 3 : commune 47009 Commune 47003 absente" in error
    assert "v_commune_2024.csv, ligne 3 : commune 47002 (Boé) sans contour" in error
    assert "v_commune_2024.csv, ligne 5 : commune 47003 (Nérac) sans contour" in error
    assert "etalab.csv, ligne 6 : 3 champs au lieu de 32" in error
    assert "zonage-medecins-47.csv, ligne 4 : zone « zone rouge » inconnue" in error


def test_outlines_in_lambert_93_are_refused_with_what_to_do(tmp_path, inputs):
    outlines = json.loads(contours())
    outlines["features"][0]["geometry"] = square(516000, 6340000, side=1000)
    path = write(tmp_path, "communes-47.geojson", json.dumps(outlines))
    refused(tmp_path, inputs, "entité n° 1 : commune 47001 : .*reprojetez", contours=path)


def test_finess_lines_of_another_departement_are_left_out_even_if_invalid(tmp_path, inputs):
    other = finess_line("130000017", "355", "Centre Hospitalier (C.H.)", "055", "13")
    invalid_elsewhere = finess_line("13000", "355", "Centre Hospitalier (C.H.)", "055", "13")
    out = generate(
        tmp_path,
        inputs,
        finess=write(tmp_path, "etalab.csv", finess_file(other, invalid_elsewhere)),
    )
    numbers = [row["finess_et"] for row in csv_rows(out / "facilities.csv")]
    assert numbers == ["470000011", "470000029"]


def test_a_non_empty_out_is_refused_unless_forced(tmp_path, inputs):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(CommandError, match="n’est pas vide : .* --force"):
        generate(tmp_path, inputs)
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["notes.txt"]

    generate(tmp_path, inputs, "--force")
    assert not (tmp_path / "out" / "notes.txt").exists()
    assert read_territory(tmp_path / "out")["code"] == "47"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]


def test_force_never_deletes_an_input_file(tmp_path, inputs):
    out = tmp_path / "in"
    with pytest.raises(CommandError, match="que --force effacerait"):
        call_command(
            "generate_territory_folder",
            *("--departement", "47", "--name", "Lot-et-Garonne", "--out", str(out), "--force"),
            *("--communes", str(inputs["communes"]), "--contours", str(inputs["contours"])),
        )
    assert inputs["communes"].exists()


def test_the_reviewed_folder_loads_with_load_territory(tmp_path, inputs, settings, db):
    """The whole path of a new département: generate, review ([zoning]), load."""
    out = generate(tmp_path, inputs)
    settings.TERRITORY = read_territory(out)
    empty_territory_tables()

    with pytest.raises(CommandError, match=r"\[zoning\].*Nothing was imported"):
        call_command("load_territory", stdout=io.StringIO())
    assert not Commune.objects.exists()

    manifest = out / "territory.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + '\n[zoning]\nvalid_from = 2026-01-05\nsource = "Arrêté ARS d’essai"\n',
        encoding="utf-8",
    )
    settings.TERRITORY = read_territory(out)
    call_command("load_territory", stdout=io.StringIO())

    assert sorted(Commune.objects.values_list("insee_code", flat=True)) == [
        "47001",
        "47002",
        "47003",
    ]
    assert HealthFacility.objects.filter(commune__insee_code__startswith="47").exists()
    assert Commune.objects.get(insee_code="47001").zonings.exists()
