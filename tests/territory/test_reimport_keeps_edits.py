"""Reference files create rows once and update only the fields nobody edited: what the project
lead corrects in the admin wins over the files, on every `make run`."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from territory.importers import import_communes, import_health_facilities
from territory.models import Commune, HealthFacility

DATA = Path(__file__).resolve().parents[2] / "territories" / "vaucluse"
APT = "840000343"  # CENTRE HOSPITALIER DU PAYS D'APT

pytestmark = pytest.mark.django_db


def load_territory():
    out = io.StringIO()
    call_command("load_territory", stdout=out)
    return out.getvalue()


def facilities_file(**replacements):
    text = (DATA / "facilities.csv").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text.encode()


def test_imported_facility_has_a_display_name_in_title_case():
    facility = HealthFacility.objects.get(finess_et=APT)
    assert facility.name == "CENTRE HOSPITALIER DU PAYS D'APT"
    assert facility.display_name == "Centre Hospitalier du Pays d'Apt"
    assert str(facility) == "Centre Hospitalier du Pays d'Apt"


def test_a_display_name_edited_in_the_admin_survives_load_territory(project_lead):
    facility = HealthFacility.objects.get(finess_et=APT)
    page = project_lead.get(reverse("admin:territory_healthfacility_change", args=[facility.pk]))
    assert 'name="display_name"' in page.content.decode()
    facility.display_name = "Hôpital d’Apt"
    facility.save(update_fields=["display_name"])
    out = load_territory()
    facility.refresh_from_db()
    assert facility.display_name == "Hôpital d’Apt"
    assert "kept 1 field(s) edited in the admin" in out


def test_an_edited_finess_name_survives_too():
    HealthFacility.objects.filter(finess_et=APT).update(name="CH du Pays d’Apt (site principal)")
    load_territory()
    assert HealthFacility.objects.get(finess_et=APT).name == "CH du Pays d’Apt (site principal)"


def test_a_field_nobody_edited_is_updated_from_a_changed_file():
    HealthFacility.objects.filter(finess_et=APT).update(display_name="Hôpital d’Apt")
    changed = facilities_file(
        **{
            "CENTRE HOSPITALIER DU PAYS D'APT,,centre": "CENTRE HOSPITALIER DU PAYS D'APT SITE A,,centre",
            "0490043333": "0490049999",
        }
    )
    report = import_health_facilities(changed)
    facility = HealthFacility.objects.get(finess_et=APT)
    assert facility.phone == "0490049999"  # nobody edited it: the file wins
    assert facility.name == "CENTRE HOSPITALIER DU PAYS D'APT SITE A"  # idem
    assert facility.display_name == "Hôpital d’Apt"  # edited: the edit wins
    assert report.kept == 1
    # Once the file has moved on, the edit is not mistaken for the file's value later on.
    import_health_facilities(changed)
    assert HealthFacility.objects.get(finess_et=APT).display_name == "Hôpital d’Apt"


def test_a_display_name_nobody_edited_follows_the_file():
    changed = facilities_file(
        **{"CENTRE HOSPITALIER DU PAYS D'APT,,centre": "HOPITAL DU PAYS D'APT,,centre"}
    )
    import_health_facilities(changed)
    assert HealthFacility.objects.get(finess_et=APT).display_name == "Hôpital du Pays d'Apt"


def test_an_edit_set_back_to_the_files_value_is_the_files_again():
    facility = HealthFacility.objects.get(finess_et=APT)
    facility.phone = "0400000000"
    facility.save(update_fields=["phone"])
    load_territory()
    facility.refresh_from_db()
    assert facility.phone == "0400000000"
    facility.phone = "0490043333"  # the file's value again
    facility.save(update_fields=["phone"])
    load_territory()
    import_health_facilities(facilities_file(**{"0490043333": "0490041111"}))
    assert HealthFacility.objects.get(finess_et=APT).phone == "0490041111"


def test_a_commune_edited_in_the_admin_keeps_its_edit():
    Commune.objects.filter(insee_code="84003").update(town_hall_phone="04 90 74 00 00")
    report = import_communes((DATA / "communes.geojson").read_bytes())
    assert Commune.objects.get(insee_code="84003").town_hall_phone == "04 90 74 00 00"
    assert report.kept == 1
