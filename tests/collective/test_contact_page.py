"""The contact page: anyone reaches the project lead, even with PORTAL_CONTACT_EMAIL empty.
The message is saved first, then e-mailed through the outbox."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collective.enums import ContactSubject
from collective.models import ContactMessage
from collective.tasks import purge_contact_messages
from outbox.models import OutgoingEmail
from tests.helpers.browser import assert_accessible

URL = "/collectif/contact/"
VALID = {
    "name": "Dr Alex Durand",
    "email": "alex.durand@exemple.test",
    "subject": ContactSubject.SETTLING,
    "message": "Bonjour, je voudrais m’installer près de Carpentras l’an prochain.",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def no_contact_email(settings):
    settings.PORTAL = {**settings.PORTAL, "CONTACT_EMAIL": ""}


def test_the_url_is_the_french_one():
    assert reverse("collective:contact") == URL


def test_visitor_sends_a_message_saved_then_queued_for_the_project_lead(visitor):
    response = visitor.post(URL, VALID)
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.email == "alex.durand@exemple.test"
    assert message.subject == ContactSubject.SETTLING
    assert message.consent_given_at is not None and message.consent_version
    email = OutgoingEmail.objects.get()
    assert email.to == ["cheffe-de-projet@exemple.test"]
    assert email.reply_to == ["alex.durand@exemple.test"]
    assert "m’installer près de Carpentras" in email.body
    assert "Dr Alex Durand" in email.subject
    page = visitor.get(response["Location"])
    assert "votre message est bien parvenu" in page.content.decode()


def test_without_a_project_lead_setting_the_administrators_get_it(visitor, settings):
    from tests.factories import UserFactory

    settings.PORTAL = {**settings.PORTAL, "PROJECT_LEAD_EMAIL": ""}
    UserFactory(email="admin@exemple.test", is_superuser=True, is_staff=True)
    visitor.post(URL, VALID)
    assert OutgoingEmail.objects.get().to == ["admin@exemple.test"]


def test_an_invalid_message_is_a_400_with_clear_french_errors_and_keeps_the_text(visitor):
    response = visitor.post(URL, {**VALID, "email": "pas-une-adresse", "consent": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cette adresse e-mail n’est pas valide" in html
    assert "Votre accord est nécessaire pour transmettre votre message." in html
    assert "Le formulaire contient des erreurs" in html
    assert "m’installer près de Carpentras" in html  # nothing lost
    assert not ContactMessage.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_an_empty_form_names_each_missing_field(visitor):
    html = visitor.post(URL, {}).content.decode()
    for error in (
        "Indiquez votre nom.",
        "Indiquez votre adresse e-mail",
        "Choisissez le sujet de votre message.",
        "Écrivez votre message.",
    ):
        assert error in html


@pytest.mark.parametrize("field", ["name", "email"])
@pytest.mark.parametrize("control", ["\n", "\r", "\t", "\x00", "\x1b"])
def test_control_characters_are_refused_in_single_line_fields(visitor, field, control):
    value = {"name": "Dr Alex Durand", "email": "alex.durand@exemple.test"}[field]
    tampered = value[:5] + control + "Bcc: x@evil.test" + value[5:]
    response = visitor.post(URL, {**VALID, field: tampered})
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()


def test_an_unknown_subject_is_refused(visitor):
    response = visitor.post(URL, {**VALID, "subject": "<script>"})
    assert response.status_code == 400
    assert "Choisissez un sujet dans la liste." in response.content.decode()


def test_messages_are_rate_limited_per_client_address(visitor, settings):
    settings.CONTACT_RATE_LIMIT = 2
    for _ in range(2):
        assert visitor.post(URL, VALID, REMOTE_ADDR="192.0.2.10").status_code == 302
    response = visitor.post(URL, VALID, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    assert "réessayez dans une heure" in response.content.decode()
    assert "m’installer près de Carpentras" in response.content.decode()
    assert ContactMessage.objects.count() == 2
    # Another address is not limited.
    assert visitor.post(URL, VALID, REMOTE_ADDR="192.0.2.11").status_code == 302


def test_messages_are_purged_after_the_retention_period(db, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 30
    old = ContactMessage.objects.create(
        name="Ancien", email="a@exemple.test", subject="autre", message="x",
        consent_given_at=timezone.now(), consent_version="v",
    )  # fmt: skip
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = ContactMessage.objects.create(
        name="Récent", email="r@exemple.test", subject="autre", message="x",
        consent_given_at=timezone.now(), consent_version="v",
    )  # fmt: skip
    assert purge_contact_messages() == 1
    assert list(ContactMessage.objects.all()) == [recent]
    assert settings.CELERY_BEAT_SCHEDULE["purge-contact-messages"]["task"] == (
        "collective.tasks.purge_contact_messages"
    )


@pytest.mark.parametrize(
    "url", ["/", "/exercer/offres/", "/agenda/", "/collectif/mentions-legales/", URL, "/nope/"]
)
def test_the_footer_links_to_the_contact_page_on_every_page(visitor, url):
    html = visitor.get(url).content.decode()
    footer = re.search(r'<footer class="site-footer">.*</footer>', html, re.DOTALL).group(0)
    assert f'href="{URL}"' in footer


def test_the_project_lead_reads_messages_in_the_admin_without_rewriting_them(visitor, project_lead):
    visitor.post(URL, VALID)
    message = ContactMessage.objects.get()
    changelist = project_lead.get(reverse("admin:collective_contactmessage_changelist"))
    assert "Dr Alex Durand" in changelist.content.decode()
    page = project_lead.get(reverse("admin:collective_contactmessage_change", args=[message.pk]))
    html = page.content.decode()
    assert "m’installer près de Carpentras" in html
    assert 'name="message"' not in html
    assert project_lead.get(reverse("admin:collective_contactmessage_add")).status_code == 403


@pytest.mark.browser
def test_contact_page_in_the_browser_is_accessible(page, territory):
    page.goto(URL)
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer mon message").click()
    page.get_by_text("Le formulaire contient des erreurs").wait_for()
    assert_accessible(page)
    page.reported_errors.clear()  # the 400 of the page itself
    page.get_by_label("Nom et prénom").fill("Dr Alex Durand")
    page.get_by_label("Adresse e-mail").fill("alex.durand@exemple.test")
    page.get_by_label("Sujet").select_option(ContactSubject.INTERNSHIP.value)
    page.get_by_role("textbox", name="Message").fill("Bonjour, une question sur les stages.")
    page.get_by_label(re.compile("J’accepte que mon nom")).check()
    page.get_by_role("button", name="Envoyer mon message").click()
    page.get_by_text("votre message est bien parvenu").wait_for()
    assert_accessible(page)
    assert ContactMessage.objects.filter(subject=ContactSubject.INTERNSHIP).exists()
    page.get_by_role("contentinfo").get_by_role("link", name="Contact").click()
    page.wait_for_url(re.compile(URL))
