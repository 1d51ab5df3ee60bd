"""The faculties that send interns to the territory are data (``data/faculties.csv``), not code:
another département lists its own there."""

import csv
from pathlib import Path

FACULTIES_CSV = Path(__file__).parent / "data" / "faculties.csv"


def read_faculties(path=FACULTIES_CSV):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ensure_faculties(faculty_model=None):
    """Create or update the faculties of the data file (idempotent); return them."""
    if faculty_model is None:
        from interns.models import Faculty as faculty_model
    faculties = []
    for position, row in enumerate(read_faculties()):
        faculty, _created = faculty_model.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["nom"],
                "city": row["ville"],
                "website": row["site_web"],
                "position": position,
            },
        )
        faculties.append(faculty)
    return faculties
