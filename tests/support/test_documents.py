"""Documents on a dossier: PDF, JPEG or PNG recognised from their content, a size cap, stored
outside the public media, downloaded only by their owner and by staff (whose downloads are
logged), scanned by ClamAV when a clamd socket is configured and accepted with a logged warning
when none is."""

import io
import logging
import socket
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from outbox.models import OutgoingEmail
from support.enums import DossierStatus, ScanStatus
from support.models import Document, StaffRead
from tests.factories import DossierFactory, UserFactory
from tests.support.helpers import admin_post_data

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# The antivirus industry's harmless test signature (every ClamAV knows it as Eicar-Signature).
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(output, format="PNG")
    return output.getvalue()


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.SUPPORT_DOCUMENTS_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SUPPORT_CLAMD_SOCKET = ""


@pytest.fixture
def own_dossier(professional_user):
    return DossierFactory(requester=professional_user, email=professional_user.email)


def upload(client, dossier, name, content, content_type="application/pdf"):
    return client.post(
        reverse("support:upload_document", args=[dossier.reference]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_the_requester_uploads_a_pdf_kept_outside_the_public_media(
    professional, own_dossier, settings, caplog
):
    with caplog.at_level(logging.WARNING, logger="support.documents"):
        response = upload(professional, own_dossier, "CV Alix.pdf", PDF)
    assert response.status_code == 302
    document = Document.objects.get(dossier=own_dossier)
    assert document.name == "CV Alix.pdf" and document.content_type == "application/pdf"
    assert document.scan_status == ScanStatus.NOT_SCANNED
    assert "No antivirus configured" in caplog.text
    path = document.file.path
    assert path.startswith(str(settings.SUPPORT_DOCUMENTS_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "Alix" not in path  # the disk holds a random name
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - no public address at all
    # The project lead hears of it.
    assert OutgoingEmail.objects.filter(subject__contains="Nouveau document").exists()
    page = professional.get(own_dossier.get_absolute_url()).content.decode()
    assert "CV Alix.pdf" in page


def test_the_owner_downloads_it_as_an_attachment(professional, own_dossier):
    upload(professional, own_dossier, "diplome.png", png_bytes(), "image/png")
    document = Document.objects.get()
    response = professional.get(
        reverse("support:document", args=[own_dossier.reference, document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    served = response.content
    with document.file.open("rb") as stored:
        assert served == stored.read()


def test_a_file_renamed_pdf_that_is_not_one_is_refused_with_a_message(professional, own_dossier):
    response = upload(professional, own_dossier, "cv.pdf", b"MZ\x90\x00 this is a program")
    assert response.status_code == 400
    assert "ni un PDF, ni une image JPEG ou PNG" in response.content.decode()
    assert not Document.objects.exists()


def test_a_gif_or_a_broken_pdf_is_refused(professional, own_dossier):
    output = io.BytesIO()
    Image.new("RGB", (4, 4)).save(output, format="GIF")
    assert upload(professional, own_dossier, "photo.png", output.getvalue()).status_code == 400
    response = upload(professional, own_dossier, "cv.pdf", b"%PDF-1.4\nno end marker")
    assert "incomplet" in response.content.decode()
    assert not Document.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit(professional, own_dossier, settings):
    settings.SUPPORT_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = PDF[:-7] + b" " * (1024 * 1024) + b"%%EOF\n"
    response = upload(professional, own_dossier, "gros.pdf", big)
    assert response.status_code == 400
    assert "dépasse 1.0 Mo" in response.content.decode()
    assert not Document.objects.exists()


def test_the_number_of_documents_is_capped(professional, own_dossier, settings):
    settings.SUPPORT_DOCUMENTS_PER_DOSSIER = 1
    upload(professional, own_dossier, "a.pdf", PDF)
    response = upload(professional, own_dossier, "b.pdf", PDF)
    assert response.status_code == 400
    assert "c’est le maximum" in response.content.decode()


def test_nobody_else_reaches_a_document(
    professional, own_dossier, partner_a, partner_b, visitor, project_lead
):
    upload(professional, own_dossier, "cv.pdf", PDF)
    document = Document.objects.get()
    url = reverse("support:document", args=[own_dossier.reference, document.pk])
    another = UserFactory()
    from django.test import Client

    stranger = Client()
    stranger.force_login(another)
    assert stranger.get(url).status_code == 404
    assert partner_a.get(url).status_code == 404
    assert partner_b.get(url).status_code == 404
    # Staff download from the back office, where it is logged, not from the requester's space.
    assert project_lead.get(url).status_code == 404
    assert visitor.get(url).status_code == 302
    # Nor through a dossier of one's own with another's document number.
    theirs = DossierFactory(requester=another)
    assert (
        stranger.get(reverse("support:document", args=[theirs.reference, document.pk])).status_code
        == 404
    )
    upload_url = reverse("support:upload_document", args=[own_dossier.reference])
    assert stranger.post(upload_url, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    delete_url = reverse("support:delete_document", args=[own_dossier.reference, document.pk])
    assert stranger.post(delete_url).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_requester_deletes_their_document_and_its_file(professional, own_dossier):
    upload(professional, own_dossier, "cv.pdf", PDF)
    document = Document.objects.get()
    path = document.file.path
    professional.post(reverse("support:delete_document", args=[own_dossier.reference, document.pk]))
    assert not Document.objects.exists()
    import os

    assert not os.path.exists(path)


def test_no_upload_on_a_closed_dossier(professional, professional_user):
    dossier = DossierFactory(requester=professional_user, status=DossierStatus.CLOSED)
    assert upload(professional, dossier, "cv.pdf", PDF).status_code == 403


def test_staff_download_is_logged_with_the_document(
    professional, own_dossier, project_lead, project_lead_user
):
    upload(professional, own_dossier, "cv.pdf", PDF)
    document = Document.objects.get()
    change = project_lead.get(reverse("admin:support_dossier_change", args=[own_dossier.pk]))
    assert "cv.pdf" in change.content.decode()
    url = reverse("admin:support_document_download", args=[own_dossier.pk, document.pk])
    response = project_lead.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert StaffRead.objects.filter(document=document, user=project_lead_user).exists()


@pytest.mark.parametrize("persona", ["visitor", "professional", "partner_a", "partner_b"])
def test_only_staff_reach_the_back_office_download(request, persona, own_dossier, tmp_path):
    document = Document.objects.create(
        dossier=own_dossier, name="cv.pdf", content_type="application/pdf", size=1, file="x.pdf"
    )
    client = request.getfixturevalue(persona)
    url = reverse("admin:support_document_download", args=[own_dossier.pk, document.pk])
    assert client.get(url).status_code in (302, 403)
    assert not StaffRead.objects.exists()


def test_the_project_lead_adds_a_document_from_the_admin(project_lead, project_lead_user):
    dossier = DossierFactory()
    url = reverse("admin:support_dossier_change", args=[dossier.pk])
    data = admin_post_data(project_lead, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-upload": SimpleUploadedFile("Liste des cabinets.pdf", PDF),
        }
    )
    response = project_lead.post(url, data)
    assert response.status_code == 302
    document = Document.objects.get(dossier=dossier)
    assert document.from_staff and document.uploaded_by == project_lead_user
    # A disguised file gets the same clear error in the admin.
    data = admin_post_data(project_lead, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "2",
            "documents-1-upload": SimpleUploadedFile("faux.pdf", b"not a pdf at all"),
        }
    )
    response = project_lead.post(url, data)
    assert response.status_code == 200
    assert "ni un PDF, ni une image JPEG ou PNG" in response.content.decode()
    assert Document.objects.filter(dossier=dossier).count() == 1


# --- ClamAV, through a clamd that speaks the INSTREAM protocol on a Unix socket ---------------


@pytest.fixture
def clamd(tmp_path, settings):
    """A minimal clamd answering as the real one does: FOUND for the EICAR signature, OK else.
    (No ClamAV signature mirror is reachable here, so the real daemon cannot run.)"""
    path = str(tmp_path / "clamd.ctl")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    received = []

    def serve():
        while True:
            try:
                connection, _address = server.accept()
            except OSError:
                return
            with connection, connection.makefile("rb") as stream:
                assert stream.read(10) == b"zINSTREAM\0"
                data = b""
                while size := struct.unpack("!L", stream.read(4))[0]:
                    data += stream.read(size)
                received.append(data)
                found = EICAR in data
                connection.sendall(b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.SUPPORT_CLAMD_SOCKET = path
    yield received
    server.close()


def test_a_clean_file_is_scanned_and_kept(professional, own_dossier, clamd):
    assert upload(professional, own_dossier, "cv.pdf", PDF).status_code == 302
    assert clamd == [PDF]
    assert Document.objects.get().scan_status == ScanStatus.CLEAN


def test_the_eicar_test_signature_is_refused(professional, own_dossier, clamd):
    infected = PDF[:-7] + EICAR + b"\n%%EOF\n"
    response = upload(professional, own_dossier, "cv.pdf", infected)
    assert response.status_code == 400
    assert "antivirus a détecté un contenu dangereux" in response.content.decode()
    assert not Document.objects.exists()


def test_an_unreachable_antivirus_refuses_rather_than_lets_through(
    professional, own_dossier, settings, tmp_path
):
    settings.SUPPORT_CLAMD_SOCKET = str(tmp_path / "nothing-here.ctl")
    response = upload(professional, own_dossier, "cv.pdf", PDF)
    assert response.status_code == 400
    assert "antivirus est indisponible" in response.content.decode()
    assert not Document.objects.exists()


def test_documents_leave_with_the_account(professional, professional_user, own_dossier):
    import json
    import os

    upload(professional, own_dossier, "cv.pdf", PDF)
    path = Document.objects.get().file.path
    data = json.loads(professional.get(reverse("accounts:download_my_data")).content)
    assert data["accompagnement"][0]["documents"][0]["nom"] == "cv.pdf"
    professional.post(reverse("accounts:delete_account"), {"confirm": "SUPPRIMER"})
    assert not Document.objects.exists()
    assert not os.path.exists(path)


def test_staff_without_an_authenticator_cannot_download(own_dossier):
    from accounts.roles import ensure_project_lead_group

    document = Document.objects.create(
        dossier=own_dossier, name="cv.pdf", content_type="application/pdf", size=1, file="x.pdf"
    )
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_project_lead_group())
    from django.test import Client

    client = Client()
    client.force_login(user)
    url = reverse("admin:support_document_download", args=[own_dossier.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]
    assert not StaffRead.objects.exists()


def test_the_requesters_page_keeps_its_queries_with_many_documents(professional, own_dossier):
    from tests.helpers.queries import assert_max_queries

    def count():
        with assert_max_queries() as context:
            assert professional.get(own_dossier.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    upload(professional, own_dossier, "a.pdf", PDF)
    few = count()
    for number in range(8):
        upload(professional, own_dossier, f"cv-{number}.pdf", PDF)
    assert count() == few


def test_a_file_lost_from_the_disk_is_a_404_not_a_500(professional, own_dossier, project_lead):
    document = Document.objects.create(
        dossier=own_dossier, name="cv.pdf", content_type="application/pdf", size=1, file="x.pdf"
    )
    mine = reverse("support:document", args=[own_dossier.reference, document.pk])
    assert professional.get(mine).status_code == 404
    staff = reverse("admin:support_document_download", args=[own_dossier.pk, document.pk])
    assert project_lead.get(staff).status_code == 404
