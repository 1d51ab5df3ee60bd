from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from territory.models import Commune, HealthFacility, Zoning
from tests.helpers.queries import assert_max_queries

SAMPLES = Path(__file__).parent / "samples"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:territory_commune_changelist",
        "admin:territory_healthfacility_changelist",
        "admin:territory_zoning_changelist",
        "admin:territory_cpts_changelist",
        "admin:territory_epci_changelist",
        "admin:territory_prioritydistrict_changelist",
        "admin:territory_ruralrevitalisation_changelist",
        "admin:territory_school_changelist",
        "admin:territory_railwaystation_changelist",
        "admin:territory_territoryhighlight_changelist",
    ],
)
def test_project_lead_browses_the_territory_in_the_admin(project_lead, url_name):
    with assert_max_queries(12):
        response = project_lead.get(reverse(url_name))
    assert response.status_code == 200


def test_admin_edit_pages_show_a_map_widget(project_lead):
    facility = HealthFacility.objects.first()
    html = project_lead.get(
        reverse("admin:territory_healthfacility_change", args=[facility.pk])
    ).content.decode()
    assert "leaflet" in html.lower()
    commune = Commune.objects.first()
    response = project_lead.get(reverse("admin:territory_commune_change", args=[commune.pk]))
    assert response.status_code == 200


def test_admin_filters_the_facilities_to_check(project_lead):
    response = project_lead.get(
        reverse("admin:territory_healthfacility_changelist"), {"a_verifier": "oui"}
    )
    assert response.context["cl"].result_count == 35


def test_project_lead_edits_a_facility(project_lead):
    facility = HealthFacility.objects.get(name="CENTRE HOSPITALIER LOUIS PASTEUR DE BOLLENE")
    url = reverse("admin:territory_healthfacility_change", args=[facility.pk])
    form = project_lead.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "commune": facility.commune_id,
            "point": facility.point.geojson,
            "verification_note": "",
            "website": "https://www.ch-bollene.fr",
        }
    )
    response = project_lead.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    facility.refresh_from_db()
    assert facility.verification_note == ""
    assert facility.website == "https://www.ch-bollene.fr"


def test_project_lead_imports_a_zoning_from_the_admin(project_lead):
    url = reverse("admin:territory_zoning_import")
    assert project_lead.get(url).status_code == 200
    response = project_lead.post(
        url,
        {
            "file": SimpleUploadedFile("zonage.csv", (SAMPLES / "zoning_sample.csv").read_bytes()),
            "valid_from": "2025-06-01",
            "source": "Arrêté ARS PACA (test)",
        },
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages[0] == ("Zonage importé : 4 créés, 0 modifiés, 0 inchangés, 3 lignes ignorées.")
    assert any("99999" in message for message in messages)
    assert Zoning.objects.filter(source="Arrêté ARS PACA (test)").count() == 4


@pytest.mark.parametrize(
    ("filename", "content", "error"),
    [
        ("zonage.csv", b"\xff\xfei\x00n\x00", "UTF-16"),
        ("zonage.csv", b"commune;statut\nAvignon;ZIP\n", "Colonnes manquantes"),
        ("zonage.pdf", b"%PDF-1.4", "Choisissez un fichier CSV"),
        ("zonage.csv", b"x" * (2 * 1024 * 1024 + 1), "dépasse 2 Mo"),
    ],
)
def test_zoning_import_refuses_bad_files_with_a_message(project_lead, filename, content, error):
    response = project_lead.post(
        reverse("admin:territory_zoning_import"),
        {
            "file": SimpleUploadedFile(filename, content),
            "valid_from": "2025-06-01",
            "source": "Arrêté",
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Zoning.objects.filter(source="Arrêté").exists()


def test_zoning_import_is_closed_to_visitors_and_professionals(visitor, professional):
    url = reverse("admin:territory_zoning_import")
    assert visitor.get(url).status_code == 302
    assert professional.get(url).status_code == 302
    assert professional.post(url, {"source": "x"}).status_code == 302
    assert not Zoning.objects.filter(source="x").exists()


def test_the_project_lead_role_curates_qpv_frr_schools_stations_and_highlights(
    project_lead_user,
):
    for model in (
        "prioritydistrict",
        "ruralrevitalisation",
        "school",
        "railwaystation",
        "territoryhighlight",
    ):
        for action in ("view", "add", "change", "delete"):
            assert project_lead_user.has_perm(f"territory.{action}_{model}"), (action, model)
    assert not project_lead_user.has_perm("territory.delete_commune")


def test_project_lead_corrects_a_school_and_unpublishes_a_highlight(project_lead):
    from territory.models import School, TerritoryHighlight

    school = School.objects.get(uai="0840467B")
    url = reverse("admin:territory_school_change", args=[school.pk])
    form = project_lead.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "commune": school.commune_id,
            "point": school.point.geojson,
            "display_name": "École primaire d’Althen-des-Paluds",
        }
    )
    response = project_lead.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    school.refresh_from_db()
    assert school.display_name == "École primaire d’Althen-des-Paluds"

    highlight = TerritoryHighlight.objects.get(key="paris-en-tgv")
    url = reverse("admin:territory_territoryhighlight_change", args=[highlight.pk])
    form = project_lead.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.pop("is_published", None)
    data.pop("to_check", None)
    response = project_lead.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    highlight.refresh_from_db()
    assert not highlight.is_published


def test_a_visitor_cannot_reach_the_schools_admin(visitor):
    response = visitor.get(reverse("admin:territory_school_changelist"))
    assert response.status_code == 302


STATIONS = Path(__file__).resolve().parents[2] / "territories" / "vaucluse" / "stations.csv"


def station_upload(content, name="gares.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_project_lead_dry_runs_then_imports_the_stations_from_the_admin(project_lead):
    from territory.models import RailwayStation

    changelist = reverse("admin:territory_railwaystation_changelist")
    url = reverse("admin:territory_railwaystation_import")
    assert url in project_lead.get(changelist).content.decode()
    renamed = STATIONS.read_bytes().replace(b"Avignon Centre,", b"Avignon-Centre,")

    response = project_lead.post(url, {"file": station_upload(renamed), "dry_run": "on"})
    assert response.status_code == 200
    assert (
        "Essai à blanc, rien n’a été enregistré : 0 créés, 1 modifiés" in response.content.decode()
    )
    assert RailwayStation.objects.filter(name="Avignon Centre").exists()

    response = project_lead.post(url, {"file": station_upload(renamed)})
    assert response.status_code == 302
    assert RailwayStation.objects.filter(name="Avignon-Centre").exists()


def test_a_bad_stations_file_uploaded_in_the_admin_is_refused_with_each_line(project_lead):
    from territory.models import RailwayStation

    before = RailwayStation.objects.count()
    bad = STATIONS.read_bytes() + b"87000001,87000001,Marseille,,B,,13055,,43.30,5.38,\n"
    response = project_lead.post(
        reverse("admin:territory_railwaystation_import"), {"file": station_upload(bad)}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("gares.csv, ligne 20 : commune '13055' hors du territoire" in e for e in errors)
    assert RailwayStation.objects.count() == before


def test_a_partner_cannot_import_schools(partner_a):
    response = partner_a.get(reverse("admin:territory_school_import"))
    assert response.status_code == 302
