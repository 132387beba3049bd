"""What the placements app does when an app below it reports a change (imported in ready)."""

from django.dispatch import receiver

from lotse.needs.signals import need_cancelled

from .services import placements_close_for_cancelled_need


@receiver(need_cancelled, dispatch_uid="placements-close-for-cancelled-need")
def _close_placements_of_cancelled_need(sender, *, need, actor, **kwargs) -> None:
    # Sent in the cancelling transaction under the need's lock: nobody is left on the need.
    placements_close_for_cancelled_need(need=need, actor=actor)
