import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from organisations.models import Membership
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory, OrganisationFactory, UserFactory, commune, profession
from tests.helpers.admin import publish_from_admin
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db

HOME = reverse("partners:home")
CREATE = reverse("partners:create", args=["offres"])


def offer_form(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "kind": "collaboration",
        "profession": profession("medecine-generale").pk,
        "title": "Collaboration en MSP à Mazan",
        "description": "Maison de santé de six professionnels.",
        "structure": "msp",
        "commune": commune("84072").pk,
        "place_precision": "commune",
        "contact_name": "Dr Claire Fabre",
        "contact_email": "claire.fabre@msp-mazan.test",
        **changes,
    }


def test_visitor_is_asked_to_log_in(visitor):
    response = visitor.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_professional_without_organisation_is_told_how_to_join(professional):
    response = professional.get(HOME)
    assert response.status_code == 403
    assert "pas encore rattaché à une organisation" in response.content.decode()


def test_unconfirmed_member_is_not_a_partner_yet(db):
    from django.test import Client

    user = UserFactory()
    Membership.objects.create(user=user, organisation=OrganisationFactory(name="MSP en attente"))
    client = Client()
    client.force_login(user)
    assert client.get(HOME).status_code == 403
    assert client.post(CREATE, {}).status_code == 403


def test_partner_sees_only_its_organisation_s_offers(partner_a, partner_b):
    OfferFactory(title="Offre de A", organisation=partner_a.organisation, status="draft")
    OfferFactory(title="Offre de B", organisation=partner_b.organisation, status="draft")
    with assert_max_queries(8):
        html = partner_a.get(HOME).content.decode()
    assert "Offre de A" in html and "Offre de B" not in html


def test_partner_saves_a_draft_then_submits_it(partner_a, django_capture_on_commit_callbacks):
    response = partner_a.post(CREATE, {**offer_form(partner_a.organisation), "draft": "1"})
    assert response.status_code == 302
    offer = Offer.objects.get(title="Collaboration en MSP à Mazan")
    assert (offer.status, offer.organisation, offer.created_by) == (
        "draft",
        partner_a.organisation,
        partner_a.user,
    )
    assert not OutgoingEmail.objects.exists()

    response = partner_a.post(
        reverse("partners:edit", args=["offres", offer.pk]),
        {**offer_form(partner_a.organisation), "submit": "1"},
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "submitted"
    (email,) = OutgoingEmail.objects.all()
    assert "Offre à relire" in email.subject
    assert f"/admin/offers/offer/{offer.pk}/change/" in email.body
    assert offer.get_absolute_url() and partner_a.get(offer.get_absolute_url()).status_code == 404


def test_invalid_offer_form_keeps_what_was_typed(partner_a):
    response = partner_a.post(
        CREATE,
        {
            **offer_form(partner_a.organisation),
            "title": "",
            "retrocession_percent": "150",
            "submit": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le formulaire contient des erreurs" in html
    assert "Maison de santé de six professionnels." in html
    assert not Offer.objects.exists()


def test_partner_cannot_post_for_another_organisation(partner_a, partner_b):
    response = partner_a.post(CREATE, {**offer_form(partner_b.organisation), "submit": "1"})
    assert response.status_code == 400
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [("partners:edit", "offres"), ("partners:withdraw", "offres"), ("partners:offer_fill", None)],
)
def test_forged_ids_of_another_organisation_are_404(partner_a, partner_b, url_name, kind):
    other = OfferFactory(title="Offre de B", organisation=partner_b.organisation, status="draft")
    url = reverse(url_name, args=[kind, other.pk] if kind else [other.pk])
    if url_name == "partners:edit":
        assert partner_a.get(url).status_code == 404
    response = partner_a.post(url, {**offer_form(partner_a.organisation), "submit": "1"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.title, other.status, other.filled_on) == ("Offre de B", "draft", None)


def test_partner_withdraws_and_fills_its_offers(partner_a, visitor):
    published = OfferFactory(organisation=partner_a.organisation)
    partner_a.post(reverse("partners:offer_fill", args=[published.pk]))
    published.refresh_from_db()
    assert published.filled_on == timezone.localdate()
    partner_a.post(reverse("partners:withdraw", args=["offres", published.pk]))
    published.refresh_from_db()
    assert published.status == "archived"
    assert visitor.get(published.get_absolute_url()).status_code == 404


def test_editing_a_published_offer_sends_it_back_to_moderation_with_its_changes(
    partner_a, project_lead, visitor
):
    offer = OfferFactory(organisation=partner_a.organisation, status="submitted", published_at=None)
    publish_from_admin(project_lead, reverse("admin:offers_offer_changelist"), [offer.pk])
    offer.refresh_from_db()
    assert offer.status == "published" and offer.published_snapshot["title"] == offer.title
    old_title = offer.title

    form = partner_a.get(reverse("partners:edit", args=["offres", offer.pk]))
    assert "elle quitte le portail le temps" in form.content.decode()
    partner_a.post(
        reverse("partners:edit", args=["offres", offer.pk]),
        {**offer_form(partner_a.organisation), "title": "Titre corrigé", "submit": "1"},
    )
    offer.refresh_from_db()
    assert offer.status == "submitted"
    assert visitor.get(offer.get_absolute_url()).status_code == 404
    changes = {
        str(label): (before, after) for label, before, after in offer.changes_since_publication()
    }
    assert changes["titre"] == (old_title, "Titre corrigé")
    html = project_lead.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    assert "Modifications depuis la dernière version publiée" in html
    assert "Titre corrigé" in html and old_title in html


def test_partner_actions_refuse_get(partner_a):
    offer = OfferFactory(organisation=partner_a.organisation)
    assert partner_a.get(reverse("partners:withdraw", args=["offres", offer.pk])).status_code == 405
