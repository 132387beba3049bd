import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from lotse.imports.exports import FORMATS, export_csv, export_xlsx
from lotse.imports.kinds import KINDS


class Command(BaseCommand):
    help = "Export facilities, volunteers or needs in the import's columns (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")

    def handle(self, *args, **opts):
        writer = export_csv if opts["format"] == "csv" else export_xlsx
        body = writer(kind=opts["kind"], user=None)
        if opts["output"]:
            opts["output"].write_bytes(body)
        else:
            sys.stdout.buffer.write(body)
