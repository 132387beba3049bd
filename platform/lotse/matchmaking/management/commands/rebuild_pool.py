from django.core.management.base import BaseCommand

from lotse.matchmaking.adapter import matchable_volunteers
from lotse.matchmaking.pool_cache import pool_rebuild, pool_stats
from lotse.ops.progress import Progress


class Command(BaseCommand):
    help = "Build the matching pool from the database and print its size and build time."

    def handle(self, *args, **opts):
        bar = Progress(
            "volunteers read",
            matchable_volunteers().count(),
            stream=self.stderr._out,
            verbosity=opts["verbosity"],
        )
        pool_rebuild(progress=bar.advance)
        bar.finish()
        stats = pool_stats()
        self.stdout.write(
            f"{stats['volunteers']} volunteers, {stats['bytes'] / 1e6:.1f} MB, "
            f"built in {stats['build_seconds']:.2f} s"
        )
