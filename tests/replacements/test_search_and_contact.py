"""Finding a remplaçant: who may search (the permission matrix), the filters, the partial
coverage, the constant query count, and the contact relayed by the portal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from replacements.models import ProfessionalCheck, ReplacementContact
from tests.factories import commune
from tests.helpers.queries import assert_max_queries
from tests.replacements.conftest import (
    AvailabilityFactory,
    client_for,
    verified_user,
)

pytestmark = pytest.mark.usefixtures("territory")
SEARCH = reverse("replacements:search")


def need_of(period):
    return {
        "du": period.starts_on.isoformat(),
        "au": period.ends_on.isoformat(),
        "commune": "carpentras",
    }


# --- Who may search ---------------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_page(visitor):
    profile = AvailabilityFactory().profile
    response = visitor.get(SEARCH)
    assert response.status_code == 302 and "/compte/" in response["Location"]
    assert visitor.get(reverse("replacements:detail", args=[profile.pk])).status_code == 302
    assert visitor.post(reverse("replacements:contact", args=[profile.pk])).status_code == 302


def test_a_professional_without_a_confirmed_email_is_told_what_to_do(professional):
    response = professional.get(SEARCH)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Confirmer mon adresse e-mail" in page and "numéro RPPS" in page


def test_a_confirmed_email_alone_is_not_enough(territory):
    client = client_for(verified_user())
    response = client.get(SEARCH)
    assert response.status_code == 403
    assert "Confirmer mon adresse e-mail" not in response.content.decode()


def test_an_rpps_number_given_and_checked_opens_the_search(territory):
    client = client_for(verified_user())
    response = client.post(reverse("replacements:professional_check"), {"rpps": "12345678901"})
    assert response.status_code == 400
    assert "clé de contrôle" in response.content.decode()
    from replacements.validators import with_check_digit

    response = client.post(
        reverse("replacements:professional_check"), {"rpps": with_check_digit("1000555555")}
    )
    assert response.status_code == 302
    assert client.get(SEARCH).status_code == 200


def test_the_project_lead_marks_a_professional_verified(territory):
    user = verified_user()
    ProfessionalCheck.objects.create(user=user, verified=True)
    assert client_for(user).get(SEARCH).status_code == 200


@pytest.mark.parametrize(
    "persona", ["verified_professional", "partner_a", "remplacant", "project_lead"]
)
def test_who_may_search(persona, request):
    client = request.getfixturevalue(persona)
    if persona == "project_lead":
        from accounts.roles import ensure_project_lead_group

        ensure_project_lead_group()
    period = AvailabilityFactory()
    response = client.get(SEARCH, need_of(period))
    assert response.status_code == 200
    assert period.profile.display_name in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'name="robots" content="noindex, nofollow"' in response.content.decode()


def test_an_unconfirmed_partner_member_may_not_search(territory):
    from organisations.models import Membership
    from tests.factories import OrganisationFactory, UserFactory

    user = UserFactory()
    Membership.objects.create(user=user, organisation=OrganisationFactory())
    assert client_for(user).get(SEARCH).status_code == 403


# --- What the search shows --------------------------------------------------------------------


def test_never_the_remplacants_email_or_phone(verified_professional):
    period = AvailabilityFactory(profile__name_display="complet")
    user = period.profile.user
    for url in (SEARCH, period.profile.get_absolute_url()):
        page = verified_professional.get(url, need_of(period)).content.decode()
        assert user.last_name in page
        assert user.email not in page


def test_initials_only_when_the_remplacant_chose_so(verified_professional):
    period = AvailabilityFactory(
        profile__user=verified_user(first_name="Lucie", last_name="Fabre"),
        profile__name_display="initiales",
    )
    page = verified_professional.get(SEARCH, need_of(period)).content.decode()
    assert "L.F." in page and "Fabre" not in page


def test_partial_coverage_is_shown_as_such(verified_professional):
    period = AvailabilityFactory()
    need = {**need_of(period), "au": (period.ends_on + timedelta(days=7)).isoformat()}
    page = verified_professional.get(SEARCH, need).content.decode()
    assert "Disponible en partie" in page


def test_filters_by_place_and_kind(verified_professional):
    near = AvailabilityFactory(profile__user=verified_user(last_name="Proche"))
    far = AvailabilityFactory(
        profile__user=verified_user(last_name="Lointaine"),
        centre=commune("84089"),
        radius_km=10,
        kind="regulier",
    )
    params = {**need_of(near), "profile": ""}
    params.pop("profile")
    page = verified_professional.get(SEARCH, params).content.decode()
    assert near.profile.display_name in page and far.profile.display_name not in page
    page = verified_professional.get(SEARCH, {**params, "km": 60, "type": "regulier"})
    body = page.content.decode()
    assert far.profile.display_name in body and near.profile.display_name not in body


def test_stale_and_withdrawn_profiles_are_not_found(verified_professional):
    stale = AvailabilityFactory(profile__confirmed_at=timezone.now() - timedelta(days=100))
    withdrawn = AvailabilityFactory(profile__consent_to_list=False)
    for period in (stale, withdrawn):
        response = verified_professional.get(SEARCH, need_of(period))
        assert response.context["page"].paginator.count == 0
        assert verified_professional.get(period.profile.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"du": "pas-une-date"},
        {"du": "2027-05-10", "au": "2027-05-01"},
        {"km": "-5"},
        {"km": "20"},
        {"commune": "atlantide"},
        {"type": "nimporte"},
        {"page": "999"},
    ],
)
def test_bad_input_never_gives_a_500(verified_professional, params):
    response = verified_professional.get(SEARCH, params)
    assert response.status_code == 200


def test_bad_dates_are_explained_in_french(verified_professional):
    page = verified_professional.get(SEARCH, {"du": "2027-05-10", "au": "2027-05-01"})
    assert "La date de fin précède la date de début." in page.content.decode()


def test_the_query_count_does_not_grow_with_the_results(verified_professional):
    first = AvailabilityFactory()
    params = need_of(first)
    with assert_max_queries(12) as few:
        assert verified_professional.get(SEARCH, params).status_code == 200
    for _ in range(8):
        period = AvailabilityFactory(profile__user=verified_user(), weekdays=[1, 3])
        period.communes.set([commune("84031")])
    with assert_max_queries(12) as many:
        response = verified_professional.get(SEARCH, params)
    assert response.context["page"].paginator.count == 9
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Contact relayed by the portal ------------------------------------------------------------


def test_a_message_is_saved_counted_and_sent_through_the_outbox(verified_professional):
    profile = AvailabilityFactory().profile
    response = verified_professional.post(
        reverse("replacements:contact", args=[profile.pk]),
        {"message": "Bonjour, je cherche un remplaçant en juillet.", "starts_on": "2027-07-01"},
    )
    assert response.status_code == 302
    contact = ReplacementContact.objects.get()
    assert contact.sender == verified_professional.user and contact.profile == profile
    profile.refresh_from_db()
    assert profile.contacts_count == 1
    to_remplacant, receipt = OutgoingEmail.objects.order_by("pk")
    assert to_remplacant.to == [profile.user.email]
    assert "juillet" in to_remplacant.body
    assert receipt.to == [verified_professional.user.email]
    page = verified_professional.get(profile.get_absolute_url()).content.decode()
    assert profile.user.email not in page


def test_an_empty_message_is_refused(verified_professional):
    profile = AvailabilityFactory().profile
    response = verified_professional.post(
        reverse("replacements:contact", args=[profile.pk]), {"message": ""}
    )
    assert response.status_code == 400
    assert not ReplacementContact.objects.exists() and not OutgoingEmail.objects.exists()


def test_messages_are_rate_limited(verified_professional):
    profile = AvailabilityFactory().profile
    url = reverse("replacements:contact", args=[profile.pk])
    statuses = [
        verified_professional.post(url, {"message": f"Message {n}"}).status_code for n in range(7)
    ]
    assert statuses[:5] == [302] * 5 and statuses[-1] == 429
    assert ReplacementContact.objects.count() == 5


def test_a_visitor_cannot_write(visitor):
    profile = AvailabilityFactory().profile
    visitor.post(reverse("replacements:contact", args=[profile.pk]), {"message": "Spam"})
    assert not ReplacementContact.objects.exists()
