import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.roles import PROJECT_LEAD_GROUP
from tests.conftest import TOTP_SECRET
from tests.factories import OfferFactory, UserFactory
from tests.helpers.admin import publish_from_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_in_group():
    """A project lead who is staff through the group only, not a superuser."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=PROJECT_LEAD_GROUP))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


def test_the_group_exists_after_migrate_with_the_curation_permissions():
    group = Group.objects.get(name=PROJECT_LEAD_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_offer", "add_zoning", "change_membership", "view_outgoingemail"} <= codenames
    assert not codenames & {"change_group", "change_permission", "add_user", "delete_user"}


def test_the_group_moderates_offers_and_curates_the_territory(lead_in_group):
    offer = OfferFactory(status="submitted", published_at=None)
    for url_name in [
        "admin:offers_offer_changelist",
        "admin:territory_zoning_import",
        "admin:organisations_membership_changelist",
        "admin:outbox_outgoingemail_changelist",
    ]:
        assert lead_in_group.get(reverse(url_name)).status_code == 200, url_name
    publish_from_admin(lead_in_group, reverse("admin:offers_offer_changelist"), [offer.pk])
    offer.refresh_from_db()
    assert offer.status == "published"


def test_the_group_cannot_touch_permissions_or_create_accounts(lead_in_group):
    assert lead_in_group.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert lead_in_group.get(reverse("admin:accounts_user_add")).status_code == 403
