"""On a replacement offer, the number of listed remplaçants free at its dates within 30 km,
for those who may search; never for visitors, never on other kinds of offer."""

from datetime import timedelta

import pytest

from tests.factories import OfferFactory, commune
from tests.replacements.conftest import AvailabilityFactory, ProfileFactory

pytestmark = pytest.mark.usefixtures("territory")


def locum_offer(period, **fields):
    return OfferFactory(
        kind="remplacement_ponctuel",
        start_date=period.starts_on,
        end_date=period.ends_on + timedelta(days=3),
        commune=commune("84031"),
        **fields,
    )


def test_the_offer_shows_the_remplacants_free_at_its_dates(verified_professional):
    period = AvailabilityFactory()
    AvailabilityFactory(profile=ProfileFactory(consent_to_list=False))
    AvailabilityFactory(centre=commune("84089"), radius_km=5)  # Pertuis: too far
    page = verified_professional.get(locum_offer(period).get_absolute_url()).content.decode()
    assert "1 remplaçant inscrit sur le portail est disponible à ces dates" in page
    assert "Voir ces remplaçants" in page and "km=30" in page


def test_a_visitor_sees_no_count(visitor):
    period = AvailabilityFactory()
    page = visitor.get(locum_offer(period).get_absolute_url()).content.decode()
    assert "Remplaçants disponibles" not in page


def test_only_on_replacement_offers(verified_professional):
    period = AvailabilityFactory()
    offer = locum_offer(period)
    offer.kind = "collaboration"
    offer.save()
    page = verified_professional.get(offer.get_absolute_url()).content.decode()
    assert "Remplaçants disponibles" not in page
