"""Partners and private landlords post housing; bad input is refused; nobody touches another's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import Housing, LandlordConfirmation
from outbox.models import OutgoingEmail
from tests.housing.conftest import HousingFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("partners:create", args=["logements"])


def form(organisation, **changes):
    data = {
        "organisation": organisation.pk,
        "title": "Studio meublé à deux pas du CH",
        "description": "Studio de 25 m², cuisine équipée.",
        "housing_type": "studio",
        "furnished": "on",
        "rent": "420",
        "charges": "30",
        "available_from": "2027-05-01",
        "available_until": "2027-10-31",
        "fits_summer_semester": "on",
        "audiences": ["internes"],
        "commune": "",
        "place_precision": "commune",
        "contact_name": "Lucie Fabre",
        "contact_email": "lucie.fabre@exemple.test",
    }
    from territory.models import Commune

    data["commune"] = Commune.objects.get(insee_code="84007").pk
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_partner_submits_housing_and_the_project_lead_is_told(partner_a):
    response = partner_a.post(CREATE, form(partner_a.organisation, submit="1"))
    assert response.status_code == 302
    housing = Housing.objects.get()
    assert (housing.status, housing.organisation) == ("submitted", partner_a.organisation)
    assert housing.point == housing.commune.reference_point
    (email,) = OutgoingEmail.objects.all()
    assert "Logement à relire" in email.subject


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"rent": "0"}, "rent", "supérieur à zéro"),
        ({"rent": "-100"}, "rent", "supérieur à zéro"),
        ({"available_until": "2027-04-01"}, "available_until", "précède"),
        ({"min_stay_months": "6", "max_stay_months": "2"}, "max_stay_months", "inférieure"),
        ({"place_precision": "exact", "address": ""}, "address", "Indiquez l’adresse"),
        ({"audiences": None}, "audiences", "obligatoire"),
    ],
)
def test_bad_input_is_refused_and_the_form_kept(partner_a, changes, field, message):
    response = partner_a.post(CREATE, form(partner_a.organisation, submit="1", **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert "Studio meublé à deux pas du CH" in response.content.decode()  # the rest is kept
    assert not Housing.objects.exists()


def test_an_unconfirmed_landlord_may_save_a_draft_but_not_submit(landlord_a):
    response = landlord_a.post(CREATE, form(landlord_a.organisation, submit="1"))
    assert response.status_code == 400
    assert "doit d’abord confirmer votre compte de propriétaire" in response.content.decode()
    assert not Housing.objects.exists()
    response = landlord_a.post(CREATE, form(landlord_a.organisation, draft="1"))
    assert response.status_code == 302
    assert Housing.objects.get().status == "draft"
    assert not OutgoingEmail.objects.exists()


def test_a_confirmed_landlord_submits(landlord_a, project_lead_user):
    LandlordConfirmation.objects.create(
        organisation=landlord_a.organisation, confirmed_by=project_lead_user
    )
    response = landlord_a.post(CREATE, form(landlord_a.organisation, submit="1"))
    assert response.status_code == 302
    assert Housing.objects.get().status == "submitted"


def test_a_landlord_never_edits_another_landlords_housing(landlord_a, landlord_b):
    theirs = HousingFactory(organisation=landlord_a.organisation, status="draft")
    photo_url = reverse("partners:housing_photos", args=[theirs.pk])
    edit_url = reverse("partners:edit", args=["logements", theirs.pk])
    assert landlord_b.get(edit_url).status_code == 404
    assert landlord_b.post(edit_url, form(landlord_b.organisation, draft="1")).status_code == 404
    assert landlord_b.get(photo_url).status_code == 404
    withdraw = reverse("partners:withdraw", args=["logements", theirs.pk])
    assert landlord_b.post(withdraw).status_code == 404
    assert theirs.title not in landlord_b.get(reverse("partners:home")).content.decode()
    assert landlord_a.get(edit_url).status_code == 200
    theirs.refresh_from_db()
    assert theirs.organisation == landlord_a.organisation


def test_a_landlord_cannot_post_for_another_organisation(landlord_a, landlord_b):
    response = landlord_a.post(CREATE, form(landlord_b.organisation, draft="1"))
    assert response.status_code == 400
    assert not Housing.objects.exists()


def test_visitors_and_professionals_have_no_partner_space(visitor, professional):
    assert visitor.get(CREATE).status_code == 302  # to the login page
    assert professional.get(CREATE).status_code == 403


def test_the_partner_home_lists_the_housing_with_its_photo_count(partner_a):
    HousingFactory(title="Chambre à l’internat", organisation=partner_a.organisation)
    html = partner_a.get(reverse("partners:home")).content.decode()
    assert "Chambre à l’internat" in html and "0 photo" in html


def test_the_project_lead_publishes_but_not_an_unconfirmed_landlords_housing(
    project_lead, landlord_a, partner_a
):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    waiting = HousingFactory(organisation=landlord_a.organisation, status="submitted")
    ready = HousingFactory(organisation=partner_a.organisation, status="submitted")
    from tests.helpers.admin import publish_from_admin

    changelist = reverse("admin:housing_housing_changelist")
    review = project_lead.post(
        changelist, {"action": "publish", "_selected_action": [waiting.pk, ready.pk]}
    )
    assert "propriétaires particuliers non confirmés" in review.content.decode()
    publish_from_admin(project_lead, changelist, [waiting.pk, ready.pk])
    waiting.refresh_from_db()
    ready.refresh_from_db()
    assert (waiting.status, ready.status) == ("submitted", "published")
    assert ready.published_at <= timezone.now()
    assert OutgoingEmail.objects.filter(subject__contains="Votre logement est publié").exists()


def test_the_project_lead_confirms_a_landlord_in_the_admin(project_lead, landlord_a):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    response = project_lead.post(
        reverse("admin:housing_landlordconfirmation_add"),
        {"organisation": landlord_a.organisation.pk, "note": "Pièce d’identité vue."},
    )
    assert response.status_code == 302
    assert LandlordConfirmation.objects.get().organisation == landlord_a.organisation
