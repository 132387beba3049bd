"""Labelled examples for the learner: each approve/reject with the components at the time.

The placements app stores the components with every decision; this reads them when it is
installed (and yields nothing before).
"""

from collections.abc import Iterator

from django.apps import apps


def decision_examples(*, organisation_id: int) -> Iterator[tuple[dict[str, float], bool]]:
    if not apps.is_installed("lotse.placements"):
        return
    Decision = apps.get_model("placements", "PlacementDecision")
    rows = Decision.objects.filter(placement__need__organisation_id=organisation_id)
    for components, approved in rows.values_list("components", "approved").iterator():
        if components:
            yield components, approved
