import io
from datetime import timedelta

import factory
import pytest
from django.utils import timezone
from PIL import Image

from tests.factories import commune


class HousingFactory(factory.django.DjangoModelFactory):
    """A published furnished studio in Avignon for interns, unless told otherwise."""

    class Meta:
        model = "housing.Housing"

    title = factory.Sequence(lambda n: f"Studio meublé près de l’hôpital n°{n}")
    description = "Studio calme, cuisine équipée, à dix minutes à pied du centre hospitalier."
    housing_type = "studio"
    furnished = True
    rent = 450
    charges = 40
    available_from = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    audiences = factory.LazyFunction(lambda: ["internes"])
    commune = factory.LazyFunction(lambda: commune("84007"))
    contact_name = "Mme Lucie Fabre"
    contact_email = factory.Sequence(lambda n: f"proprietaire{n}@exemple.test")
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


def image_bytes(size=(1200, 900), image_format="JPEG", exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **kwargs)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
