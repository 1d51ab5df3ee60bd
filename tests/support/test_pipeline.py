"""The pipeline board: filters by status, profession, commune, origin, channel, label and
waiting flags; views each staff member saves for themself; labels; where each dossier stands on
the installation path; a constant number of queries; hostile input gets a form error."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profession
from support.enums import Channel, DossierStatus
from support.models import InstallationStep, Label, SavedView, StepDone
from tests.conftest import staff_with_totp
from tests.factories import DossierFactory, commune
from tests.helpers.queries import assert_max_queries

PIPELINE = reverse("admin:support_pipeline")


def references(response):
    return {dossier.reference for dossier in response.context["page"].object_list}


def test_each_filter_narrows_the_board(project_lead, territory):
    gp = Profession.objects.first()
    label = Label.objects.create(name="Salon de Lyon")
    by_profession = DossierFactory(profession=gp)
    by_commune = DossierFactory()
    by_commune.communes.set([commune("84031")])  # Carpentras
    by_origin = DossierFactory(origin="simulateur")
    by_channel = DossierFactory(channel=Channel.PHONE)
    labelled = DossierFactory()
    labelled.labels.add(label)
    waiting = DossierFactory(waiting_for_partner=True)
    closed = DossierFactory(status=DossierStatus.CLOSED)
    cases = {
        "profession": (gp.slug, by_profession),
        "commune": ("carpentras", by_commune),
        "origin": ("simulateur", by_origin),
        "channel": (Channel.PHONE, by_channel),
        "label": (label.pk, labelled),
        "waiting": ("partenaire", waiting),
        "status": (DossierStatus.CLOSED, closed),
    }
    for key, (value, expected) in cases.items():
        response = project_lead.get(PIPELINE, {key: value})
        assert response.status_code == 200, key
        assert references(response) == {expected.reference}, key
    assert len(references(project_lead.get(PIPELINE))) == 7


def test_labels_show_on_the_board(project_lead):
    dossier = DossierFactory()
    dossier.labels.add(Label.objects.create(name="Priorité"))
    assert "Priorité" in project_lead.get(PIPELINE).content.decode()


def test_the_board_shows_where_each_dossier_stands_on_the_installation_path(project_lead):
    dossier = DossierFactory(project="installation")
    for step in InstallationStep.objects.all()[:2]:
        StepDone.objects.create(dossier=dossier, step=step)
    total = InstallationStep.objects.count()
    assert f"2 étape(s) sur {total}" in project_lead.get(PIPELINE).content.decode()


def test_the_query_count_does_not_grow_with_the_dossiers(project_lead):
    def count():
        with assert_max_queries(13) as context:
            assert project_lead.get(PIPELINE, {"status": "recue"}).status_code == 200
        return len(context.captured_queries)

    label = Label.objects.create(name="Priorité")
    DossierFactory.create_batch(3)
    few = count()
    for dossier in DossierFactory.create_batch(40, project="installation"):
        dossier.labels.add(label)
        StepDone.objects.create(dossier=dossier, step=InstallationStep.objects.first())
    assert count() == few


def test_a_staff_member_saves_a_view_and_finds_it_again(project_lead, project_lead_user):
    response = project_lead.post(
        f"{PIPELINE}?status=en_cours&channel=telephone&page=3&format=csv",
        {"action": "save_view", "name": "Appels en cours"},
    )
    assert response.status_code == 302
    view = SavedView.objects.get(user=project_lead_user)
    assert view.query == "status=en_cours&channel=telephone"
    page = project_lead.get(PIPELINE).content.decode()
    assert "Appels en cours" in page and "?status=en_cours&amp;channel=telephone" in page
    # The same name twice is a form error, not a crash.
    again = project_lead.post(PIPELINE, {"action": "save_view", "name": "Appels en cours"})
    assert again.status_code == 400
    assert "déjà une vue de ce nom" in again.content.decode()
    project_lead.post(PIPELINE, {"action": "delete_view", "view": str(view.pk)})
    assert not SavedView.objects.exists()


def test_a_colleagues_views_are_their_own(project_lead, project_lead_user):
    from accounts.roles import ensure_project_lead_group

    colleague = staff_with_totp(first_name="Dominique")
    colleague.groups.add(ensure_project_lead_group())
    theirs = SavedView.objects.create(
        user=colleague, name="Mes relances", query="waiting=demandeur"
    )
    assert "Mes relances" not in project_lead.get(PIPELINE).content.decode()
    project_lead.post(PIPELINE, {"action": "delete_view", "view": str(theirs.pk)})
    assert SavedView.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "params",
    [
        {"status": "n-importe-quoi"},
        {"profession": "<script>"},
        {"label": "abc"},
        {"commune": "x" * 300},
        {"page": "-1"},
        {"q": "a" * 500},
    ],
)
def test_hostile_filters_give_a_page_never_a_500(project_lead, params):
    DossierFactory()
    assert project_lead.get(PIPELINE, params).status_code == 200


def test_hostile_view_actions_never_500(project_lead):
    assert project_lead.post(PIPELINE, {"action": "delete_view", "view": "abc"}).status_code == 302
    response = project_lead.post(PIPELINE, {"action": "save_view", "name": ""})
    assert response.status_code == 400
    response = project_lead.post(PIPELINE, {"action": "save_view", "name": "a\nb"})
    assert response.status_code == 400
    response = project_lead.post(
        f"{PIPELINE}?q={'a' * 300}&origin={'b' * 300}", {"action": "save_view", "name": "Long"}
    )
    assert response.status_code == 400
    assert "trop de filtres" in response.content.decode()


@pytest.mark.parametrize("persona", ["visitor", "professional", "partner_a", "partner_b"])
def test_only_the_role_saves_views(request, persona):
    client = request.getfixturevalue(persona)
    response = client.post(PIPELINE, {"action": "save_view", "name": "x"})
    assert response.status_code in (302, 403)
    assert not SavedView.objects.exists()


def test_staff_without_the_role_does_not_reach_the_board(db):
    client = Client()
    client.force_login(staff_with_totp())
    assert client.get(PIPELINE).status_code == 403


def test_the_project_lead_manages_labels_in_the_admin(project_lead):
    response = project_lead.post(reverse("admin:support_label_add"), {"name": "Priorité"})
    assert response.status_code == 302
    assert Label.objects.filter(name="Priorité").exists()
    assert project_lead.get(reverse("admin:support_label_changelist")).status_code == 200


def test_the_export_follows_the_view_and_neutralises_formulas(project_lead):
    DossierFactory(origin='=HYPERLINK("http://x")', channel=Channel.PHONE)
    DossierFactory(channel=Channel.EMAIL)
    response = project_lead.get(PIPELINE, {"channel": "telephone", "format": "csv"})
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert len(lines) == 2  # header + the one dossier of the view
    assert "'=HYPERLINK" in lines[1]


def test_the_excel_export_follows_the_view_and_keeps_text_as_text(project_lead):
    from io import BytesIO

    from openpyxl import load_workbook

    DossierFactory(origin='=HYPERLINK("http://x")', channel=Channel.PHONE, last_name="Secret")
    DossierFactory(channel=Channel.EMAIL)
    response = project_lead.get(PIPELINE, {"channel": "telephone", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "accompagnements.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("dossier", "statut", "profession")
    assert len(rows) == 2  # header + the one dossier of the view
    assert '\'=HYPERLINK("http://x")' in rows[1]
    assert sheet.cell(row=2, column=rows[0].index("origine") + 1).data_type == "s"
    assert all("Secret" not in str(value) for value in rows[1])  # pseudonymised


def test_a_label_change_is_in_the_dossiers_history(project_lead_user):
    dossier = DossierFactory()
    label = Label.objects.create(name="Priorité")
    before = dossier.history.count()
    dossier.labels.add(label)
    assert dossier.history.count() == before + 1
    latest = dossier.history.order_by("-history_date", "-history_id").first()
    assert [row.label for row in latest.labels.all()] == [label]


def test_the_admins_dossier_list_keeps_its_queries(project_lead):
    url = reverse("admin:support_dossier_changelist")
    label = Label.objects.create(name="Priorité")

    def count():
        with assert_max_queries(14) as context:
            assert project_lead.get(url, {"labels__id__exact": label.pk}).status_code == 200
        return len(context.captured_queries)

    DossierFactory().labels.add(label)
    few = count()
    for dossier in DossierFactory.create_batch(30):
        dossier.labels.add(label)
    assert count() == few
