import time

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import User
from lotse.matchmaking.models import MatchingRun
from lotse.ops.progress import Progress


class Command(BaseCommand):
    help = "Start a global matching run over all open needs (a Celery task) and report it."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="actor", required=True, help="administrator's e-mail")
        parser.add_argument("--wait", type=int, default=600, help="seconds to follow progress")

    def handle(self, *args, actor, wait, **opts):
        from lotse.matchmaking.services import matching_run_start

        user = User.objects.filter(email__iexact=actor).first()
        if user is None or not user.is_city_admin:
            raise CommandError(f"{actor} is not an administrator")
        run = matching_run_start(actor=user)
        bar = Progress("global matching", 100, stream=self.stderr._out, verbosity=opts["verbosity"])
        run = self._follow(run.pk, wait, bar)
        bar.finish()
        if run.status == MatchingRun.Status.DONE:
            self.stdout.write(
                f"needs {run.needs_count}, slots {run.total_slots}, suggestions "
                f"{run.suggestions.count()}, total score {run.total_score:.2f} "
                f"(greedy {run.greedy_total_score:.2f}), coverage {run.coverage:.0%} "
                f"(greedy {run.greedy_coverage:.0%}), {run.seconds:.2f} s"
            )

    def _follow(self, run_id: int, wait: int, bar: Progress) -> MatchingRun:
        deadline, last = time.monotonic() + wait, None
        while True:
            run = MatchingRun.objects.get(pk=run_id)
            if run.status != last:
                self.stdout.write(f"run #{run.pk}: {run.get_status_display()}")
                last = run.status
            bar.advance(max(run.progress - bar.done, 0))
            finished = run.status in (MatchingRun.Status.DONE, MatchingRun.Status.FAILED)
            if finished or time.monotonic() > deadline:
                return run
            time.sleep(1)
