"""Import internship sites from the documented CSV format (interns/data/README.md)."""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interns.enums import SiteKind, Specialty
from interns.faculties import ensure_faculties
from interns.models import Faculty, InternshipSite
from territory.models import Commune, HealthFacility
from vsa_portal.publication import PublicationStatus

REQUIRED = [
    "code",
    "nom",
    "type",
    "specialite",
    "faculte",
    "commune_insee",
    "places_par_semestre",
    "internat",
]
YES, NO = {"oui", "o", "1", "vrai", "true"}, {"non", "n", "0", "faux", "false", ""}


class RowError(ValueError):
    pass


def flag(value, column):
    value = (value or "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise RowError(f"{column} : « {value} » n’est ni « oui » ni « non »")


def site_from_row(row, faculties, communes):
    missing = [column for column in REQUIRED if not (row.get(column) or "").strip()]
    if missing:
        raise RowError(f"colonne(s) vide(s) : {', '.join(missing)}")
    if row["type"] not in SiteKind.values:
        raise RowError(f"type : « {row['type']} » inconnu ({', '.join(SiteKind.values)})")
    if row["specialite"] not in Specialty.values:
        raise RowError(f"specialite : « {row['specialite']} » inconnue")
    faculty = faculties.get(row["faculte"])
    if faculty is None:
        raise RowError(
            f"faculte : « {row['faculte']} » absente des facultés du territoire (territory.toml)"
        )
    commune = communes.get(row["commune_insee"].strip())
    if commune is None:
        raise RowError(f"commune_insee : « {row['commune_insee']} » inconnue sur le territoire")
    try:
        places = int(row["places_par_semestre"])
    except ValueError as exc:
        raise RowError("places_par_semestre : un nombre entier est attendu") from exc
    if not 0 <= places <= 50:
        raise RowError("places_par_semestre : entre 0 et 50")
    facility = None
    if (row.get("finess") or "").strip():
        facility = HealthFacility.objects.filter(finess_et=row["finess"].strip()).first()
        if facility is None:
            raise RowError(f"finess : aucun établissement « {row['finess']} » importé")
    site = InternshipSite.objects.filter(code=row["code"].strip()).first() or InternshipSite(
        code=row["code"].strip()
    )
    site.name = row["nom"].strip()
    site.site_kind = row["type"]
    site.specialty = row["specialite"]
    site.faculty = faculty
    site.commune = commune
    site.facility = facility
    site.point = None  # recomputed from the facility or the commune
    site.places_per_semester = places
    site.internat_on_site = flag(row["internat"], "internat")
    site.supervisor = (row.get("responsable") or "").strip()
    site.contact_name = (row.get("contact_nom") or "").strip()
    site.contact_email = (row.get("contact_email") or "").strip()
    site.contact_phone = (row.get("contact_telephone") or "").strip()
    site.description = (row.get("presentation") or "").strip()
    site.is_demo = flag(row.get("demo"), "demo")
    site.source = "import CSV"
    try:
        site.full_clean(exclude=["point", "status", "faculty", "commune", "facility"])
    except ValidationError as exc:
        messages = "; ".join(f"{k} : {' '.join(v)}" for k, v in exc.message_dict.items())
        raise RowError(messages) from exc
    if site.pk is None:
        site.status = PublicationStatus.PUBLISHED
        site.publish()
    return site


class Command(BaseCommand):
    help = "Import internship sites from a CSV file (format: interns/data/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="check without writing")

    def handle(self, path, dry_run=False, **options):
        ensure_faculties()
        faculties = {faculty.slug: faculty for faculty in Faculty.objects.all()}
        communes = {
            c.insee_code: c
            for c in Commune.objects.only(
                "pk", "insee_code", "name", "slug", "town_hall_point", "centroid"
            )
        }
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Lecture impossible de {path} : {exc}") from exc
        if rows and (absent := [c for c in REQUIRED if c not in rows[0]]):
            raise CommandError(f"Colonnes manquantes dans l’en-tête : {', '.join(absent)}")
        saved, errors = 0, 0
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):  # line 1 is the header
                try:
                    site = site_from_row(row, faculties, communes)
                except RowError as exc:
                    errors += 1
                    self.stderr.write(f"Ligne {number} : {exc}")
                    continue
                if not dry_run:
                    site.save()
                saved += 1
                if number % 50 == 0:
                    self.stdout.write(f"… {number - 1} lignes lues")
            if dry_run:
                transaction.set_rollback(True)
        verb = "seraient importés" if dry_run else "importés ou mis à jour"
        self.stdout.write(f"{saved} terrain(s) de stage {verb}, {errors} ligne(s) en erreur.")
