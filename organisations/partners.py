"""The collective's partners from the territory folder's partners.csv (territories/README.md).

A partner missing from the database is created, public and not demo; one already there is left
as the project lead edited it in the admin. Every bad line is reported with its number and
nothing is written from a file with one."""

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from organisations.enums import OrganisationKind
from organisations.models import Organisation

COLUMNS = ("name", "kind")
YES = {"oui", "yes", "1", "true", "vrai"}


class PartnersFileError(Exception):
    pass


def read_partners(data, filename="partners.csv"):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PartnersFileError(f"{filename} : le fichier doit être encodé en UTF-8.") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise PartnersFileError(f"{filename} : colonnes absentes : {', '.join(missing)}.")
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        name, kind = (row.get("name") or "").strip(), (row.get("kind") or "").strip()
        website = (row.get("website") or "").strip()
        if not name:
            errors.append(f"{filename}, ligne {number} : « name » est vide.")
        if kind not in OrganisationKind.values:
            errors.append(f"{filename}, ligne {number} : type « {kind} » inconnu.")
        if website:
            try:
                URLValidator(schemes=["https", "http"])(website)
            except ValidationError:
                errors.append(
                    f"{filename}, ligne {number} : « {website} » n’est pas une adresse web."
                )
        rows.append(
            {
                "name": name,
                "kind": kind,
                "website": website,
                "is_founding_member": (row.get("founding_member") or "").strip().lower() in YES,
                "role": (row.get("role") or "").strip(),
            }
        )
    if errors:
        raise PartnersFileError("\n".join(errors))
    return rows


@transaction.atomic
def load_partners(path=None):
    """Create the partners of the file that are missing; return (created, kept)."""
    path = path or settings.TERRITORY["files"].get("partners.csv")
    if path is None:
        return 0, 0
    created = kept = 0
    for row in read_partners(path.read_bytes(), filename=str(path)):
        _partner, new = Organisation.objects.get_or_create(
            name=row.pop("name"), defaults={**row, "is_public": True, "is_demo": False}
        )
        created, kept = created + new, kept + (not new)
    return created, kept
