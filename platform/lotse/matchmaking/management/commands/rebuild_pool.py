from django.core.management.base import BaseCommand

from lotse.matchmaking.pool_cache import pool_rebuild, pool_stats


class Command(BaseCommand):
    help = "Build the matching pool from the database and print its size and build time."

    def handle(self, *args, **opts):
        pool_rebuild()
        stats = pool_stats()
        self.stdout.write(
            f"{stats['volunteers']} volunteers, {stats['bytes'] / 1e6:.1f} MB, "
            f"built in {stats['build_seconds']:.2f} s"
        )
