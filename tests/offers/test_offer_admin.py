import pytest
from django.urls import reverse

from offers.models import Offer
from tests.factories import OfferFactory, commune, profession
from tests.helpers.admin import publish_from_admin
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db


def test_project_lead_posts_an_offer_from_the_admin_and_it_goes_public(
    project_lead, project_lead_user, visitor
):
    response = project_lead.post(
        reverse("admin:offers_offer_add"),
        {
            "kind": "collaboration",
            "profession": profession("medecine-generale").pk,
            "title": "Collaboration à Sault",
            "description": "Cabinet de groupe au pied du Ventoux.",
            "structure": "cabinet_groupe",
            "commune": commune("84123").pk,
            "place_precision": "commune",
            "contact_name": "Dr Lune",
            "contact_email": "lune@cabinet.test",
            "status": "published",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer = Offer.objects.get(title="Collaboration à Sault")
    assert offer.created_by == project_lead_user
    assert offer.published_at is not None
    assert offer.point == offer.commune.reference_point
    assert "Collaboration à Sault" in visitor.get(reverse("offers:list")).content.decode()


def test_admin_actions_publish_and_mark_filled(project_lead):
    draft = OfferFactory(status="submitted", published_at=None)
    url = reverse("admin:offers_offer_changelist")
    publish_from_admin(project_lead, url, [draft.pk])
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at
    project_lead.post(url, {"action": "mark_filled", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.filled_on is not None


def test_admin_offer_list_keeps_a_small_number_of_queries(project_lead):
    OfferFactory.create_batch(30)
    with assert_max_queries(12):
        response = project_lead.get(reverse("admin:offers_offer_changelist"))
    assert response.status_code == 200


def test_offer_admin_is_closed_to_visitors_and_professionals(visitor, professional):
    for client in (visitor, professional):
        assert client.get(reverse("admin:offers_offer_changelist")).status_code == 302
        assert client.post(reverse("admin:offers_offer_add"), {"title": "x"}).status_code == 302
    assert not Offer.objects.exists()


@pytest.mark.parametrize("action", ["mark_filled", "archive"])
def test_an_offer_taken_down_in_bulk_leaves_pages_search_and_map_at_once(
    project_lead, visitor, professional, action
):
    offer = OfferFactory(title="Offre retirée en lot", commune=commune("84007"))
    assert professional.get(reverse("offers:list")).context["page"].paginator.count == 1
    layer = reverse("territory:layer", args=["offres"]) + "?bbox=4.6,43.6,5.8,44.5&zoom=9"
    assert "Offre retirée en lot" in visitor.get(reverse("offers:list")).content.decode()
    assert "Offre retirée en lot" in visitor.get(layer).content.decode()
    search = reverse("search:results") + "?q=retirée"
    assert "Offre retirée en lot" in visitor.get(search).content.decode()
    url = reverse("admin:offers_offer_changelist")
    project_lead.post(url, {"action": action, "_selected_action": [offer.pk]})
    assert "Offre retirée en lot" not in visitor.get(reverse("offers:list")).content.decode()
    assert "Offre retirée en lot" not in visitor.get(layer).content.decode()
    assert "Offre retirée en lot" not in visitor.get(search).content.decode()
    # the count a signed-in visitor sees is cached too, and moved on as well
    assert professional.get(reverse("offers:list")).context["page"].paginator.count == 0
