from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from territory.importers import ImportFailed


class ImportCommand(BaseCommand):
    """Runs an importer with a progress display and prints its final report."""

    def read(self, path):
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc

    def progress(self, done, total):
        self.stdout.write(f"  {done}/{total}", ending="\r" if done < total else "\n")
        self.stdout.flush()

    def run_import(self, function, *args, **kwargs):
        try:
            report = function(*args, progress=self.progress, **kwargs)
        except ImportFailed as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        self.stdout.write(report.as_text())
        return report
