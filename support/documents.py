"""Documents on a dossier (a CV, a diploma): PDF, JPEG or PNG recognised from their content,
never from their name; a size cap; stored outside the public media; scanned by ClamAV when the
deployment configures a clamd socket (``SUPPORT_CLAMD_SOCKET``), else accepted with a logged
warning."""

import io
import logging
import os
import socket
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from support.enums import ScanStatus

logger = logging.getLogger("support.documents")

CONTENT_TYPES = {"PDF": "application/pdf", "JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"PDF": "pdf", "JPEG": "jpg", "PNG": "png"}


@deconstructible
class PrivateDocumentStorage(FileSystemStorage):
    """Files under ``SUPPORT_DOCUMENTS_ROOT`` (read at each use, so tests can move it), with no
    public address: they leave only through the download views."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.SUPPORT_DOCUMENTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Support documents have no public URL.")


private_storage = PrivateDocumentStorage()


def document_storage():
    return private_storage


# --- What the file is -------------------------------------------------------------------------


def sniff(data):
    """ "PDF", "JPEG" or "PNG" from the bytes themselves, or raise ValidationError."""
    if data.startswith(b"%PDF-"):
        # A PDF ends with its %%EOF marker (some writers add a few bytes after it).
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Ce PDF est incomplet ou abîmé : enregistrez-le à nouveau."))
        return "PDF"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        kind = None
    if kind not in ("JPEG", "PNG"):
        raise ValidationError(
            _(
                "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG (son contenu ne correspond "
                "pas à son nom). Enregistrez-le en PDF et envoyez-le à nouveau."
            )
        )
    return kind


# --- The virus scan (a pluggable step) ----------------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    status: str
    signature: str = ""


class ScannerUnavailable(Exception):
    pass


def clamd_scan(data, address, timeout=30):
    """Send ``data`` to clamd with the INSTREAM command; ``address`` is a Unix socket path or
    ``tcp://host:port``."""
    try:
        if address.startswith("tcp://"):
            host, _sep, port = address.removeprefix("tcp://").rpartition(":")
            connection = socket.create_connection((host, int(port)), timeout=timeout)
        else:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(timeout)
            try:
                connection.connect(address)
            except OSError:
                connection.close()
                raise
        with connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), 64 * 1024):
                chunk = data[start : start + 64 * 1024]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = connection.recv(4096)
                if not part:
                    break
                reply += part
    except (OSError, ValueError) as exc:
        raise ScannerUnavailable(str(exc)) from exc
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("FOUND"):
        signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        return ScanResult(ScanStatus.INFECTED, signature)
    if answer.endswith("OK"):
        return ScanResult(ScanStatus.CLEAN)
    raise ScannerUnavailable(answer or "empty reply")


def scan(data):
    """The scan step: ClamAV when configured, else skipped with a logged warning."""
    address = settings.SUPPORT_CLAMD_SOCKET
    if not address:
        logger.warning("No antivirus configured (SUPPORT_CLAMD_SOCKET): document not scanned.")
        return ScanResult(ScanStatus.NOT_SCANNED)
    return clamd_scan(data, address)


# --- Accepting an upload ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    kind: str
    scan: ScanResult

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self):
        return EXTENSIONS[self.kind]


def check_upload(upload):
    """The upload's bytes once they pass the size cap, the content check and the scan; else a
    ValidationError that says what to do."""
    limit = settings.SUPPORT_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Le fichier dépasse %(size)s Mo : réduisez-le (ou scannez-le moins finement).")
            % {"size": round(limit / (1024 * 1024), 1)}
        )
    if upload.size == 0:
        raise ValidationError(_("Ce fichier est vide."))
    data = upload.read()
    kind = sniff(data)
    try:
        result = scan(data)
    except ScannerUnavailable as exc:
        logger.error("Antivirus unreachable, upload refused: %s", exc)
        raise ValidationError(
            _("Le contrôle antivirus est indisponible pour le moment : réessayez plus tard.")
        ) from exc
    if result.status == ScanStatus.INFECTED:
        logger.warning("Upload refused by the antivirus: %s", result.signature)
        raise ValidationError(
            _("L’antivirus a détecté un contenu dangereux dans ce fichier : il est refusé.")
        )
    return CheckedFile(data=data, kind=kind, scan=result)


def display_name(name, extension):
    """The name shown and offered at download: the person's own, with the true extension."""
    base = os.path.basename(name or "").rsplit(".", 1)[0].strip() or "document"
    base = "".join(c for c in base if c.isalnum() or c in " -_().")[:80].strip() or "document"
    return f"{base}.{extension}"
