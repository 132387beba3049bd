from pathlib import Path

from django.core.management.base import BaseCommand

from lotse.demo.seed import DEMO_DIR, DEMO_SEED, write_demo_spreadsheets


class Command(BaseCommand):
    help = "Write the demo spreadsheets (facilities, volunteers, needs) that seed_demo imports."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=DEMO_DIR)
        parser.add_argument("--seed", type=int, default=DEMO_SEED)

    def handle(self, *args, **opts):
        for path in write_demo_spreadsheets(opts["out"], opts["seed"]):
            self.stdout.write(f"wrote {path}")
