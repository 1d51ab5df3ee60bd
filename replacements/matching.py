"""Replacement offers matched with the remplaçants whose availability covers their dates and
place. The offers are another rubric's content: they are read through the registry of kinds
(``kinds.get("offres")``, its ``published`` queryset and the fields every offer has), never
imported."""

from datetime import timedelta
from itertools import groupby

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from replacements.coverage import coverage
from replacements.emails import absolute, queue_to_remplacant
from replacements.models import Availability, OfferMatch, ReplacementProfile
from territory.models import Commune
from vsa_portal import kinds

OFFERS_KIND = "offres"
# The offers' kinds of replacement (their values, read through the registry: no import).
LOCUM_OFFER_KINDS = ("remplacement_ponctuel", "remplacement_regulier")
HEAVY_COMMUNE_FIELDS = ("boundary", "imported_values", "centroid", "town_hall_point")
# The offer's page lists this many matching remplaçants at most, the search shows the rest.
MATCHES_SHOWN = 50
# Offers published this far back are matched again (a night the task did not run is caught up);
# a match is recorded once, so nothing is e-mailed twice.
MATCH_LOOKBACK = timedelta(days=3)


def current_periods(place=None, km=0, kind=""):
    """Prefetch of the current periods into ``profile.current_periods``; given a place (and a
    kind), only the periods that reach it, so that the coverage is the coverage there."""
    periods = Availability.objects.current()
    if place is not None:
        periods = periods.reaching(place, km)
    if kind:
        periods = periods.filter(kind=kind)
    return Prefetch(
        "availabilities",
        queryset=periods.select_related("centre")
        .defer(*(f"centre__{name}" for name in HEAVY_COMMUNE_FIELDS))
        .prefetch_related(Prefetch("communes", queryset=Commune.objects.only("name", "slug")))
        .order_by("starts_on", "pk"),
        to_attr="current_periods",
    )


def with_coverage(profiles, start, end):
    for profile in profiles:
        profile.coverage = coverage(start, end, [a.period for a in profile.current_periods])
    return profiles


def offers_kind():
    return kinds.get(OFFERS_KIND)


def is_replacement_offer(item):
    kind = offers_kind()
    return (
        kind is not None
        and isinstance(item, kind.model)
        and getattr(item, "kind", "") in LOCUM_OFFER_KINDS
        and item.start_date is not None
    )


def need_of(offer, today=None):
    """The days the offer still needs a remplaçant: (start, end), or None once it is over."""
    today = today or timezone.localdate()
    start, end = max(offer.start_date, today), offer.end_date or offer.start_date
    return (start, end) if end >= start else None


def replacement_offers():
    """The published replacement offers with dates, or None if the offers' rubric is absent."""
    kind = offers_kind()
    if kind is None or not kind.published:
        return None
    return kind.published().filter(kind__in=LOCUM_OFFER_KINDS, start_date__isnull=False)


def matching_profiles(offer, limit=None):
    """(full, partial): the listed remplaçants whose own area reaches the offer's commune and
    whose periods cover all, or only some, of its remaining days; each with ``.coverage``."""
    need = need_of(offer)
    if need is None:
        return [], []
    start, end = need
    profiles = (
        ReplacementProfile.objects.available(start, end, offer.commune)
        .select_related("user", "profession")
        .prefetch_related(current_periods(offer.commune))
        .order_by("-verified", "-confirmed_at", "pk")
    )
    if limit:
        profiles = profiles[:limit]
    full, partial = [], []
    for profile in with_coverage(profiles, start, end):
        if profile.coverage.is_full:
            full.append(profile)
        elif not profile.coverage.is_empty:
            partial.append(profile)
    return full, partial


def record_matches(since):
    """Record the matches of the replacement offers published since ``since``; returns how many
    are new."""
    offers = replacement_offers()
    if offers is None:
        return 0
    before = OfferMatch.objects.count()
    for offer in offers.filter(published_at__gte=since).select_related("commune"):
        full, partial = matching_profiles(offer)
        OfferMatch.objects.bulk_create(
            [
                OfferMatch(
                    profile=profile,
                    offer_pk=offer.pk,
                    full=profile in full,
                    is_demo=bool(getattr(offer, "is_demo", False) or profile.is_demo),
                )
                for profile in full + partial
            ],
            ignore_conflicts=True,
        )
    return OfferMatch.objects.count() - before


def send_digests(now=None):
    """One e-mail per remplaçant who opted in, listing the offers newly matched for them that
    are still published; every match is e-mailed once. Returns the number of e-mails."""
    from replacements.digest import unsubscribe_url

    now = now or timezone.now()
    offers = replacement_offers()
    pending = list(
        OfferMatch.objects.to_send(now - MATCH_LOOKBACK)
        .select_related("profile__user")
        .order_by("profile_id", "-full", "created_at", "pk")
    )
    if offers is None or not pending:
        return 0
    published = offers.filter(pk__in={match.offer_pk for match in pending}).select_related(
        "commune"
    )
    by_pk = {offer.pk: offer for offer in published}
    sent = 0
    for profile, matches in groupby(pending, key=lambda match: match.profile):
        matches = list(matches)
        items = [
            {"offer": offer, "full": match.full, "url": absolute(offer.get_absolute_url())}
            for match in matches
            if (offer := by_pk.get(match.offer_pk))
        ]
        with transaction.atomic():
            if items:
                queue_to_remplacant(
                    profile,
                    "Offres de remplacement à vos dates",
                    "replacements/emails/match_digest.txt",
                    {"items": items, "unsubscribe_url": absolute(unsubscribe_url(profile))},
                )
                sent += 1
            OfferMatch.objects.filter(pk__in=[match.pk for match in matches]).update(sent_at=now)
    return sent
