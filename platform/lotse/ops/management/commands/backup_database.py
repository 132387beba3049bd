from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lotse.ops.backup import BackupError, archive_entries, backup_database


class Command(BaseCommand):
    help = "Dump the database into a pg_dump archive (custom format), then check it reads back."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="archive to write (default: lotse-YYYYmmdd-HHMM.dump)"
        )

    def handle(self, *args, **opts):
        path = Path(opts["file"] or f"lotse-{timezone.now():%Y%m%d-%H%M}.dump")
        try:
            backup_database(path=path)
            entries = archive_entries(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size / 1e6
        self.stdout.write(f"{path}: {size:.1f} MB, {entries} entries")
