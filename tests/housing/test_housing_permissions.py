"""Who may do what with a private landlord's housing, persona by persona: the landlord who owns
it, another landlord, a partner organisation, a professional, a visitor and the project lead
(staff, never a superuser). Anything not theirs is a 404, never a hint that it exists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.models import HousingPhoto
from tests.housing.conftest import HousingFactory, image_bytes

pytestmark = pytest.mark.django_db

OWNER, OTHERS = "landlord_a", ("landlord_b", "partner_a", "partner_b")


@pytest.fixture
def draft(landlord_a):
    housing = HousingFactory(organisation=landlord_a.organisation, status="draft")
    response = landlord_a.post(
        reverse("partners:housing_photos", args=[housing.pk]),
        {
            "image": SimpleUploadedFile("s.jpg", image_bytes(), content_type="image/jpeg"),
            "alt_text": "Le séjour",
        },
    )
    assert response.status_code == 302
    return housing


def urls(housing):
    photo = HousingPhoto.objects.get(housing=housing)
    return {
        "edit": reverse("partners:edit", args=["logements", housing.pk]),
        "photos": reverse("partners:housing_photos", args=[housing.pk]),
        "photo": photo.get_absolute_url(),
        "photo_delete": reverse("partners:housing_photo_delete", args=[housing.pk, photo.pk]),
        "withdraw": reverse("partners:withdraw", args=["logements", housing.pk]),
        "public": housing.get_absolute_url(),
    }


def test_the_owner_sees_and_edits_a_draft_but_not_the_public_page(landlord_a, draft):
    found = urls(draft)
    for name in ("edit", "photos", "photo"):
        assert landlord_a.get(found[name]).status_code == 200, name
    assert landlord_a.get(found["public"]).status_code == 404  # not published yet


@pytest.mark.parametrize("persona", [*OTHERS, "professional", "visitor"])
def test_nobody_else_learns_that_the_draft_exists(request, draft, persona):
    client = request.getfixturevalue(persona)
    found = urls(draft)
    for name in ("photo", "public"):
        assert client.get(found[name]).status_code == 404, name
    # partners and other landlords: a 404; no partner space at all: the login page for a
    # visitor, a refusal for a professional
    expected = {"visitor": 302, "professional": 403}.get(persona, 404)
    for name in ("edit", "photos"):
        assert client.get(found[name]).status_code == expected, name
    for name in ("photo_delete", "withdraw"):
        assert client.post(found[name]).status_code == expected, name
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.photos.count() == 1


def test_the_project_lead_reviews_it_in_the_admin_and_sees_its_photo(project_lead, draft):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    change = reverse("admin:housing_housing_change", args=[draft.pk])
    assert project_lead.get(change).status_code == 200
    assert project_lead.get(urls(draft)["photo"]).status_code == 200


@pytest.mark.parametrize("persona", ["landlord_a", "landlord_b", "partner_a", "professional"])
def test_no_partner_or_landlord_reaches_the_admin(request, draft, persona):
    client = request.getfixturevalue(persona)
    change = reverse("admin:housing_housing_change", args=[draft.pk])
    assert client.get(change).status_code == 302  # to the admin's login page
