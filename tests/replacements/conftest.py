from datetime import timedelta

import factory
import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from replacements.validators import with_check_digit
from tests.factories import UserFactory, commune, profession

VALID_RPPS = with_check_digit("1000123456")


def verified_user(**fields):
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class ProfileFactory(factory.django.DjangoModelFactory):
    """A listed thesed general practitioner, confirmed today."""

    class Meta:
        model = "replacements.ReplacementProfile"

    user = factory.LazyFunction(lambda: verified_user(last_name="Remplaçante"))
    profession = factory.LazyFunction(lambda: profession("medecine-generale"))
    status = "these"
    rpps = VALID_RPPS
    consent_to_list = True
    consent_given_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class AvailabilityFactory(factory.django.DjangoModelFactory):
    """Two weeks from next week, within 30 km of Carpentras."""

    class Meta:
        model = "replacements.Availability"

    profile = factory.SubFactory(ProfileFactory)
    kind = "ponctuel"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda a: a.starts_on + timedelta(days=13))
    centre = factory.LazyFunction(lambda: commune("84031"))
    radius_km = 30


def client_for(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def verified_professional(territory):
    """A GP with a confirmed e-mail address who gave a valid RPPS number."""
    from replacements.models import ProfessionalCheck

    user = verified_user(first_name="Dominique", last_name="Généraliste")
    ProfessionalCheck.objects.create(user=user, rpps=with_check_digit("1000999999"))
    return client_for(user)


@pytest.fixture
def remplacant(territory):
    """Another remplaçant, with their own listed profile."""
    return client_for(ProfileFactory().user)
