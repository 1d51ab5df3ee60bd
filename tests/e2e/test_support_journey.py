"""Browser journey of the support service: a visitor asks for support, confirms the address and
follows the request; the project lead (the non-superuser role) changes the status and writes;
she refers the housing need to a town hall, which answers through its link."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import ensure_project_lead_group
from outbox.models import OutgoingEmail
from support.models import Dossier, Referral
from tests.conftest import TOTP_SECRET
from tests.e2e.test_partner_publication import sign_in, sign_in_as_project_lead
from tests.factories import UserFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def link_in(email, pattern):
    return re.search(r"https?://[^/\s]+(" + pattern + r"\S*)", email.body).group(1)


def test_a_visitor_is_supported_from_the_request_to_a_partners_answer(
    page, browser, live_server, territory, settings, tmp_path
):
    settings.SUPPORT_DOCUMENTS_ROOT = tmp_path / "private"
    settings.SUPPORT_CLAMD_SOCKET = ""
    # The visitor asks for support, without an account.
    page.goto("/accompagnement/")
    assert_accessible(page)
    page.get_by_role("link", name="Faire une demande d’accompagnement").first.click()
    page.locator("#id_first_name").fill("Alix")
    page.locator("#id_last_name").fill("Durand")
    page.locator("#id_email").fill("alix.durand@exemple.test")
    page.locator("#id_situation").select_option("interne")
    page.locator("#id_project").select_option("installation")
    page.locator("#id_housing").check()
    page.locator("#id_message").fill("Je cherche une maison de santé près de Carpentras.")
    page.locator("#id_consent").check()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.get_by_role("heading", name="Votre demande est bien reçue").wait_for()
    assert_accessible(page)
    dossier = Dossier.objects.get(email="alix.durand@exemple.test")

    # They confirm the address and choose a password from the e-mails.
    confirmation = OutgoingEmail.objects.get(
        to=["alix.durand@exemple.test"], subject__contains="Confirm"
    )
    page.goto(link_in(confirmation, "/compte/confirm-email/"))
    page.get_by_role("button", name="Confirmer").click()
    receipt = OutgoingEmail.objects.get(to=["alix.durand@exemple.test"], subject__contains="reçue")
    page.goto(link_in(receipt, "/compte/password/reset/key/"))
    page.locator("#id_password1").fill("Une-phrase-solide-84")
    page.locator("#id_password2").fill("Une-phrase-solide-84")
    page.get_by_role("button", name=re.compile("mot de passe", re.I)).click()
    assert EmailAddress.objects.get(email="alix.durand@exemple.test").verified
    page.goto("/accompagnement/mon-dossier/")
    if "/compte/login/" in page.url:
        sign_in(page, "alix.durand@exemple.test", "Une-phrase-solide-84")
    page.get_by_text("Reçue").first.wait_for()
    assert_accessible(page)

    # They add their CV (a disguised file's refusal is tested in tests/support/test_documents).
    page.locator("#id_file").set_input_files(
        {"name": "CV Alix.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_role("button", name="Ajouter ce document").click()
    page.get_by_text("ajouté à votre dossier").wait_for()
    assert page.get_by_role("link", name="CV Alix.pdf").is_visible()

    # The project lead, in her role (not a superuser), answers and changes the status.
    lead = UserFactory(email="cheffe@exemple.test", is_staff=True)
    lead.groups.add(ensure_project_lead_group())
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    TOTP.activate(lead, TOTP_SECRET)
    lead_context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    lead_page = lead_context.new_page()
    change_url = f"/admin/support/dossier/{dossier.pk}/change/"
    lead_page.goto(change_url)
    sign_in_as_project_lead(lead_page, lead)
    lead_page.wait_for_url(re.compile(change_url))
    assert lead_page.get_by_role("link", name="CV Alix.pdf").is_visible()
    lead_page.locator("#id_new_status").select_option("en_cours")
    lead_page.locator("#id_messages-0-body").fill("Bonjour Alix, je vous appelle jeudi.")
    lead_page.locator("#referrals-group .add-row a").click()
    lead_page.locator("#id_referrals-0-contact_name").fill("Mairie de Carpentras")
    lead_page.locator("#id_referrals-0-contact_email").fill("mairie@carpentras.test")
    lead_page.locator("#id_referrals-0-question").fill("Avez-vous un logement pour six mois ?")
    lead_page.locator("#id_referrals-0-summary").fill("Une interne cherche un logement.")
    lead_page.locator("input[name=_continue]").click()
    lead_page.get_by_text("Statut changé").wait_for()

    # The requester sees the new status and the message; the e-mails are in the outbox.
    page.reload()
    page.get_by_text("En cours").first.wait_for()
    assert page.get_by_text("Bonjour Alix, je vous appelle jeudi.").is_visible()
    subjects = set(
        OutgoingEmail.objects.filter(to=["alix.durand@exemple.test"]).values_list(
            "subject", flat=True
        )
    )
    assert any("En cours" in subject for subject in subjects)
    assert any("Nouveau message" in subject for subject in subjects)

    # The town hall answers through its link, without an account.
    invitation = OutgoingEmail.objects.get(to=["mairie@carpentras.test"])
    town_hall = browser.new_context(locale="fr-FR", base_url=live_server.url).new_page()
    town_hall.goto(link_in(invitation, "/accompagnement/orientation/"))
    assert town_hall.get_by_text("Une interne cherche un logement.").is_visible()
    assert "alix.durand@exemple.test" not in town_hall.content()
    assert_accessible(town_hall)
    town_hall.get_by_label("Oui").check()
    town_hall.get_by_label("Précisions pour la cheffe de projet").fill("Un studio rue Raspail.")
    town_hall.get_by_role("button", name="Répondre").click()
    town_hall.get_by_text("votre réponse est transmise").wait_for()

    referral = Referral.objects.get(dossier=dossier)
    assert referral.answer_yes is True
    lead_page.reload()
    assert lead_page.get_by_text("Un studio rue Raspail.").is_visible()
    lead_context.close()
