from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from territory.importers import ImportFailed


class DryRunRollback(Exception):
    """Raised inside the transaction of a dry run, so that nothing it wrote is kept."""


class ImportCommand(BaseCommand):
    """Runs an importer with a progress display and prints its final report.

    Every import command takes ``--dry-run``: the import runs in full, in a transaction that is
    then rolled back, and the report says what a real run would create, update or skip.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Here rather than in add_arguments, so that every subclass has it without calling super.
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check the file, print the report, and write nothing",
        )
        return parser

    def read(self, path):
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc

    def progress(self, done, total):
        self.stdout.write(f"  {done}/{total}", ending="\r" if done < total else "\n")
        self.stdout.flush()

    def run_import(self, function, *args, **kwargs):
        dry_run = getattr(self, "_dry_run", False)
        report = None
        try:
            with transaction.atomic():
                report = function(*args, progress=self.progress, **kwargs)
                if dry_run:
                    raise DryRunRollback
        except ImportFailed as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        except DryRunRollback:
            pass
        prefix = "[dry run, nothing written] " if dry_run else ""
        self.stdout.write(prefix + report.as_text())
        return report

    def execute(self, *args, **options):
        self._dry_run = bool(options.get("dry_run"))
        return super().execute(*args, **options)
