from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.ops.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore a pg_dump archive into a NEW database (all or nothing). The running "
        "database is never touched: point DATABASE_URL at the new one when satisfied."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a pg_dump archive (custom format)")
        parser.add_argument("--into", required=True, help="name of the new database")

    def handle(self, *args, **opts):
        try:
            entries = restore_database(path=Path(opts["file"]), into=opts["into"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {entries} entries into {opts['into']}")
