from django.core.management.base import BaseCommand, CommandError

from organisations.partners import PartnersFileError, load_partners


class Command(BaseCommand):
    help = (
        "Create the collective's partners listed in the territory folder's partners.csv; "
        "partners already in the database are kept as edited in the admin."
    )

    def handle(self, *args, **options):
        try:
            created, kept = load_partners()
        except PartnersFileError as exc:
            raise CommandError(f"{exc}\nNothing was imported.") from exc
        self.stdout.write(f"Partners: {created} created, {kept} kept as in the database.")
