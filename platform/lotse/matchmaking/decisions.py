"""Labelled examples for the learner: each approve/reject with the components at the time.

The placements app stores the components with every decision; this reads them.
"""

from collections.abc import Iterator

from lotse.placements.models import PlacementDecision


def decision_examples(*, organisation_id: int) -> Iterator[tuple[dict[str, float], bool]]:
    rows = PlacementDecision.objects.filter(placement__need__organisation_id=organisation_id)
    for components, approved in rows.values_list("components", "approved").iterator():
        if components:
            yield components, approved
