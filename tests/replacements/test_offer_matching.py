"""On a replacement offer's page: its poster's organisation and the project lead see the
matching remplaçants, full and partial matches apart; others who may search see how many are
free within 30 km; visitors and unverified accounts see nothing; never on other kinds of offer."""

from datetime import timedelta

import pytest

from tests.factories import OfferFactory, commune
from tests.helpers.queries import assert_max_queries
from tests.replacements.conftest import AvailabilityFactory, ProfileFactory, verified_user

pytestmark = pytest.mark.usefixtures("territory")
MATCHES_TITLE = "Les remplaçants qui correspondent à votre offre"
COUNT_TITLE = "Remplaçants disponibles"


def locum_offer(period, **fields):
    """A replacement in Carpentras over the period and three days more."""
    return OfferFactory(
        kind="remplacement_ponctuel",
        start_date=period.starts_on,
        end_date=period.ends_on + timedelta(days=3),
        commune=commune("84031"),
        **fields,
    )


def full_and_partial(**offer_fields):
    """An offer with one remplaçant free all its days, another only part of them."""
    partial = AvailabilityFactory(profile__user=verified_user(last_name="Partielle"))
    offer = locum_offer(partial, **offer_fields)
    full = AvailabilityFactory(
        profile__user=verified_user(last_name="Complète"),
        profile__name_display="complet",
        starts_on=offer.start_date,
        ends_on=offer.end_date,
    )
    return offer, full.profile, partial.profile


def test_the_offer_shows_the_remplacants_free_at_its_dates(verified_professional):
    period = AvailabilityFactory()
    AvailabilityFactory(profile=ProfileFactory(consent_to_list=False))
    AvailabilityFactory(centre=commune("84089"), radius_km=5)  # Pertuis: too far
    page = verified_professional.get(locum_offer(period).get_absolute_url()).content.decode()
    assert "1 remplaçant inscrit sur le portail est disponible à ces dates" in page
    assert "Voir ces remplaçants" in page and "km=30" in page


def test_the_poster_sees_full_and_partial_matches_apart(partner_a):
    offer, full, partial = full_and_partial(organisation=partner_a.organisation)
    AvailabilityFactory(centre=commune("84089"), radius_km=5)  # Pertuis: not their area
    page = partner_a.get(offer.get_absolute_url()).content.decode()
    assert MATCHES_TITLE in page and COUNT_TITLE not in page
    assert "Disponible sur toute la période (1)" in page
    assert "Disponible sur une partie de la période (1)" in page
    full_section, partial_section = page.split('data-matches="full"')[1].split(
        'data-matches="partial"'
    )
    assert full.display_name in full_section and partial.display_name not in full_section
    assert partial.display_name in partial_section
    assert "Disponible en partie" in partial_section
    assert full.get_absolute_url() in page


def test_the_poster_is_told_when_nobody_matches_yet(partner_a):
    period = AvailabilityFactory(centre=commune("84089"), radius_km=5)
    page = partner_a.get(
        locum_offer(period, organisation=partner_a.organisation).get_absolute_url()
    ).content.decode()
    assert MATCHES_TITLE in page
    assert "Aucun remplaçant inscrit n’est encore disponible à ces dates" in page


def test_a_weekday_pattern_that_misses_every_day_of_the_need_is_no_match(partner_a):
    # Tuesdays only, and a need of one Wednesday.
    period = AvailabilityFactory(weekdays=[1])
    wednesday = period.starts_on + timedelta(days=(2 - period.starts_on.weekday()) % 7)
    offer = OfferFactory(
        kind="remplacement_ponctuel",
        start_date=wednesday,
        end_date=wednesday,
        organisation=partner_a.organisation,
    )
    page = partner_a.get(offer.get_absolute_url()).content.decode()
    assert "Aucun remplaçant inscrit n’est encore disponible à ces dates" in page


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("visitor", None),
        ("professional", None),  # no confirmed e-mail, no RPPS number
        ("verified_professional", "count"),
        ("partner_a", "matches"),  # the poster's organisation
        ("partner_b", "count"),  # another organisation
        ("remplacant", "count"),  # another remplaçant
        ("project_lead", "matches"),
    ],
)
def test_who_sees_what_on_the_offer(persona, sees, request, partner_a):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    client = request.getfixturevalue(persona)
    offer, full, partial = full_and_partial(organisation=partner_a.organisation)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert (MATCHES_TITLE in page) == (sees == "matches")
    assert (COUNT_TITLE in page) == (sees == "count")
    assert (full.display_name in page) == (sees == "matches")
    if sees == "count":
        assert "2 remplaçants inscrits sur le portail sont disponibles" in page


def test_the_poster_s_page_query_count_does_not_grow_with_the_matches(partner_a):
    offer, _full, _partial = full_and_partial(organisation=partner_a.organisation)
    with assert_max_queries(40) as few:
        partner_a.get(offer.get_absolute_url())
    for number in range(6):
        period = AvailabilityFactory(
            profile__user=verified_user(last_name=f"Remplaçant {number}"), weekdays=[1, 3]
        )
        period.communes.set([commune("84031")])
    with assert_max_queries(40) as many:
        page = partner_a.get(offer.get_absolute_url()).content.decode()
    assert "Disponibles sur une partie de la période (7)" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_visitor_sees_no_count(visitor):
    period = AvailabilityFactory()
    page = visitor.get(locum_offer(period).get_absolute_url()).content.decode()
    assert COUNT_TITLE not in page


def test_only_on_replacement_offers(verified_professional):
    period = AvailabilityFactory()
    offer = locum_offer(period)
    offer.kind = "collaboration"
    offer.save()
    page = verified_professional.get(offer.get_absolute_url()).content.decode()
    assert COUNT_TITLE not in page


def test_nothing_once_the_replacement_is_over(partner_a):
    period = AvailabilityFactory()
    offer = locum_offer(period, organisation=partner_a.organisation)
    offer.start_date = offer.end_date = period.starts_on - timedelta(days=30)
    offer.save()
    page = partner_a.get(offer.get_absolute_url()).content.decode()
    assert MATCHES_TITLE not in page and COUNT_TITLE not in page
