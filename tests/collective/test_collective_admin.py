"""The project lead curates news and testimonials in the admin: photos re-encoded and
stripped of their metadata, anything else refused with a French message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.roles import ensure_project_lead_group
from collective import models as collective_models
from tests.factories import commune
from tests.organisations.test_organisation_logo import image_bytes


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_testimonial(client, photo):
    return client.post(
        reverse("admin:collective_testimonial_add"),
        {
            "name": "Dr Claire M.",
            "quote": "Une équipe m’attendait.",
            "commune": commune("84031").pk,
            "year": "2025",
            "mode": "msp",
            "consent_given_at": "01/06/2025",
            "is_published": "on",
            "photo": photo,
        },
    )


def test_the_photo_is_re_encoded_without_metadata(project_lead, territory):
    ensure_project_lead_group()
    response = post_testimonial(project_lead, SimpleUploadedFile("photo.jpg", image_bytes()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = collective_models.Testimonial.objects.get().photo
    with Image.open(photo.path) as stored:
        assert max(stored.size) == 800
        assert not stored.getexif()


def test_a_file_that_is_not_an_image_is_refused(project_lead, territory):
    ensure_project_lead_group()
    response = post_testimonial(project_lead, SimpleUploadedFile("photo.jpg", b"pas une image"))
    assert response.status_code == 200
    assert not collective_models.Testimonial.objects.exists()
    errors = response.context["adminform"].form.errors
    assert "photo" in errors and "image" in errors["photo"][0]  # a French message
