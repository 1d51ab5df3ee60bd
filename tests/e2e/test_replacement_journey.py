"""Browser journey of issue 19: a remplaçant publishes two weeks of availability around
Carpentras; a GP searching those dates finds them and writes to them; the message is in the
outbox, and the remplaçant's address is never on the page."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from outbox.models import OutgoingEmail
from replacements.models import ProfessionalCheck, ReplacementContact
from replacements.validators import with_check_digit
from tests.e2e.test_partner_publication import sign_in, sign_out
from tests.factories import UserFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def verified(email, **fields):
    user = UserFactory(email=email, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_remplacant_publishes_two_weeks_and_a_gp_finds_and_writes_to_them(page, territory):
    remplacant = verified("lea.roux@exemple.test", first_name="Léa", last_name="Roux")
    gp = verified("dr.martin@exemple.test", first_name="Paul", last_name="Martin")
    ProfessionalCheck.objects.create(user=gp, rpps=with_check_digit("1000777777"))
    start = timezone.localdate() + timedelta(days=14)
    end = start + timedelta(days=13)

    page.goto("/exercer/remplacants/mon-profil/")
    sign_in(page, remplacant.email)
    page.wait_for_url(re.compile(r"/exercer/remplacants/mon-profil/"))
    assert_accessible(page)
    page.get_by_label("Profession").select_option(label="Médecine générale")
    page.get_by_label("Statut").select_option(value="these")
    page.get_by_label("Numéro RPPS").fill(with_check_digit("1000888888"))
    page.get_by_label("Nom affiché").select_option(value="complet")
    page.get_by_label(re.compile("Accepte d’être présenté")).check()
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.get_by_text("Votre profil de remplaçant est enregistré.").wait_for()
    assert_accessible(page)

    page.get_by_label("Disponible à partir du").fill(start.isoformat())
    page.get_by_label("Jusqu’au (inclus)").fill(end.isoformat())
    page.get_by_label("Autour de la commune").select_option(label="Carpentras")
    page.get_by_role("button", name="Ajouter cette disponibilité").click()
    page.get_by_text("Disponibilité ajoutée.").wait_for()
    assert "autour de Carpentras" in page.content()
    sign_out(page)

    page.goto("/exercer/remplacants/")
    sign_in(page, gp.email)
    page.wait_for_url(re.compile(r"/exercer/remplacants/$"))
    assert_accessible(page)
    page.get_by_label("Remplacement du").fill(start.isoformat())
    page.get_by_label("au", exact=True).fill((end + timedelta(days=4)).isoformat())
    page.get_by_label("Commune du cabinet").select_option(label="Carpentras")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"\?du="))
    assert_accessible(page)
    assert page.get_by_text("Disponible en partie").is_visible()
    page.get_by_role("link", name="Léa Roux").click()
    page.get_by_role("heading", name="Écrire à ce remplaçant").wait_for()
    assert_accessible(page)
    assert remplacant.email not in page.content()
    page.get_by_label("Votre message").fill(
        "Bonjour, mon cabinet de Carpentras cherche un remplaçant."
    )
    page.get_by_role("button", name="Envoyer le message").click()
    page.get_by_text("Votre message a été transmis.").wait_for()

    assert ReplacementContact.objects.get().sender == gp
    assert OutgoingEmail.objects.filter(to=[remplacant.email]).exists()


def test_a_matching_offer_reaches_the_remplacant_and_its_poster_sees_them(page, territory):
    """Issue 19, matching: the morning digest carries a new replacement offer to the remplaçant
    who opted in, whose signed link stops it without logging in; the offer's poster sees the
    remplaçant among the full matches on the offer's page."""
    from organisations.models import Membership
    from replacements.tasks import send_match_digests
    from tests.factories import OfferFactory, OrganisationFactory, commune
    from tests.replacements.conftest import AvailabilityFactory, ProfileFactory

    remplacant = verified("lea.roux@exemple.test", first_name="Léa", last_name="Roux")
    profile = ProfileFactory(user=remplacant, name_display="complet", digest_opt_in=True)
    period = AvailabilityFactory(profile=profile)
    organisation = OrganisationFactory(name="Maison de santé du Comtat")
    poster = verified("accueil@msp-comtat.test")
    Membership.objects.create(user=poster, organisation=organisation, confirmed_at=timezone.now())
    offer = OfferFactory(
        kind="remplacement_ponctuel",
        title="Remplacement de printemps à Carpentras",
        start_date=period.starts_on,
        end_date=period.ends_on,
        commune=commune("84031"),
        organisation=organisation,
    )

    assert send_match_digests() == 1
    digest = OutgoingEmail.objects.get(to=[remplacant.email])
    assert "Remplacement de printemps à Carpentras" in digest.body
    unsubscribe = re.search(r"http://[^/]+(/\S+/desabonnement/\S+)", digest.body).group(1)
    page.goto(unsubscribe)
    assert_accessible(page)
    page.get_by_role("button", name="Me désabonner").click()
    assert page.get_by_text("vous ne recevrez plus les offres de remplacement").is_visible()
    profile.refresh_from_db()
    assert not profile.digest_opt_in and profile.consent_to_list

    page.goto(f"/compte/login/?next={offer.get_absolute_url()}")
    sign_in(page, poster.email)
    page.wait_for_url(re.compile(re.escape(offer.get_absolute_url())))
    page.get_by_role("heading", name="Les remplaçants qui correspondent à votre offre").wait_for()
    assert_accessible(page)
    assert page.get_by_role("heading", name="Disponible sur toute la période (1)").is_visible()
    page.get_by_role("link", name="Léa Roux").click()
    page.get_by_role("heading", name="Écrire à ce remplaçant").wait_for()
