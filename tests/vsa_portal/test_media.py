import pytest

pytestmark = pytest.mark.django_db


def test_uploaded_images_are_served_without_debug(visitor, settings, tmp_path):
    assert not settings.DEBUG
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "cpts.png").write_bytes(b"\x89PNG\r\n\x1a\nimage")
    response = visitor.get("/media/logos/cpts.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png"


def test_nothing_outside_the_media_folder_is_served(visitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    assert visitor.get("/media/../secret.txt").status_code == 404
    assert visitor.get("/media/%2e%2e/secret.txt").status_code == 404
    assert visitor.get("/media/absent.png").status_code == 404
