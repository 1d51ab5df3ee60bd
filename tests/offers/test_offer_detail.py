import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from tests.factories import OfferFactory, OrganisationFactory, commune
from tests.helpers.queries import assert_max_queries
from tests.helpers.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_detail_shows_the_offer_its_conditions_and_the_zoning(visitor, demo_territory):
    offer = OfferFactory(
        retrocession_percent=80,
        days_per_week=3.5,
        has_secretariat=True,
        practice_software="Weda",
        housing_provided=True,
        patient_base_size=1400,
        organisation=OrganisationFactory(name="MSP du Ventoux"),
    )
    with assert_max_queries(10):
        response = visitor.get(offer.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{offer.title}</h1>" in html
    assert "80 %" in html and "3,5 jours par semaine" in html and "Weda" in html
    assert "environ 1\xa0400 patients" in html
    assert "MSP du Ventoux" in html
    assert "Le zonage de Carpentras" in html
    assert "Zonage 2022, remplacé le 5 janvier 2026 ; nouveau zonage non encore chargé." in html
    assert offer.contact_email not in html and "Dr Camille Poster" not in html


def test_detail_counts_views(visitor):
    offer = OfferFactory()
    visitor.get(offer.get_absolute_url())
    visitor.get(offer.get_absolute_url())
    offer.refresh_from_db()
    assert offer.views_count == 2


def test_detail_json_ld_is_a_valid_job_posting(visitor):
    offer = OfferFactory(
        title='Collaboration "</script><script>alert(1)</script>"',
        kind="salarie_centre_sante",
        salary_min=7000,
        salary_max=9000,
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    html = visitor.get(offer.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    data = json_ld(html)
    assert data["@type"] == "JobPosting"
    assert data["title"] == offer.title
    assert data["employmentType"] == "FULL_TIME"
    assert data["jobLocation"]["address"]["addressLocality"] == "Carpentras"
    assert data["baseSalary"]["value"]["minValue"] == 7000
    assert data["validThrough"] == offer.expires_on.isoformat()


def test_wrong_slug_redirects_to_the_canonical_url(visitor):
    offer = OfferFactory()
    response = visitor.get(reverse("offers:detail", args=[offer.pk, "ancien-titre"]))
    assert response.status_code == 301
    assert response["Location"] == offer.get_absolute_url()


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "expired", "archived"])
def test_unpublished_offers_are_404_for_everyone(visitor, professional, project_lead, status):
    offer = OfferFactory(status=status)
    for client in (visitor, professional, project_lead):
        assert client.get(offer.get_absolute_url()).status_code == 404


def test_offer_past_its_expiry_date_is_404_even_before_the_task_runs(visitor):
    offer = OfferFactory(expires_on=timezone.localdate() - timedelta(days=1))
    assert visitor.get(offer.get_absolute_url()).status_code == 404


def test_filled_offer_says_so_and_takes_no_more_contacts(visitor):
    offer = OfferFactory(filled_on=timezone.localdate())
    html = visitor.get(offer.get_absolute_url()).content.decode()
    assert "Offre pourvue" in html
    assert "ne reçoit plus de candidatures" in html


def test_similar_offers_nearby(visitor):
    offer = OfferFactory(commune=commune("84031"))
    near = OfferFactory(title="Pernes, tout près", commune=commune("84088"))
    OfferFactory(title="Bollène, trop loin", commune=commune("84019"))
    OfferFactory(
        title="Kiné à côté",
        commune=commune("84088"),
        profession=__import__("tests.factories").factories.profession("masso-kinesitherapie"),
    )
    response = visitor.get(offer.get_absolute_url())
    assert [similar.title for similar in response.context["similar"]] == [near.title]


def test_share_links(visitor):
    offer = OfferFactory()
    html = visitor.get(offer.get_absolute_url()).content.decode()
    assert f'value="http://testserver{offer.get_absolute_url()}"' in html
    assert "mailto:?subject=" in html


def test_feed_lists_new_offers_and_labels_demo(visitor):
    OfferFactory(title="Offre réelle")
    OfferFactory(title="Offre fictive", is_demo=True)
    OfferFactory(title="Brouillon", status="draft")
    response = visitor.get(reverse("offers:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Offre réelle" in body
    assert "[démo] Collaboration — Offre fictive" in body
    assert "Brouillon" not in body


def test_sitemap_lists_available_offers(visitor):
    offer = OfferFactory()
    draft = OfferFactory(status="draft")
    body = sitemap_text(visitor)
    assert offer.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


def test_expiry_task_moves_expired_offers_out(visitor):
    from vsa_portal.tasks import expire_publications

    expired = OfferFactory(expires_on=timezone.localdate() - timedelta(days=1))
    current = OfferFactory(expires_on=timezone.localdate())
    assert expire_publications()["offres"] == 1
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.status == "expired"
    assert current.status == "published"
    assert expire_publications()["offres"] == 0


def test_expiry_task_is_scheduled_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["expire-publications"]
    assert entry["task"] == "vsa_portal.tasks.expire_publications"


def test_commune_only_offers_are_placed_at_the_town_hall():
    from django.contrib.gis.geos import Point

    offer = OfferFactory(place_precision="commune", point=Point(5.05, 44.06, srid=4326))
    assert offer.point == offer.commune.reference_point
    exact = OfferFactory(
        place_precision="exact", point=Point(5.05, 44.06, srid=4326), address="1 rue X"
    )
    assert exact.point.coords == (5.05, 44.06)


def test_anonymous_offer_never_leaks_its_poster(visitor, demo_territory):
    secret = OrganisationFactory(name="Cabinet du Docteur Secret")
    offer = OfferFactory(
        kind="succession",
        title="Succession discrète",
        is_anonymous=True,
        organisation=secret,
        contact_name="Dr Jean Secret",
        contact_email="jean.secret@cabinet-secret.test",
        contact_phone="04 90 00 00 00",
        address="12 rue du Secret",
        place_precision="exact",
        facility=Offer._meta.get_field("facility").related_model.objects.filter(kind="msp").first(),
    )
    leaks = ["Secret", "secret", "04 90 00 00 00", offer.facility.name]
    pages = [
        visitor.get(offer.get_absolute_url()).content.decode(),
        visitor.get(reverse("offers:list")).content.decode(),
        visitor.get(reverse("offers:landing")).content.decode(),
        visitor.get(reverse("offers:feed")).content.decode(),
        visitor.get(
            "/carte/couches/offres.geojson", {"bbox": "4.6,43.6,5.8,44.5", "zoom": 14}
        ).content.decode(),
        sitemap_text(visitor),
    ]
    for body in pages:
        for leak in leaks:
            assert leak not in body
    detail = pages[0]
    assert json_ld(detail)["hiringOrganization"]["name"] == "Vaucluse Santé Attractivité"
    assert "Offre anonyme" in detail


def test_anonymous_offer_is_never_placed_more_precisely_than_its_commune(visitor):
    from django.contrib.gis.geos import Point

    offer = OfferFactory(
        is_anonymous=True,
        place_precision="exact",
        point=Point(5.0471, 44.0559, srid=4326),
        address="3 rue X",
    )
    assert offer.point == offer.commune.reference_point
    layer = visitor.get(
        "/carte/couches/offres.geojson", {"bbox": "4.6,43.6,5.8,44.5", "zoom": 18}
    ).json()
    (feature,) = layer["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert lon == pytest.approx(offer.commune.reference_point.x, abs=1e-4)
    assert lat == pytest.approx(offer.commune.reference_point.y, abs=1e-4)
