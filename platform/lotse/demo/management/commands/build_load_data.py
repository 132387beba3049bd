from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.demo.load_data import LoadDataExists, LoadSize, build_load_data
from lotse.demo.load_data.accounts import export_accounts
from lotse.demo.load_data.build import load_data_present
from lotse.ops.progress import Progress


class Command(BaseCommand):
    help = (
        "Build the load-test data set (default: 100,000 volunteers, 5,000 open needs, "
        "1,000,000 historical placements) into an EMPTY database. Never on real data: the "
        "accounts share a published password."
    )

    def add_arguments(self, parser):
        defaults = LoadSize()
        parser.add_argument("--volunteers", type=int, default=defaults.volunteers)
        parser.add_argument("--needs", type=int, default=defaults.needs)
        parser.add_argument("--placements", type=int, default=defaults.placements)
        parser.add_argument("--organisations", type=int, default=defaults.organisations)
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing if the data set is there"
        )
        parser.add_argument(
            "--accounts", metavar="FILE", help="also write the logins for the locust scenario"
        )

    def handle(self, *args, **opts):
        self.verbosity = opts["verbosity"]
        if not (opts["if_missing"] and load_data_present()):
            self._build(opts)
        else:
            self.stdout.write("load-test data already present")
        if opts["accounts"]:
            try:
                export_accounts(path=Path(opts["accounts"]))
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"logins written to {opts['accounts']}")

    def _build(self, opts) -> None:
        try:
            size = LoadSize(
                volunteers=opts["volunteers"],
                needs=opts["needs"],
                placements=opts["placements"],
                organisations=opts["organisations"],
            )
            summary = build_load_data(size=size, seed=opts["seed"], bar_for=self._bar)
        except (ValueError, LoadDataExists) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"built {summary.volunteers:,} volunteers, {summary.open_needs:,} open needs, "
            f"{summary.past_needs:,} past needs, {summary.placements:,} placements "
            f"in {summary.seconds:.0f} s"
        )

    def _bar(self, label: str, total: int) -> Progress:
        return Progress(label, total, stream=self.stderr._out, verbosity=self.verbosity)
