"""The request form: saved before anything else, one request per double click, a second
request joins the open dossier, robots and floods stopped, the form kept on an error."""

import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from outbox.models import OutgoingEmail
from support.enums import DossierStatus, NeedKind
from support.models import Dossier, Note, SupportRequest

URL = reverse("support:request")


def form_data(**changes):
    data = {
        "token": uuid.uuid4().hex,
        "first_name": "Alix",
        "last_name": "Durand",
        "email": "Alix.Durand@Exemple.test",
        "situation": "interne",
        "project": "installation",
        "project_when": "à l’automne 2027",
        "housing": "on",
        "children": "4 et 9 ans",
        "message": "Je cherche une maison de santé.",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def _no_limits_left_over():
    cache.clear()


def test_the_form_page_shows_the_privacy_notice(visitor, territory):
    response = visitor.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce que nous faisons de vos informations" in body
    assert "3 ans" in body


def test_a_visitor_asks_for_support(visitor, territory):
    response = visitor.post(URL, form_data())
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.email == "alix.durand@exemple.test"
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.consent_given_at is not None
    assert set(dossier.needs.values_list("kind", flat=True)) == {
        NeedKind.PRACTICE,
        NeedKind.HOUSING,
        NeedKind.SCHOOLING,
    }
    # An account to follow the request, to be confirmed by its owner.
    user = User.objects.get(email="alix.durand@exemple.test")
    assert dossier.requester == user
    assert not user.has_usable_password()
    assert not EmailAddress.objects.get(user=user).verified
    subjects = list(OutgoingEmail.objects.values_list("subject", flat=True))
    assert any("bien reçue" in subject for subject in subjects)
    assert any("Nouvelle demande" in subject for subject in subjects)


def test_a_double_click_makes_one_request(visitor, territory):
    data = form_data()
    visitor.post(URL, data)
    visitor.post(URL, data)
    assert Dossier.objects.count() == 1
    assert SupportRequest.objects.count() == 1


def test_a_second_request_joins_the_open_dossier(visitor, territory):
    visitor.post(URL, form_data())
    visitor.post(URL, form_data(message="Finalement, plutôt un remplacement."))
    dossier = Dossier.objects.get()
    assert SupportRequest.objects.filter(dossier=dossier).count() == 2
    assert "plutôt un remplacement" in Note.objects.get(dossier=dossier).body


def test_an_invalid_field_returns_the_form_filled(visitor, territory):
    response = visitor.post(URL, form_data(email="pas-une-adresse", consent=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Je cherche une maison de santé." in body
    assert "Votre accord est nécessaire" in body
    assert not Dossier.objects.exists()


def test_the_honeypot_stops_robots(visitor, territory):
    response = visitor.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_a_flood_for_one_address_is_stopped(visitor, territory):
    statuses = [
        visitor.post(URL, form_data(email="victime@exemple.test")).status_code for _ in range(6)
    ]
    assert statuses.count(429) >= 3
    # One dossier: its receipt and the address confirmation, nothing more for the victim.
    assert OutgoingEmail.objects.filter(to__contains=["victime@exemple.test"]).count() == 2


def test_a_logged_in_professional_is_linked_at_once(professional, professional_user, territory):
    response = professional.get(URL)
    assert professional_user.email in response.content.decode()
    professional.post(URL, form_data(email=professional_user.email))
    assert Dossier.objects.get().requester == professional_user


def test_the_form_is_prefilled_from_an_offer(visitor, territory):
    from tests.factories import OfferFactory

    offer = OfferFactory(title="Collaboration à Apt")
    response = visitor.get(URL, {"origine": "offres", "objet": offer.pk, "projet": "collaboration"})
    body = response.content.decode()
    assert "Collaboration à Apt" in body
    visitor.post(
        URL,
        form_data(origine="offres", origine_libelle="offre d’exercice : Collaboration à Apt"),
    )
    assert Dossier.objects.get().origin == "offres"


def test_the_request_form_is_linked_from_the_header_home_offers_and_communes(visitor, territory):
    from tests.factories import OfferFactory

    offer = OfferFactory()
    for url, expected in [
        ("/", URL),
        (offer.get_absolute_url(), f"{URL}?origine=offres&amp;objet={offer.pk}"),
        (reverse("territory:commune_detail", args=["mazan"]), f"{URL}?commune=mazan"),
    ]:
        assert expected in visitor.get(url).content.decode(), url


def test_a_line_break_in_a_name_is_refused_with_a_message(visitor, territory):
    response = visitor.post(URL, form_data(last_name="Durand\r\nBcc: victime@exemple.test"))
    assert response.status_code == 400
    assert "Ce champ tient sur une ligne" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_salaried_post_is_referred_to_the_departments_service(visitor, territory, settings):
    from django.test import Client

    settings.SUPPORT_SALARIED_POST_PARTNER_NAME = "Service recrutement du Département"
    settings.SUPPORT_SALARIED_POST_PARTNER_EMAIL = "recrutement@departement.test"
    visitor.post(URL, form_data(project="poste_salarie", phone="06 11 22 33 44"))
    dossier = Dossier.objects.get()
    referral = dossier.referrals.get()
    assert referral.contact_email == "recrutement@departement.test"
    # The profile only: neither who nor how to reach them.
    for private in ("Alix", "Durand", "alix.durand", "06 11 22 33 44", "4 et 9 ans"):
        assert private not in referral.shared_text
    assert "Interne" in referral.shared_text
    received = OutgoingEmail.objects.get(
        to__contains=["alix.durand@exemple.test"], subject__contains="bien reçue"
    )
    assert "relèvent du service du Département" in received.body
    # It leaves once the requester has seen it and agreed, from their space.
    assert referral.status == "accord_attendu"
    assert not OutgoingEmail.objects.filter(to__contains=[referral.contact_email]).exists()
    requester = Client()
    requester.force_login(dossier.requester)
    page = requester.get(dossier.get_absolute_url()).content.decode()
    assert "Service recrutement du Département" in page and "Poste salarié recherché" in page
    requester.post(reverse("support:agree_referral", args=[dossier.reference, referral.pk]))
    sent = OutgoingEmail.objects.get(to__contains=["recrutement@departement.test"])
    assert "Alix" not in sent.body


def test_without_a_configured_service_the_project_lead_is_told(visitor, territory, settings):
    settings.SUPPORT_SALARIED_POST_PARTNER_EMAIL = ""
    visitor.post(URL, form_data(project="poste_salarie"))
    dossier = Dossier.objects.get()
    assert not dossier.referrals.exists()
    assert "aucun service du Département n’est configuré" in Note.objects.get(dossier=dossier).body


def test_a_message_received_elsewhere_becomes_a_dossier_or_joins_the_open_one(project_lead_user):
    from support.enums import Channel
    from support.services import open_dossier

    dossier, created = open_dossier(
        email=" Lou.Petit@Exemple.test ",
        channel=Channel.CONTACT_PAGE,
        by=project_lead_user,
        message="Je voudrais m’installer à Apt.",
        origin="contact",
        first_name="",
        last_name="Lou Petit",
    )
    assert created and dossier.status == DossierStatus.RECEIVED
    assert dossier.email == "lou.petit@exemple.test" and dossier.assignee == project_lead_user
    assert dossier.history.get().history_user == project_lead_user
    assert dossier.needs.filter(kind=NeedKind.PRACTICE).exists()
    again, created = open_dossier(
        email="lou.petit@exemple.test",
        channel=Channel.PHONE,
        by=project_lead_user,
        message="Rappel : plutôt Pertuis.",
    )
    assert not created and again == dossier
    assert "plutôt Pertuis" in Note.objects.get(dossier=dossier).body
    assert Dossier.objects.count() == 1


def selected_options(html, name):
    import re

    select = re.search(rf'<select [^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_the_empty_form_kept_for_visitors_never_shows_a_signed_in_persons_details(
    visitor, professional, professional_user, territory
):
    from django.test import Client

    from territory.models import Commune

    signed_in = professional.get(URL).content.decode()
    assert professional_user.email in signed_in
    assert f'value="{professional_user.last_name}"' in signed_in
    for client in (visitor, Client(HTTP_COOKIE="sessionid=expiree")):
        html = client.get(URL).content.decode()
        assert professional_user.email not in html
        assert f'value="{professional_user.last_name}"' not in html
    # each commune asked is preselected on its own, whoever asked it before
    mazan, apt = (Commune.objects.get(slug=slug).pk for slug in ("mazan", "apt"))
    assert selected_options(
        visitor.get(URL, {"commune": "mazan"}).content.decode(), "communes"
    ) == [str(mazan)]
    assert selected_options(
        professional.get(URL, {"commune": "apt"}).content.decode(), "communes"
    ) == [str(apt)]
    assert selected_options(visitor.get(URL).content.decode(), "communes") == []


def test_what_someone_typed_is_shown_back_to_them_only(visitor, territory):
    refused = visitor.post(URL, form_data(email="pas-une-adresse", children="Jumeaux de 3 ans"))
    assert refused.status_code == 400
    assert "Jumeaux de 3 ans" in refused.content.decode()
    assert "Jumeaux de 3 ans" not in visitor.get(URL).content.decode()
