import importlib
import io
import os

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.helpers.browser"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The territory's real reference data, loaded once for the tests that run in a transaction."""
    with django_db_blocker.unblock():
        call_command("load_territory", stdout=io.StringIO())
    yield
    # The live server of the browser tests answers each request in a thread of its own; a thread
    # still finishing when its test ends keeps a connection, and the test database could then not
    # be dropped ("being accessed by other users"). End those sessions before it is.
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def territory(db):
    """Reference data for tests that need it, including transactional (browser) tests, whose
    database is emptied after each test."""
    from territory.models import Commune

    if not Commune.objects.exists():
        call_command("load_territory", stdout=io.StringIO())
        # A transactional test's flush also removed what the data migrations created.
        from accounts.models import Profession

        professions = importlib.import_module("offers.migrations.0002_professions").PROFESSIONS
        for position, (name, slug) in enumerate(professions):
            Profession.objects.get_or_create(
                slug=slug, defaults={"name": name, "position": position}
            )


@pytest.fixture
def demo_territory(territory):
    from territory.demo import generate_demo_territory

    generate_demo_territory()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


# --- Personas: every access rule is tested from each side -------------------------------------


@pytest.fixture
def visitor(db):
    """Someone without an account."""
    return Client()


class ReturningVisitorClient(Client):
    """Sends its expired session cookie with every request (the server deletes it each time)."""

    def request(self, **request):
        self.cookies["sessionid"] = "an-expired-session"
        return super().request(**request)


@pytest.fixture
def returning_visitor(db):
    """A visitor whose session has expired: every page is rendered for them (the page cache
    serves visitors without a session only), so query counts measure the page itself."""
    return ReturningVisitorClient()


@pytest.fixture
def professional_user(db):
    return UserFactory(first_name="Sacha", last_name="Martin")


@pytest.fixture
def professional(professional_user):
    client = Client()
    client.force_login(professional_user)
    return client


def partner_client(organisation_name, kind="cpts"):
    from django.utils import timezone

    from organisations.models import Membership
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name=organisation_name, kind=kind)
    user = UserFactory()
    Membership.objects.create(user=user, organisation=organisation, confirmed_at=timezone.now())
    client = Client()
    client.force_login(user)
    client.user, client.organisation = user, organisation
    return client


@pytest.fixture
def partner_a(db):
    """A confirmed member of organisation A (a CPTS)."""
    return partner_client("CPTS du Comtat (A)")


@pytest.fixture
def partner_b(db):
    """A confirmed member of organisation B (a hospital)."""
    return partner_client("Centre hospitalier (B)")


@pytest.fixture
def landlord_a(db):
    """A private landlord: a one-person organisation, not yet confirmed by the project lead."""
    return partner_client("Mme Lucie Fabre (propriétaire)", kind="proprietaire")


@pytest.fixture
def landlord_b(db):
    """Another private landlord."""
    return partner_client("M. Paul Girard (propriétaire)", kind="proprietaire")


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the project lead's authenticator app, in tests


@pytest.fixture
def project_lead_user(db):
    """The project lead: staff in the "Cheffe de projet" group, never a superuser, with an
    authenticator app (TOTP), as the admin requires."""
    from django.contrib.auth.models import Group

    from accounts.roles import PROJECT_LEAD_GROUP

    user = staff_with_totp(first_name="Camille", last_name="Roux")
    user.groups.add(Group.objects.get(name=PROJECT_LEAD_GROUP))
    return user


def staff_with_totp(**fields):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(is_staff=True, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def superuser(db):
    """The technical administrator (a superuser), for what the project lead may not do."""
    client = Client()
    client.force_login(staff_with_totp(is_superuser=True))
    return client


def totp_code(secret=TOTP_SECRET):
    """The authenticator's current code. A code read in the last seconds of its period may be
    refused by the time the browser submits it: wait for the next period then, as a person
    would."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


@pytest.fixture
def project_lead(project_lead_user):
    client = Client()
    client.force_login(project_lead_user)
    return client


@pytest.fixture
def celery_worker_thread(territory):
    """A real Celery worker on the test broker, in a thread of the test process (so that it
    shares the test's e-mail outbox)."""
    from celery.contrib.testing.worker import start_worker

    from vsa_portal.celery import app

    app.control.purge()
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING") as worker:
        yield worker
