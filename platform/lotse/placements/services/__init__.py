"""Writes on placements. Pages, the API and tasks call these, never the models directly."""

from .bulk import BulkResult, placements_decide_bulk
from .feedback import placement_feedback_give
from .hours import hours_confirm, hours_log
from .propose import placement_propose
from .transitions import (
    TRANSITIONS,
    placement_accept,
    placement_approve,
    placement_complete,
    placement_decline,
    placement_end,
    placement_reject,
    placement_transition,
    placement_withdraw,
    placements_close_for_cancelled_need,
)

__all__ = [
    "TRANSITIONS",
    "BulkResult",
    "hours_confirm",
    "hours_log",
    "placement_accept",
    "placement_approve",
    "placement_complete",
    "placement_decline",
    "placement_end",
    "placement_feedback_give",
    "placement_propose",
    "placement_reject",
    "placement_transition",
    "placement_withdraw",
    "placements_close_for_cancelled_need",
    "placements_decide_bulk",
]
