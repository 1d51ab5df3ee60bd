"""The observatory's importer of newer official files, from the project lead's side: the
command with its dry run and progress, the admin form with its dry run, the page and the open
data showing the newest vintage, idempotent re-runs, and bad files refused clearly."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from collective.models import CommuneIndicator, ObservatoryImport
from collective.observatory import commune_rows, gp_counts
from tests.helpers.queries import assert_max_queries

BPE_2024 = "codgeo;valeur\n84019;7\n84031;30\n13055;900\n"
BPE_DETAIL = "DEPCOM,TYPEQU,NB_EQUIP\n84019,D201,4\n84019,D201,2\n84019,A101,9\n84087,D201,11\n"
APL = 'code_insee,apl\n84019;\n84019,"2,9"\n84031,3.4\n84087,pas un nombre\n'
PAGE = "/collectif/observatoire/"


def run(tmp_path, text, *args):
    path = tmp_path / "fichier.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_observatory", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_reports_and_writes_nothing(territory, tmp_path):
    output = run(tmp_path, BPE_2024, "--millesime", "BPE 2024", "--dry-run")
    assert "[dry run, nothing written]" in output
    assert "151 created" in output  # every commune: those absent from the BPE have none
    assert "151/151" in output  # the progress display
    assert "1 commune(s) hors du territoire" in output
    assert not CommuneIndicator.objects.exists() and not ObservatoryImport.objects.exists()
    assert gp_counts()["84019"] == (5, "BPE 2020")


def test_a_newer_bpe_replaces_the_shipped_file_on_the_page_and_in_the_exports(
    territory, tmp_path, visitor
):
    run(tmp_path, BPE_2024, "--millesime", "BPE 2024")
    counts = gp_counts()
    assert counts["84019"] == (7, "BPE 2024") and counts["84031"] == (30, "BPE 2024")
    assert counts["84087"] == (0, "BPE 2024")
    html = visitor.get(PAGE).content.decode()
    assert "BPE 2024" in html and "BPE 2020" not in html
    items = json.loads(
        b"".join(visitor.get("/donnees-ouvertes/observatoire.json").streaming_content)
    )
    bollene = next(item for item in items if item["code_insee"] == "84019")
    assert bollene["medecins_generalistes"] == 7 and bollene["millesime_medecins"] == "BPE 2024"
    # a second run of the same file changes nothing
    assert "0 created, 0 updated, 151 unchanged" in run(
        tmp_path, BPE_2024, "--millesime", "BPE 2024"
    )


def test_the_bpe_detail_file_counts_the_general_practitioners(territory, tmp_path):
    run(tmp_path, BPE_DETAIL, "--millesime", "BPE 2023")
    counts = gp_counts()
    assert counts["84019"] == (6, "BPE 2023")  # 4 + 2, the A101 row is not a GP
    assert counts["84087"] == (11, "BPE 2023")


def test_the_apl_appears_once_imported_and_unreadable_lines_are_reported(
    territory, tmp_path, visitor
):
    assert "APL</th>" not in visitor.get(PAGE).content.decode()
    output = run(tmp_path, APL, "--indicateur", "apl", "--millesime", "APL 2023")
    assert "skipped ligne 5: valeur illisible" in output
    rows = {row.insee_code: row for row in commune_rows()}
    assert rows["84019"].apl == 2.9 and rows["84031"].apl == 3.4
    assert rows["84087"].apl is None
    with assert_max_queries(14):
        html = visitor.get(PAGE).content.decode()
    assert "APL</th>" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nom,valeur\nBollène,3\n", "code INSEE"),
        ("codgeo,autre\n84019,3\n", "valeur"),
        ("codgeo,valeur\n13055,3\n", "territoire"),
        ("", "code INSEE"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(territory, tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, text, "--millesime", "BPE 2024")
    assert not ObservatoryImport.objects.exists()


def upload(text):
    return SimpleUploadedFile("bpe.csv", text.encode(), content_type="text/csv")


def test_the_project_lead_dry_runs_then_imports_from_the_admin(territory, project_lead):
    url = reverse("admin:collective_observatoryimport_import")
    assert project_lead.get(url).status_code == 200
    form = {"indicator": "medecins_generalistes", "vintage": "BPE 2024"}
    response = project_lead.post(url, {**form, "file": upload(BPE_2024), "dry_run": "on"})
    assert response.status_code == 200
    assert "Essai à blanc : rien n’a été enregistré" in response.content.decode()
    assert not CommuneIndicator.objects.exists()
    response = project_lead.post(url, {**form, "file": upload(BPE_2024)})
    assert response.status_code == 302
    assert CommuneIndicator.objects.filter(vintage="BPE 2024").count() == 151
    dashboard = project_lead.get(reverse("admin:index")).content.decode()
    assert "Derniers imports de l’observatoire" in dashboard and "BPE 2024" in dashboard


def test_a_bad_upload_is_a_form_error(territory, project_lead):
    url = reverse("admin:collective_observatoryimport_import")
    response = project_lead.post(
        url,
        {"indicator": "inconnu", "vintage": "x", "file": upload("codgeo,valeur\n84019,1\n")},
    )
    assert response.status_code == 200 and response.context["form"].errors["indicator"]
    response = project_lead.post(
        url, {"indicator": "apl", "vintage": "APL", "file": upload("a,b\n1,2\n")}
    )
    assert "code INSEE" in str(response.context["form"].errors["file"])


@pytest.mark.parametrize("persona", ["visitor", "professional", "partner_a"])
def test_others_cannot_import(request, persona, territory):
    client = request.getfixturevalue(persona)
    response = client.get(reverse("admin:collective_observatoryimport_import"))
    assert response.status_code == 302
    assert "/admin/" not in response["Location"].split("?")[0] or "login" in response["Location"]
