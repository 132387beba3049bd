"""Posting, editing and the lifecycle of needs: the rules behind pages, API and import."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lotse.needs import services
from lotse.needs.models import Need, NeedRevision
from lotse.places.models import Neighbourhood

from .conftest import in_days, one_off, weekly

pytestmark = pytest.mark.django_db


def _create(actor, facility, **changes):
    kwargs = {"title": "Hausaufgaben", "main_skill": "homework_help", "schedule": one_off()}
    return services.need_create(actor=actor, facility=facility, **(kwargs | changes))


def test_it_posts_a_one_off_need_with_the_certificate_default_of_its_main_skill(alice, facility_a1):
    need = _create(alice, facility_a1)
    assert need.status == "open" and need.opened_at is not None
    assert need.requires_certificate is True
    assert need.organisation == facility_a1.organisation


def test_it_posts_a_recurring_need_without_certificate_for_bike_repair(alice, facility_a1):
    need = _create(alice, facility_a1, main_skill="bike_repair", schedule=weekly())
    assert need.requires_certificate is False
    assert need.schedule.startswith("weekly tue 16:00-18:00 from ")


def test_staff_may_untick_the_certificate_default(alice, facility_a1):
    assert _create(alice, facility_a1, requires_certificate=False).requires_certificate is False


def test_a_neighbourhood_need_belongs_to_the_social_workers_organisation(alice):
    hood = Neighbourhood.objects.get(name="Coerde")
    need = services.need_create(
        actor=alice, neighbourhood=hood, title="Stadtteilfest", main_skill="community_events",
        schedule=one_off(),
    )  # fmt: skip
    assert (need.facility, need.neighbourhood, need.organisation) == (
        None,
        hood,
        alice.organisation,
    )


def test_facility_staff_post_for_their_own_facility(bob, facility_a2):
    assert _create(bob, facility_a2).facility == facility_a2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"schedule": f"{in_days(-3)} 09:00-12:00"}, "schedule"),
        ({"schedule": "weekly tue 16:00-18:00 from 2020-01-01 until 2020-03-01"}, "schedule"),
        ({"schedule": "morgen früh"}, "schedule"),
        ({"volunteers_needed": 0}, "volunteers_needed"),
        ({"volunteers_needed": 51}, "volunteers_needed"),
        ({"main_skill": "juggling"}, "main_skill"),
        ({"skills": ["juggling"]}, "skills"),
        ({"languages_required": {"xx": 2}}, "languages_required"),
        ({"languages_preferred": {"ar": 7}}, "languages_preferred"),
        ({"max_distance_km": 0}, "max_distance_km"),
        ({"urgency": "extreme"}, "urgency"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(alice, facility_a1, changes, field):
    with pytest.raises(ValidationError) as caught:
        _create(alice, facility_a1, **changes)
    assert field in caught.value.message_dict
    assert not Need.objects.exists()


def test_a_schedule_in_the_past_names_the_problem(alice, facility_a1):
    with pytest.raises(ValidationError) as caught:
        _create(alice, facility_a1, schedule=f"{in_days(-1)} 09:00-12:00")
    assert caught.value.message_dict["schedule"] == [str(services.SCHEDULE_IN_PAST)]


def test_a_need_for_another_organisations_facility_is_refused(alice, facility_c1):
    with pytest.raises(PermissionDenied) as caught:
        _create(alice, facility_c1)
    assert str(caught.value) == str(services.NOT_YOUR_FACILITY)
    assert not Need.objects.exists()


@pytest.mark.parametrize("name", ["dora", "victor"])
def test_coordinators_and_volunteers_do_not_post(everyone, facility_a1, name):
    with pytest.raises(PermissionDenied):
        _create(everyone[name], facility_a1)


def test_editing_an_open_need_keeps_the_previous_version(alice, a1_need):
    services.need_update(need=a1_need, actor=alice, title="Begleitung zur Ausländerbehörde")
    revision = NeedRevision.objects.get(need=a1_need)
    assert revision.snapshot["title"] == "Begleitung zum Jobcenter"
    assert revision.changed_by == alice
    assert Need.objects.get(pk=a1_need.pk).title == "Begleitung zur Ausländerbehörde"


def test_saving_without_a_change_writes_no_history(alice, a1_need):
    before = Need.objects.get(pk=a1_need.pk).updated_at
    services.need_update(need=a1_need, actor=alice, title="Begleitung zum Jobcenter")
    assert not NeedRevision.objects.exists()
    assert Need.objects.get(pk=a1_need.pk).updated_at == before


def test_editing_a_draft_keeps_no_history(alice, facility_a1):
    need = _create(alice, facility_a1, status="draft")
    services.need_update(need=need, actor=alice, title="Neu")
    assert not NeedRevision.objects.exists()


def test_another_organisation_cannot_edit(charlie, a1_need):
    with pytest.raises(PermissionDenied):
        services.need_update(need=a1_need, actor=charlie, title="Gekapert")
    assert Need.objects.get(pk=a1_need.pk).title == "Begleitung zum Jobcenter"


def test_a_published_need_cannot_move_to_another_facility(alice, a1_need, facility_a2):
    with pytest.raises(services.NeedStateConflict):
        services.need_update(need=a1_need, actor=alice, facility=facility_a2)


def test_a_cancelled_need_cannot_be_changed(alice, a1_need):
    services.need_transition(need=a1_need, actor=alice, action="cancel")
    with pytest.raises(services.NeedStateConflict):
        services.need_update(need=a1_need, actor=alice, title="Zu spät")


# (status before, action) → status after, or None when the action is a conflict.
TRANSITIONS = {
    ("draft", "open"): "open", ("draft", "fill"): None, ("draft", "reopen"): None,
    ("draft", "close"): None, ("draft", "cancel"): "cancelled",
    ("open", "open"): None, ("open", "fill"): "filled", ("open", "reopen"): None,
    ("open", "close"): "closed", ("open", "cancel"): "cancelled",
    ("filled", "open"): None, ("filled", "fill"): None, ("filled", "reopen"): "open",
    ("filled", "close"): "closed", ("filled", "cancel"): None,
    ("closed", "open"): None, ("closed", "fill"): None, ("closed", "reopen"): None,
    ("closed", "close"): None, ("closed", "cancel"): None,
    ("cancelled", "open"): None, ("cancelled", "fill"): None, ("cancelled", "reopen"): None,
    ("cancelled", "close"): None, ("cancelled", "cancel"): None,
}  # fmt: skip


@pytest.mark.parametrize(("state", "action"), list(TRANSITIONS))
def test_the_lifecycle_table(alice, a1_need, state, action):
    Need.objects.filter(pk=a1_need.pk).update(status=state)
    expected = TRANSITIONS[(state, action)]
    if expected is None:
        with pytest.raises(services.NeedStateConflict):
            services.need_transition(need=a1_need, actor=alice, action=action)
        assert Need.objects.get(pk=a1_need.pk).status == state
    else:
        services.need_transition(need=a1_need, actor=alice, action=action)
        assert Need.objects.get(pk=a1_need.pk).status == expected


def test_publishing_a_draft_whose_date_passed_is_refused(alice, facility_a1):
    need = _create(alice, facility_a1, status="draft")
    Need.objects.filter(pk=need.pk).update(schedule=f"{in_days(-2)} 09:00-12:00")
    with pytest.raises(ValidationError):
        services.need_transition(need=need, actor=alice, action="open")
    assert Need.objects.get(pk=need.pk).status == "draft"


def test_coordinators_cannot_change_the_lifecycle(dora, a1_need):
    with pytest.raises(PermissionDenied):
        services.need_transition(need=a1_need, actor=dora, action="close")


def test_only_drafts_are_deleted(alice, facility_a1, a1_need):
    draft = _create(alice, facility_a1, status="draft")
    services.need_delete(need=draft, actor=alice)
    with pytest.raises(services.NeedStateConflict):
        services.need_delete(need=a1_need, actor=alice)
    assert list(Need.objects.all()) == [a1_need]


def test_a_need_is_filled_when_placements_take_every_place_and_reopens_after(a1_need, victor):
    from lotse.needs.selectors import with_open_slots

    from ..placements.factories import make_placement

    placement = make_placement(need=a1_need, volunteer=victor.volunteer, how="active")
    services.need_sync_status(need=a1_need)
    assert Need.objects.get(pk=a1_need.pk).status == "filled"
    assert with_open_slots([a1_need])[0].open_slots == 0
    placement.delete()
    services.need_sync_status(need=a1_need)
    assert Need.objects.get(pk=a1_need.pk).status == "open"
