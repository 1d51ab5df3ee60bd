from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Rebuild the site search's index from what is public now (communes, facilities, kinds)."

    def handle(self, *args, **options):
        count = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count} documents indexed."))
