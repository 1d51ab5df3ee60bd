"""The Internes rubric: sites list and map, a site's page with housing and offers nearby
(through the registry), the practical page, the CSV importer."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from interns.demo import generate_demo_sites
from interns.faculties import ensure_faculties
from interns.models import Faculty, InternshipSite
from territory.models import HealthFacility
from tests.factories import OfferFactory, commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "interns" / "data" / "terrains_de_stage_exemple.csv"
HEADER = (
    "code,nom,type,specialite,faculte,finess,commune_insee,places_par_semestre,internat,"
    "responsable,contact_nom,contact_email,contact_telephone,presentation,demo\n"
)


def site(**fields):
    faculty = ensure_faculties()[0]
    defaults = {
        "name": "Urgences — CH d’Avignon",
        "site_kind": "service_hospitalier",
        "specialty": "urgences",
        "faculty": faculty,
        "commune": commune("84007"),
        "code": f"test-{InternshipSite.objects.count()}",
        "status": "published",
    }
    created = InternshipSite(**{**defaults, **fields})
    created.save()
    return created


def test_the_faculties_are_seeded_from_the_data_file():
    assert set(Faculty.objects.values_list("slug", flat=True)) >= {
        "aix-marseille",
        "montpellier-nimes",
    }


def test_landing_and_practical_pages(visitor):
    generate_demo_sites()
    html = visitor.get(reverse("interns:landing")).content.decode()
    assert "carte-terrains" in html
    assert "/accompagnement/demande/?origine=internes" in html
    practical = visitor.get(reverse("interns:practical")).content.decode()
    assert "novembre 2026" in practical and "/s-installer/aides/" in practical


def test_the_list_filters_by_specialty_and_faculty_within_budget(visitor):
    generate_demo_sites()
    with assert_max_queries(12):
        response = visitor.get(reverse("interns:site_list"))
    assert response.status_code == 200
    response = visitor.get(
        reverse("interns:site_list"),
        {"specialite": "medecine_generale", "faculte": "aix-marseille"},
    )
    found = list(response.context["page"].object_list)
    assert found and all(
        s.specialty == "medecine_generale" and s.faculty.slug == "aix-marseille" for s in found
    )


def test_around_a_commune_sorted_by_distance(visitor):
    avignon = site(name="À Avignon")
    site(name="À Vaison", commune=commune("84137"))
    response = visitor.get(reverse("interns:site_list"), {"near": "avignon", "km": 10})
    assert list(response.context["page"].object_list) == [avignon]
    assert "km à vol d’oiseau" in response.content.decode()


def test_bad_filters_never_a_500(visitor):
    for query in ({"km": 5}, {"faculte": "inconnue"}, {"km": "x", "near": "avignon"}):
        response = visitor.get(reverse("interns:site_list"), query)
        assert response.status_code == 200
        assert "ne sont pas valides" in response.content.decode()


def test_a_sites_page_shows_housing_and_offers_nearby_with_distances(visitor):
    hospital = HealthFacility.objects.get(finess_et="840001861")
    found = site(facility=hospital)
    HousingFactory(title="Studio près du CH", commune=commune("84007"))
    HousingFactory(title="Gîte à Vaison", commune=commune("84137"))
    OfferFactory(title="Remplacement à Avignon", commune=commune("84007"))
    with assert_max_queries(12):
        response = visitor.get(found.get_absolute_url())
    html = response.content.decode()
    assert "Studio près du CH" in html and "Gîte à Vaison" not in html
    assert "Remplacement à Avignon" in html
    assert "km à vol d’oiseau" in html
    assert f"terrain={found.pk}&amp;km=10" in html
    assert found.commune.get_absolute_url() in html
    assert "/exercer/etablissements/?commune=avignon" in html  # the facility's neighbours


def test_an_unpublished_site_is_a_404(visitor):
    found = site(status="draft")
    assert visitor.get(found.get_absolute_url()).status_code == 404


def test_demo_sites_are_built_on_real_facilities_and_labelled(visitor):
    assert generate_demo_sites() == 30
    assert generate_demo_sites() == 0
    sites = InternshipSite.objects.all()
    assert sites.count() == 30 and all(s.is_demo for s in sites)
    with_facility = sites.exclude(facility=None)
    assert with_facility.count() >= 15
    assert not with_facility.filter(facility__is_demo=True).exists()
    assert sites.filter(commune__insee_code="84007").exists()
    assert sites.filter(commune__insee_code="84137").exists()


def test_the_importer_dry_run_writes_nothing_then_imports(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_internship_sites", str(SAMPLE), "--dry-run", stdout=out, stderr=err)
    assert "2 terrain(s) de stage seraient importés" in out.getvalue()
    assert not InternshipSite.objects.exists()
    call_command("import_internship_sites", str(SAMPLE), stdout=out, stderr=err)
    assert InternshipSite.objects.count() == 2
    assert InternshipSite.objects.filter(is_demo=True).count() == 2
    urgences = InternshipSite.objects.get(code="exemple-001")
    assert urgences.facility.finess_et == "840001861" and urgences.point == urgences.facility.point
    call_command("import_internship_sites", str(SAMPLE), stdout=out, stderr=err)
    assert InternshipSite.objects.count() == 2  # updated, not duplicated


def test_the_importer_reports_each_bad_line(tmp_path):
    path = tmp_path / "terrains.csv"
    path.write_text(
        HEADER
        + "a,Bon,ambulatoire,medecine_generale,aix-marseille,,84007,1,non,,,,,,non\n"
        + "b,Type faux,clinique,urgences,aix-marseille,,84007,1,non,,,,,,non\n"
        + "c,Commune,ambulatoire,urgences,aix-marseille,,99999,1,non,,,,,,non\n"
        + "d,Places,ambulatoire,urgences,aix-marseille,,84007,beaucoup,non,,,,,,non\n"
        + "e,Faculté,ambulatoire,urgences,paris,,84007,1,non,,,,,,non\n"
        + "f,Internat,ambulatoire,urgences,aix-marseille,,84007,1,peut-être,,,,,,non\n"
        + "g,,ambulatoire,urgences,aix-marseille,,84007,1,non,,,,,,non\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_internship_sites", str(path), stdout=out, stderr=err)
    errors = err.getvalue()
    for line, reason in [
        (3, "type"),
        (4, "commune_insee"),
        (5, "places_par_semestre"),
        (6, "faculte"),
        (7, "internat"),
        (8, "nom"),
    ]:
        assert f"Ligne {line} : " in errors and reason in errors
    assert "1 terrain(s) de stage importés ou mis à jour, 6 ligne(s) en erreur." in out.getvalue()
    assert list(InternshipSite.objects.values_list("code", flat=True)) == ["a"]


def test_the_project_lead_edits_sites_in_the_admin(project_lead):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    found = site()
    response = project_lead.get(reverse("admin:interns_internshipsite_change", args=[found.pk]))
    assert response.status_code == 200
