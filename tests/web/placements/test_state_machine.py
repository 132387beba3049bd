"""The state machine as a table: (state, action, role) → result, every cell.

Results: the state afterwards (`accepted` / `approved` are *proposed* with one yes given),
403 (this person may not), 409 (not in this state). A refused cell changes nothing.

Roles: vol = the placement's volunteer (victor), other_vol = another volunteer,
sw = a social worker of the operator (alice), other_sw = one of another organisation
(charlie), staff = the facility's staff (bob), coord = district coordinator (dora),
admin = administrator (erin). `active` has not started yet, `active_started` has.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lotse.placements.errors import PlacementConflict
from lotse.placements.models import Placement, State
from lotse.placements.services import placement_transition

from .factories import NeedFactory, make_placement, one_off, ready_volunteer, running_weekly

pytestmark = pytest.mark.django_db

TABLE = """
state           action    vol          other_vol  sw           other_sw  staff        coord  admin
proposed        accept    accepted     403        403          403       403          403    403
proposed        decline   declined     403        403          403       403          403    403
proposed        approve   403          403        approved     403       403          403    403
proposed        reject    403          403        rejected     403       403          403    403
proposed        withdraw  withdrawn    403        withdrawn    403       403          403    403
proposed        complete  403          403        409          403       409          403    403
proposed        end       409          403        409          403       409          403    403
accepted        accept    409          403        403          403       403          403    403
accepted        decline   409          403        403          403       403          403    403
accepted        approve   403          403        active       403       403          403    403
accepted        reject    403          403        rejected     403       403          403    403
accepted        withdraw  withdrawn    403        withdrawn    403       403          403    403
accepted        complete  403          403        409          403       409          403    403
accepted        end       409          403        409          403       409          403    403
approved        accept    active       403        403          403       403          403    403
approved        decline   declined     403        403          403       403          403    403
approved        approve   403          403        409          403       403          403    403
approved        reject    403          403        409          403       403          403    403
approved        withdraw  withdrawn    403        withdrawn    403       403          403    403
approved        complete  403          403        409          403       409          403    403
approved        end       409          403        409          403       409          403    403
active          accept    409          403        403          403       403          403    403
active          decline   409          403        403          403       403          403    403
active          approve   403          403        409          403       403          403    403
active          reject    403          403        409          403       403          403    403
active          withdraw  withdrawn    403        withdrawn    403       403          403    403
active          complete  403          403        409          403       409          403    403
active          end       409          403        409          403       409          403    403
active_started  accept    409          403        403          403       403          403    403
active_started  decline   409          403        403          403       403          403    403
active_started  approve   403          403        409          403       403          403    403
active_started  reject    403          403        409          403       403          403    403
active_started  withdraw  409          403        409          403       403          403    403
active_started  complete  403          403        completed    403       completed    403    403
active_started  end       ended_early  403        ended_early  403       ended_early  403    403
declined        accept    409          403        403          403       403          403    403
declined        decline   409          403        403          403       403          403    403
declined        approve   403          403        409          403       403          403    403
declined        reject    403          403        409          403       403          403    403
declined        withdraw  409          403        409          403       403          403    403
declined        complete  403          403        409          403       409          403    403
declined        end       409          403        409          403       409          403    403
rejected        accept    409          403        403          403       403          403    403
rejected        decline   409          403        403          403       403          403    403
rejected        approve   403          403        409          403       403          403    403
rejected        reject    403          403        409          403       403          403    403
rejected        withdraw  409          403        409          403       403          403    403
rejected        complete  403          403        409          403       409          403    403
rejected        end       409          403        409          403       409          403    403
withdrawn       accept    409          403        403          403       403          403    403
withdrawn       decline   409          403        403          403       403          403    403
withdrawn       approve   403          403        409          403       403          403    403
withdrawn       reject    403          403        409          403       403          403    403
withdrawn       withdraw  409          403        409          403       403          403    403
withdrawn       complete  403          403        409          403       409          403    403
withdrawn       end       409          403        409          403       409          403    403
completed       accept    409          403        403          403       403          403    403
completed       decline   409          403        403          403       403          403    403
completed       approve   403          403        409          403       403          403    403
completed       reject    403          403        409          403       403          403    403
completed       withdraw  409          403        409          403       403          403    403
completed       complete  403          403        409          403       409          403    403
completed       end       409          403        409          403       409          403    403
ended_early     accept    409          403        403          403       403          403    403
ended_early     decline   409          403        403          403       403          403    403
ended_early     approve   403          403        409          403       403          403    403
ended_early     reject    403          403        409          403       403          403    403
ended_early     withdraw  409          403        409          403       403          403    403
ended_early     complete  403          403        409          403       409          403    403
ended_early     end       409          403        409          403       409          403    403
"""


def _parse(table: str) -> tuple[list[str], dict[tuple[str, str], dict[str, str]]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    roles = header[2:]
    cells = {(row[0], row[1]): dict(zip(roles, row[2:], strict=True)) for row in rows}
    return roles, cells


ROLES, CELLS = _parse(TABLE)
STATES = list(dict.fromkeys(state for state, _ in CELLS))
ACTIONS = list(dict.fromkeys(action for _, action in CELLS))


def _label(placement: Placement) -> str:
    if placement.state != State.PROPOSED:
        return placement.state
    if placement.accepted_at and not placement.approved_at:
        return "accepted"
    if placement.approved_at and not placement.accepted_at:
        return "approved"
    return "proposed"


def _snapshot(placement: Placement) -> tuple:
    row = Placement.objects.get(pk=placement.pk)
    return (row.state, row.accepted_at, row.approved_at, row.slot, row.events.count())


def _outcome(action: str, placement: Placement, actor) -> str:
    try:
        placement_transition(action=action, placement=placement, actor=actor, reason="distance")
    except PermissionDenied:
        return "403"
    except PlacementConflict:
        return "409"
    except ValidationError as exc:
        return f"400 {exc.messages}"
    return _label(Placement.objects.get(pk=placement.pk))


@pytest.fixture
def actors(everyone):
    return {
        "vol": everyone["victor"],
        "other_vol": ready_volunteer("olga@example.org").user,
        "sw": everyone["alice"],
        "other_sw": everyone["charlie"],
        "staff": everyone["bob"],
        "coord": everyone["dora"],
        "admin": everyone["erin"],
    }


def test_the_table_covers_every_state_action_and_role():
    assert len(CELLS) == len(STATES) * len(ACTIONS) == 10 * 7
    assert set(ROLES) == {"vol", "other_vol", "sw", "other_sw", "staff", "coord", "admin"}


@pytest.mark.parametrize("state", STATES)
def test_it_follows_the_table(state, actors, volunteer, facility_a2, alice):
    mismatches = []
    for action in ACTIONS:
        for role in ROLES:
            expected = CELLS[(state, action)][role]
            with transaction.atomic():
                schedule = running_weekly() if state == "active_started" else one_off()
                need = NeedFactory(facility=facility_a2, schedule=schedule, created_by=alice)
                how = "active" if state == "active_started" else state
                placement = make_placement(need=need, volunteer=volunteer, how=how, approver=alice)
                before = _snapshot(placement)
                got = _outcome(action, placement, actors[role])
                if got in ("403", "409") and _snapshot(placement) != before:
                    mismatches.append(f"{state} {action} {role}: refused but changed")
                transaction.set_rollback(True)
            if got != expected:
                mismatches.append(f"{state} {action} {role}: expected {expected}, got {got}")
    assert mismatches == []
