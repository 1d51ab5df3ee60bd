"""Up to eight photos per housing: checked from their content, metadata removed, resized,
described; anything else refused with a message and the rest of the form kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from housing.models import MAX_PHOTOS, HousingPhoto
from outbox.models import OutgoingEmail
from tests.housing.conftest import HousingFactory, image_bytes

pytestmark = pytest.mark.django_db


def upload(content, name="chambre.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "Appareil de test"  # Make
    exif[0x8825] = {1: "N", 2: (43.0, 56.0, 0.0), 3: "E", 4: (4.0, 48.0, 0.0)}  # GPS
    return exif


@pytest.fixture
def draft(partner_a):
    return HousingFactory(organisation=partner_a.organisation, status="draft")


def photos_url(housing):
    return reverse("partners:housing_photos", args=[housing.pk])


def test_a_photo_is_re_encoded_without_metadata_and_resized(partner_a, draft):
    content = image_bytes(size=(4000, 3000), exif=gps_exif())
    assert Image.open(io.BytesIO(content)).getexif()  # the original carries EXIF and GPS
    response = partner_a.post(
        photos_url(draft), {"image": upload(content), "alt_text": "La pièce principale"}
    )
    assert response.status_code == 302
    photo = HousingPhoto.objects.get()
    assert photo.alt_text == "La pièce principale"
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert not photo.image.name.startswith("logements/chambre")  # a random name


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 pas une image", "chambre.jpg", "pas une image lisible"),
        (image_bytes(size=(7000, 100)), "large.jpg", "trop grande"),
    ],
)
def test_what_is_not_a_fit_image_is_refused_and_the_alt_text_kept(
    partner_a, draft, content, name, message
):
    response = partner_a.post(
        photos_url(draft), {"image": upload(content, name), "alt_text": "Le séjour"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Le séjour"' in html
    assert not HousingPhoto.objects.exists()


def test_a_file_too_heavy_is_refused(partner_a, draft):
    heavy = upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10))
    response = partner_a.post(photos_url(draft), {"image": heavy, "alt_text": "Le séjour"})
    assert response.status_code == 400
    assert "dépasse 5 Mo" in response.content.decode()


def test_a_decompression_bomb_is_refused(partner_a, draft, monkeypatch):
    # A small file that claims a huge picture: Pillow's bomb guard, at a low threshold here.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    response = partner_a.post(
        photos_url(draft),
        {
            "image": upload(image_bytes(size=(100, 100), image_format="PNG"), "b.png"),
            "alt_text": "x",
        },
    )
    assert response.status_code == 400
    assert "pas une image lisible" in response.content.decode()
    assert not HousingPhoto.objects.exists()


def test_alt_text_is_required(partner_a, draft):
    response = partner_a.post(photos_url(draft), {"image": upload(image_bytes())})
    assert response.status_code == 400
    assert response.context["form"].errors["alt_text"]


def test_at_most_eight_photos(partner_a, draft):
    for number in range(MAX_PHOTOS):
        response = partner_a.post(
            photos_url(draft), {"image": upload(image_bytes()), "alt_text": f"Vue {number}"}
        )
        assert response.status_code == 302
    response = partner_a.post(
        photos_url(draft), {"image": upload(image_bytes()), "alt_text": "Une de trop"}
    )
    assert response.status_code == 400
    assert "déjà 8 photos" in response.content.decode()
    assert HousingPhoto.objects.count() == MAX_PHOTOS


def test_photos_are_public_only_once_the_housing_is(partner_a, partner_b, visitor, draft):
    partner_a.post(photos_url(draft), {"image": upload(image_bytes()), "alt_text": "La cuisine"})
    photo = HousingPhoto.objects.get()
    assert visitor.get(photo.get_absolute_url()).status_code == 404
    assert partner_b.get(photo.get_absolute_url()).status_code == 404
    own = partner_a.get(photo.get_absolute_url())
    assert own.status_code == 200
    draft.status = "published"
    draft.save()
    response = visitor.get(photo.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content.startswith(b"\xff\xd8")
    html = visitor.get(draft.get_absolute_url()).content.decode()
    assert 'alt="La cuisine"' in html


def test_a_new_photo_sends_published_housing_back_to_moderation(partner_a):
    published = HousingFactory(organisation=partner_a.organisation)
    partner_a.post(photos_url(published), {"image": upload(image_bytes()), "alt_text": "Jardin"})
    published.refresh_from_db()
    assert published.status == "submitted"
    assert OutgoingEmail.objects.filter(subject__contains="Logement à relire").exists()


def test_another_organisation_cannot_add_or_remove_photos(partner_a, partner_b, draft):
    partner_a.post(photos_url(draft), {"image": upload(image_bytes()), "alt_text": "Chambre"})
    photo = HousingPhoto.objects.get()
    response = partner_b.post(
        photos_url(draft), {"image": upload(image_bytes()), "alt_text": "Intrus"}
    )
    assert response.status_code == 404
    delete = reverse("partners:housing_photo_delete", args=[draft.pk, photo.pk])
    assert partner_b.post(delete).status_code == 404
    assert partner_a.post(delete).status_code == 302
    assert not HousingPhoto.objects.exists()
