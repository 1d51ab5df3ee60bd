"""The faculties that send interns to the territory are data (``[[faculties]]`` of the territory
folder's territory.toml), not code: another département lists its own there."""

from django.conf import settings


def read_faculties():
    return settings.TERRITORY["faculties"]


def ensure_faculties(faculty_model=None):
    """Create or update the faculties of the data file (idempotent); return them."""
    if faculty_model is None:
        from interns.models import Faculty as faculty_model
    faculties = []
    for position, row in enumerate(read_faculties()):
        faculty, _created = faculty_model.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "city": row["city"],
                "website": row["website"],
                "position": position,
            },
        )
        faculties.append(faculty)
    return faculties
