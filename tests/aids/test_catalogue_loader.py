"""The catalogue's reference file loads idempotently and keeps the project lead's edits."""

import io
from datetime import date

from django.core.management import call_command

from aids.catalogue import load_catalogue, read_catalogue, territory_catalogue
from aids.models import Aid, Condition


def test_load_is_idempotent(territory):
    first = load_catalogue()
    assert first.created == len(read_catalogue()) >= 18
    conditions = Condition.objects.count()
    again = load_catalogue()
    assert (again.created, again.updated, again.kept) == (0, 0, first.created)
    assert Condition.objects.count() == conditions
    assert not Aid.objects.filter(is_demo=True).exists()
    assert all(aid.source_url.startswith("https://") for aid in Aid.objects.all())


def test_admin_edits_are_kept_and_a_newer_check_updates(territory, tmp_path):
    load_catalogue()
    Aid.objects.filter(slug="exoneration-pdsa").update(title="Titre revu par la cheffe de projet")
    load_catalogue()
    assert Aid.objects.get(slug="exoneration-pdsa").title == "Titre revu par la cheffe de projet"
    text = territory_catalogue().read_text(encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text(
        text.replace("last_checked: 2026-02-01", "last_checked: 2026-09-01"), encoding="utf-8"
    )
    report = load_catalogue(tmp_path / "catalogue.yaml")
    assert report.updated == report.total
    aid = Aid.objects.get(slug="exoneration-pdsa")
    assert aid.last_checked == date(2026, 9, 1) and aid.title.startswith("Exonération")


def test_load_portal_data_loads_the_catalogue_as_reference_data(territory, settings):
    settings.PORTAL = {**settings.PORTAL, "DEMO_CONTENT": False}
    out = io.StringIO()
    call_command("load_portal_data", stdout=out)
    assert "Reference aides à l’installation" in out.getvalue()
    assert Aid.objects.published().count() == len(read_catalogue())
