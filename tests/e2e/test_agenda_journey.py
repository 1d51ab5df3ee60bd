"""Browser journey: a partner posts an event, the project lead approves it, a visitor finds it
in the month calendar, registers, and the confirmation goes out through a real Celery worker."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.utils import timezone

from organisations.models import Membership
from tests.conftest import TOTP_SECRET
from tests.e2e.test_partner_publication import sign_in, sign_in_as_project_lead
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def verified_user(**fields):
    from allauth.account.models import EmailAddress

    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_event_from_partner_to_registration(
    page, browser, live_server, territory, celery_worker_thread
):
    organisation = OrganisationFactory(name="CPTS du Comtat")
    partner = verified_user(email="coordinatrice@cpts-comtat.test")
    Membership.objects.create(user=partner, organisation=organisation, confirmed_at=timezone.now())
    lead = verified_user(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    TOTP.activate(lead, TOTP_SECRET)
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=15)

    # The partner proposes the event.
    page.goto("/espace-partenaire/")
    sign_in(page, partner.email)
    page.get_by_role("link", name="Proposer un événement").click()
    page.get_by_label("Titre").fill("Soirée d’accueil des internes")
    page.get_by_label("Type d’événement").select_option("accueil_internes")
    page.get_by_role("checkbox", name="Internes", exact=True).check()
    page.get_by_label("Début").fill(f"{next_month:%Y-%m-%d}T19:00")
    page.get_by_label("Fin").fill(f"{next_month:%Y-%m-%d}T22:00")
    page.get_by_label("Lieu").fill("Chapelle du Collège")
    page.get_by_label("Commune").select_option(label="Carpentras")
    page.get_by_label("Description").fill("Rencontre avec les maîtres de stage du territoire.")
    page.locator("#id_registration_mode").select_option("portail")
    page.get_by_label("Nombre de places").fill("40")
    assert_accessible(page)
    page.get_by_role("button", name="Soumettre à la cheffe de projet").click()
    page.get_by_text("Événement soumis").wait_for()

    # The project lead approves it, in another browser.
    lead_context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    lead_page = lead_context.new_page()
    lead_page.goto("/admin/agenda/event/?status__exact=submitted")
    sign_in_as_project_lead(lead_page, lead)
    lead_page.wait_for_url(re.compile(r"/admin/agenda/event/"))
    lead_page.locator("input[name=_selected_action]").first.check()
    lead_page.locator("select[name=action]").select_option("publish")
    lead_page.locator("button[name=index]").click()
    # The review page shows the versions about to go public; publishing confirms them.
    lead_page.get_by_role("button", name="Publier").click()
    lead_page.get_by_text("1 élément(s) publié(s).").wait_for()
    lead_context.close()

    # A visitor finds it in next month's calendar and registers.
    visitor_context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    visitor_page = visitor_context.new_page()
    visitor_errors = []
    visitor_page.on(
        "console", lambda m: visitor_errors.append(m.text) if m.type == "error" else None
    )
    visitor_page.goto("/agenda/calendrier/")
    visitor_page.get_by_role("link", name="Mois suivant").click()
    assert_accessible(visitor_page)
    visitor_page.get_by_role("link", name=re.compile("Soirée d’accueil des internes")).click()
    assert visitor_page.get_by_role("heading", name="Soirée d’accueil des internes").is_visible()
    assert_accessible(visitor_page)
    visitor_page.get_by_label("Nom et prénom").fill("Léa Interne")
    visitor_page.get_by_role("textbox", name="Adresse e-mail").fill("lea.interne@exemple.test")
    visitor_page.get_by_label("Vous êtes").select_option("interne")
    visitor_page.get_by_label(re.compile("J’accepte que mon nom")).check()
    visitor_page.get_by_role("button", name="M’inscrire").click()
    visitor_page.get_by_text("Demande enregistrée").wait_for()
    assert_accessible(visitor_page)

    # Without an account, the seat is taken once the address's owner follows the e-mailed link.
    request = wait_for_email("lea.interne@exemple.test", "Confirmez votre inscription")
    link = re.search(r"https?://\S+(/agenda/inscription/confirmer/\S+/)", request.body)[1]
    visitor_page.goto(link)
    assert_accessible(visitor_page)
    visitor_page.get_by_role("button", name="Confirmer mon inscription").click()
    visitor_page.get_by_text("est confirmée").wait_for()
    assert_accessible(visitor_page)
    visitor_context.close()
    assert not visitor_errors, visitor_errors

    confirmation = wait_for_email("lea.interne@exemple.test", "Inscription confirmée")
    assert confirmation.attachments[0][0] == "evenement.ics"


def wait_for_email(address, subject):
    """The e-mail the real Celery worker sends (it takes a moment)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if address in message.to and subject in message.subject:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no e-mail « {subject} » to {address}")
