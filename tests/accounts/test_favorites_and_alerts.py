from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.alerts import unsubscribe_url
from accounts.models import Favorite, SavedSearch
from accounts.tasks import send_alert_digests
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory, UserFactory, commune
from tests.helpers.queries import assert_max_queries

pytestmark = pytest.mark.django_db


def test_visitor_is_asked_to_log_in_for_favorites_and_alerts(visitor):
    for url in [
        reverse("accounts:favorites"),
        reverse("accounts:alerts"),
        reverse("accounts:my_data"),
    ]:
        response = visitor.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        )


def test_professional_keeps_and_removes_a_favorite(professional, professional_user):
    offer = OfferFactory(title="Collaboration à Pernes")
    professional.post(reverse("accounts:toggle_favorite", args=["offres", offer.pk]))
    assert Favorite.objects.filter(user=professional_user, object_id=offer.pk).exists()
    with assert_max_queries(12):
        html = professional.get(reverse("accounts:favorites")).content.decode()
    assert "Collaboration à Pernes" in html
    assert "Retirer de mes favoris" in professional.get(offer.get_absolute_url()).content.decode()
    professional.post(reverse("accounts:toggle_favorite", args=["offres", offer.pk]))
    assert not Favorite.objects.exists()


def test_favorites_of_unpublished_offers_are_404(professional):
    draft = OfferFactory(status="draft")
    assert (
        professional.post(
            reverse("accounts:toggle_favorite", args=["offres", draft.pk])
        ).status_code
        == 404
    )


def test_favorites_are_private(professional, professional_user):
    other = UserFactory()
    offer = OfferFactory(title="Le favori de quelqu’un d’autre")
    Favorite.objects.create(user=other, content_type_id=offer_ct(), object_id=offer.pk)
    assert (
        "Le favori de quelqu’un d’autre"
        not in professional.get(reverse("accounts:favorites")).content.decode()
    )


def offer_ct():
    from django.contrib.contenttypes.models import ContentType

    from offers.models import Offer

    return ContentType.objects.get_for_model(Offer).pk


def test_create_an_alert_from_the_list_filters(professional, professional_user):
    response = professional.post(
        reverse("accounts:alerts"),
        {
            "name": "Collab autour de Carpentras",
            "kind": "offres",
            "querystring": "kind=collaboration&near=carpentras&km=20&page=3",
            "frequency": "daily",
        },
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=professional_user)
    assert saved.querystring == "kind=collaboration&near=carpentras&km=20"


def test_an_alert_with_invalid_filters_is_refused_with_a_message(professional):
    response = professional.post(
        reverse("accounts:alerts"),
        {
            "kind": "offres",
            "name": "x",
            "querystring": "km=-4&near=nulle-part",
            "frequency": "daily",
        },
    )
    assert response.status_code == 400
    assert "Ces filtres ne sont pas valides" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_alert_digest_lists_only_new_matches_then_nothing(professional_user):
    saved = SavedSearch.objects.create(
        user=professional_user, name="Collab", querystring="kind=collaboration", frequency="daily"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=timezone.now() - timedelta(days=1))
    OfferFactory(title="Ancienne", published_at=timezone.now() - timedelta(days=3))
    OfferFactory(title="Nouvelle collaboration", commune=commune("84088"))
    OfferFactory(title="Nouveau remplacement", kind="remplacement_ponctuel")

    assert send_alert_digests("daily") == 1
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [professional_user.email]
    assert "Nouvelle collaboration" in email.body
    assert "Ancienne" not in email.body and "Nouveau remplacement" not in email.body
    assert "/compte/alertes/desabonnement/" in email.body

    assert send_alert_digests("daily") == 0  # nothing new since
    assert send_alert_digests("weekly") == 0  # other frequency
    assert OutgoingEmail.objects.count() == 1


def test_unsubscribe_with_the_signed_link_without_logging_in(visitor, professional_user):
    saved = SavedSearch.objects.create(user=professional_user, name="Collab", querystring="")
    url = unsubscribe_url(saved)
    page = visitor.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    saved.refresh_from_db()
    assert saved.is_active  # a GET changes nothing (mail scanners follow links)
    visitor.post(url)
    saved.refresh_from_db()
    assert not saved.is_active


def test_a_forged_unsubscribe_link_is_404(visitor, professional_user):
    saved = SavedSearch.objects.create(user=professional_user, name="Collab", querystring="")
    forged = unsubscribe_url(saved).replace("/desabonnement/", "/desabonnement/x")
    assert visitor.post(forged).status_code == 404
    saved.refresh_from_db()
    assert saved.is_active


def test_alerts_of_others_cannot_be_deleted(professional):
    other = SavedSearch.objects.create(user=UserFactory(), name="Pas à moi", querystring="")
    assert professional.post(reverse("accounts:delete_alert", args=[other.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()


def test_digests_are_scheduled_daily_and_weekly():
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["alerts-daily"]["args"] == ["daily"]
    assert schedule["alerts-weekly"]["args"] == ["weekly"]


def test_events_can_be_favorites_too(professional):
    from tests.factories import EventFactory

    event = EventFactory(title="Soirée des internes")
    professional.post(reverse("accounts:toggle_favorite", args=["evenements", event.pk]))
    assert "Soirée des internes" in professional.get(reverse("accounts:favorites")).content.decode()
    assert (
        professional.post(
            reverse("accounts:toggle_favorite", args=["boulangeries", event.pk])
        ).status_code
        == 404
    )
