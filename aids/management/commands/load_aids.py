from django.core.management.base import BaseCommand

from aids.catalogue import load_catalogue


class Command(BaseCommand):
    help = (
        "Load the aids catalogue (aids.yaml of the territory folder): creates missing aids, updates those "
        "the file checked more recently, keeps the project lead's edits otherwise."
    )

    def handle(self, *args, **options):
        self.stdout.write(load_catalogue().as_text())
