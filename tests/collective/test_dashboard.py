"""The project lead's dashboard on the admin index: what waits for her, per kind and per
service, with links to the admin lists, as the non-superuser role; visitors never see it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collective.models import ContactMessage
from organisations.models import Invitation, Membership
from outbox.models import OutgoingEmail
from support.enums import DossierStatus
from tests.factories import (
    DossierFactory,
    EventFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers.queries import assert_max_queries

INDEX = reverse("admin:index")


@pytest.fixture
def waiting(territory):
    OfferFactory.create_batch(3, status="submitted")
    OfferFactory()  # published: nothing to do
    EventFactory(status="submitted")
    old = timezone.now() - timedelta(days=30)
    DossierFactory.create_batch(2, created_at=old)  # unanswered for a month
    DossierFactory()  # new today: not yet late
    DossierFactory(
        status=DossierStatus.IN_PROGRESS,
        first_answer_at=old,
        next_action_on=timezone.localdate() - timedelta(days=1),
    )
    ContactMessage.objects.create(
        name="Dr Lou",
        email="lou@exemple.test",
        subject="installation",
        message="Bonjour",
        consent_given_at=timezone.now(),
        consent_version="2026-12",
    )
    organisation = OrganisationFactory()
    Membership.objects.create(user=UserFactory(), organisation=organisation)
    Invitation.objects.create(email="collegue@exemple.test", organisation=organisation)
    OutgoingEmail.objects.create(
        to=["x@exemple.test"], subject="Essai", body="…", last_error="SMTP 421"
    )


def row(body, label):
    """The dashboard row whose label starts with ``label``: its count cell's text."""
    section = body[
        body.index('class="module project-lead-dashboard"') : body.index('id="content-main"')
    ]
    for html_row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        line = " ".join(re.sub(r"<[^>]+>", " ", html_row).split())
        if line.startswith(label):
            return line[len(label) :].strip()
    raise AssertionError(f"no row {label!r}")


def test_the_project_lead_sees_what_waits_for_her(project_lead, waiting):
    # one count per line of the dashboard, whatever the data: 24 today (with the school visit
    # requests and the landlords to confirm), with the admin index's own session, user,
    # two-factor, permissions and recent-actions queries
    with assert_max_queries(26):
        response = project_lead.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert row(body, "Offres d’exercice") == "3"
    assert row(body, "Événements") == "1"
    assert row(body, "Nouvelles demandes sans réponse depuis plus de 7 jours") == "2"
    assert row(body, "Dossiers dont la prochaine action est due").endswith("1")
    assert row(body, "Messages de la page Contact non traités") == "1"
    assert row(body, "Membres d’organisations à confirmer") == "1"
    assert row(body, "Invitations à confirmer") == "1"
    assert row(body, "E-mails en échec").endswith("1")
    offers_list = reverse("admin:offers_offer_changelist")
    assert f'href="{offers_list}?status__exact=submitted"' in body
    # the stock app list stays below
    assert 'id="content-main"' in body


def test_the_links_open_the_filtered_lists(project_lead, waiting):
    body = project_lead.get(INDEX).content.decode()
    offers = project_lead.get(
        reverse("admin:offers_offer_changelist"), {"status__exact": "submitted"}
    )
    assert offers.status_code == 200
    assert "3 offres" in offers.content.decode() or "3 résultats" in offers.content.decode()
    for url in (
        reverse("admin:collective_contactmessage_changelist") + "?handled__exact=0",
        reverse("admin:organisations_membership_changelist") + "?confirmed_at__isempty=1",
        reverse("admin:organisations_invitation_changelist") + "?confirmed_at__isempty=1",
        reverse("admin:support_pipeline") + "?status=recue",
    ):
        assert f'href="{url}"' in body.replace("&amp;", "&")
        assert project_lead.get(url).status_code == 200, url


def test_an_empty_dashboard_says_nothing_waits(project_lead, db):
    body = project_lead.get(INDEX).content.decode()
    assert row(body, "Messages de la page Contact non traités") == "rien"


@pytest.mark.parametrize("persona", ["visitor", "professional", "partner_a"])
def test_others_are_sent_to_the_login_page(db, request, persona):
    client = request.getfixturevalue(persona)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "login" in response["Location"] or "connexion" in response["Location"]


def test_aids_to_recheck_and_this_months_publications(project_lead, territory):
    from aids.catalogue import load_catalogue
    from aids.models import Aid

    load_catalogue()
    Aid.objects.update(last_checked=timezone.localdate())
    stale = Aid.objects.order_by("pk")[:2]
    Aid.objects.filter(pk__in=[aid.pk for aid in stale]).update(
        last_checked=timezone.localdate() - timedelta(days=400)
    )
    OfferFactory.create_batch(2)
    OfferFactory(is_demo=True)
    last_month = timezone.now().replace(day=1) - timedelta(days=3)
    OfferFactory(published_at=last_month)
    body = project_lead.get(INDEX).content.decode()
    assert row(body, "Aides à revérifier (plus de 6 mois sans vérification)") == "2"
    url = reverse("admin:aids_aid_changelist") + "?verification=a_revoir"
    assert f'href="{url}"' in body
    assert project_lead.get(url).context["cl"].result_count == 2
    assert row(body, "Offres d’exercice publiées") == "2 1"
    assert "Aucun import" in body
