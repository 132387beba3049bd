from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import User
from lotse.imports.kinds import KINDS
from lotse.imports.limits import MB, current
from lotse.imports.services import import_file
from lotse.imports.tables import TOO_LARGE
from lotse.ops.progress import Progress

LONG_FILE_ROWS = 200  # below this a progress bar would only flicker


class RowsProgress:
    """import_file's progress callback (rows done, rows in all) drawn as the shared bar."""

    def __init__(self, stream, verbosity: int):
        self.stream, self.verbosity, self.bar = stream, verbosity, None

    def __call__(self, done: int, total: int) -> None:
        if total < LONG_FILE_ROWS:
            return
        if self.bar is None:
            self.bar = Progress("rows", total, stream=self.stream, verbosity=self.verbosity)
        self.bar.advance(max(done - self.bar.done, 0))
        if done >= total:
            self.bar.finish()


class Command(BaseCommand):
    help = (
        "Import facilities, volunteers or needs from a .csv (UTF-8) or .xlsx file: the whole "
        "file or nothing; every bad row is reported as 'row N, column C: message'."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument(
            "--no-invite", action="store_true", help="new volunteers get no invitation e-mail"
        )
        parser.add_argument(
            "--as", dest="actor", metavar="EMAIL",
            help="import with this staff account's rights (default: the operator, unrestricted)",
        )  # fmt: skip

    def handle(self, *args, **opts):
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        limit = current().max_bytes
        if path.stat().st_size > limit:
            raise CommandError(str(TOO_LARGE % {"mb": limit // MB}))
        report = import_file(
            kind=opts["kind"],
            data=path.read_bytes(),
            filename=path.name,
            actor=self._actor(opts["actor"]),
            dry_run=opts["dry_run"],
            invite=not opts["no_invite"],
            progress=RowsProgress(self.stderr._out, opts["verbosity"]),
        )
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported.")
        verb = "would be" if report.dry_run else "were"
        self.stdout.write(
            f"{report.rows} rows checked: {report.created} {verb} created, "
            f"{report.updated} {verb} updated, {report.unchanged} unchanged."
            + (" Dry run: nothing saved." if report.dry_run else "")
        )

    @staticmethod
    def _actor(email: str | None) -> User | None:
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None or not user.is_staff_role:
            raise CommandError(f"{email}: no staff account with this e-mail")
        return user
