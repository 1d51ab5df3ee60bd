import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_bytes(size=(1200, 600), mode="RGB", image_format="JPEG", exif=True):
    image = Image.new(mode, size, (120, 60, 160))
    output = io.BytesIO()
    options = {}
    if exif and image_format == "JPEG":
        data = Image.Exif()
        data[0x010F] = "Appareil secret"  # Make
        data[0x8825] = {2: (43.0, 56.0, 0.0)}  # GPS
        options["exif"] = data.tobytes()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def post_logo(client, filename, content):
    return client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "CPTS du Ventoux",
            "kind": "cpts",
            "logo": SimpleUploadedFile(filename, content),
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )


def test_logo_is_re_encoded_resized_and_stripped_of_metadata(project_lead):
    response = post_logo(project_lead, "logo.jpg", image_bytes())
    assert response.status_code == 302, response.context["adminform"].form.errors
    logo = Organisation.objects.get().logo
    with Image.open(logo.path) as stored:
        assert max(stored.size) == 800
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_transparent_logo_stays_png(project_lead):
    post_logo(project_lead, "logo.png", image_bytes(mode="RGBA", image_format="PNG"))
    assert Organisation.objects.get().logo.name.endswith(".png")


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.png", b"<svg onload=alert(1)></svg>", "Téléversez une image valide"),
        ("logo.jpg", b"\xff\xd8\xff" + b"0" * 5000, "Téléversez une image valide"),
        ("logo.png", b"x" * (3 * 1024 * 1024 + 1), "Téléversez une image valide"),
    ],
)
def test_bad_files_are_refused_with_a_message(project_lead, filename, content, message):
    response = post_logo(project_lead, filename, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_an_image_too_big_in_pixels_is_refused(project_lead):
    response = post_logo(
        project_lead, "immense.png", image_bytes(size=(7000, 10), image_format="PNG")
    )
    assert response.status_code == 200
    assert "L’image est trop grande" in response.content.decode()
