"""The requester's space: their dossier only, its status and history, the thread, withdrawal,
agreement before family data is shared."""

from django.urls import reverse

from outbox.models import OutgoingEmail
from support.enums import DossierStatus, ReferralStatus
from support.models import Message, Referral
from tests.factories import DossierFactory, UserFactory


def test_the_requester_sees_status_history_and_messages(
    professional, professional_user, project_lead_user
):
    dossier = DossierFactory(requester=professional_user, email=professional_user.email)
    Message.objects.create(dossier=dossier, from_staff=True, body="Bonjour, appelons-nous.")
    dossier.transition(DossierStatus.IN_PROGRESS, by=project_lead_user)
    response = professional.get(reverse("support:my_dossiers"), follow=True)
    body = response.content.decode()
    assert "En cours" in body and "Reçue" in body
    assert "Bonjour, appelons-nous." in body


def test_nobody_reaches_another_persons_dossier(professional, partner_a, project_lead, visitor):
    dossier = DossierFactory(requester=UserFactory())
    url = dossier.get_absolute_url()
    assert professional.get(url).status_code == 404
    assert partner_a.get(url).status_code == 404
    assert project_lead.get(url).status_code == 404  # staff read it in the back office
    assert visitor.get(url).status_code == 302
    assert (
        professional.post(reverse("support:withdraw", args=[dossier.reference])).status_code == 404
    )


def test_the_requester_writes_and_the_project_lead_is_told(professional, professional_user):
    dossier = DossierFactory(requester=professional_user)
    response = professional.post(
        dossier.get_absolute_url(), {"body": "Merci, je suis libre mardi."}
    )
    assert response.status_code == 302
    assert dossier.messages.get().body == "Merci, je suis libre mardi."
    assert OutgoingEmail.objects.filter(subject__contains=dossier.reference).exists()


def test_the_requester_withdraws(professional, professional_user):
    dossier = DossierFactory(requester=professional_user)
    professional.post(reverse("support:withdraw", args=[dossier.reference]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CLOSED


def test_family_data_leaves_only_once_the_requester_agrees(professional, professional_user):
    dossier = DossierFactory(requester=professional_user, spouse_job="infirmière", children="6 ans")
    referral = Referral.objects.create(
        dossier=dossier,
        contact_name="Mairie",
        contact_email="mairie@exemple.test",
        question="Une place en crèche ?",
        summary="Une interne cherche une crèche.",
        shares_family_data=True,
        status=ReferralStatus.AWAITING_AGREEMENT,
    )
    page = professional.get(dossier.get_absolute_url()).content.decode()
    assert "infirmière" in page and "6 ans" in page
    assert not OutgoingEmail.objects.filter(to__contains=["mairie@exemple.test"]).exists()
    professional.post(reverse("support:agree_referral", args=[dossier.reference, referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.requester_agreed_at
    assert OutgoingEmail.objects.filter(to__contains=["mairie@exemple.test"]).exists()


def test_the_installation_path_is_ticked(professional, professional_user):
    from support.models import InstallationStep

    dossier = DossierFactory(requester=professional_user, project="installation")
    step = InstallationStep.objects.first()
    assert step is not None, "the data migration seeds the path"
    professional.post(reverse("support:tick_step", args=[dossier.reference, step.pk]))
    assert dossier.steps_done.filter(step=step).exists()


def test_the_requester_corrects_their_needs(professional, professional_user):
    from support.enums import NeedKind, NeedStatus
    from support.models import Need, Note

    dossier = DossierFactory(requester=professional_user, housing=True)
    Need.objects.create(dossier=dossier, kind=NeedKind.PRACTICE)
    Need.objects.create(dossier=dossier, kind=NeedKind.HOUSING)
    response = professional.post(
        reverse("support:edit_needs", args=[dossier.reference]),
        {"spouse_job": "kinésithérapeute", "children": "3 ans", "call_preference": "le soir"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.spouse_job == "kinésithérapeute" and not dossier.housing
    statuses = dict(dossier.needs.values_list("kind", "status"))
    assert statuses[NeedKind.HOUSING] == NeedStatus.DROPPED
    assert statuses[NeedKind.SPOUSE_JOB] == NeedStatus.OPEN
    assert statuses[NeedKind.SCHOOLING] == NeedStatus.OPEN
    assert Note.objects.filter(dossier=dossier, body__contains="mis à jour ses besoins").exists()
    assert dossier.history.first().history_user == professional_user


def test_an_invalid_need_is_a_form_error(professional, professional_user):
    dossier = DossierFactory(requester=professional_user)
    response = professional.post(
        reverse("support:edit_needs", args=[dossier.reference]), {"children": "x" * 500}
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.children == ""


def test_nobody_else_edits_the_needs(professional, partner_a, visitor, project_lead):
    dossier = DossierFactory(requester=UserFactory(), spouse_job="infirmière")
    url = reverse("support:edit_needs", args=[dossier.reference])
    for client in (professional, partner_a, project_lead):
        assert client.post(url, {"spouse_job": "pirate"}).status_code == 404
    assert visitor.post(url, {"spouse_job": "pirate"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.spouse_job == "infirmière"
