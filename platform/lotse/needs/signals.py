"""What the needs app tells the apps built on it (the needs app imports none of them).

`need_cancelled(need=…, actor=…)` is sent inside the cancelling transaction while the need's
row is locked: a receiver's writes commit or roll back with the cancellation, and an error in a
receiver cancels nothing. The placements app winds down the need's placements on it.
"""

from django.dispatch import Signal

need_cancelled = Signal()
