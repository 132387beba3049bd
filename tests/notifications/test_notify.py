"""notify(): the outbox row and every bad input a caller can hand it."""

import datetime as dt

import pytest
from django.db import transaction

from notifications.errors import (
    DedupeConflict,
    InvalidContext,
    MissingTemplateVariable,
    RecipientGone,
    UnknownEvent,
)
from notifications.models import Notification
from notifications.services import notify, notify_many

pytestmark = pytest.mark.django_db


def test_it_writes_a_pending_row_in_the_callers_transaction(victor, placement_context):
    with transaction.atomic():
        notification = notify(
            recipient=victor,
            event="placement_proposed",
            context=placement_context,
            dedupe_key="p:1:proposed:victor",
        )
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.sweep_at is not None


def test_it_writes_nothing_when_the_callers_transaction_rolls_back(victor, placement_context):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
        raise RuntimeError("the placement transition failed")
    assert not Notification.objects.exists()


def test_it_returns_the_same_row_for_the_same_key_and_payload(victor, placement_context):
    first = notify(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    again = notify(
        recipient=victor,
        event="placement_proposed",
        context=dict(placement_context),
        dedupe_key="k",
    )
    assert again.pk == first.pk
    assert Notification.objects.count() == 1


def test_it_refuses_a_dedupe_key_reused_for_a_different_payload(victor, placement_context):
    notify(recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k")
    changed = {**placement_context, "need_title": "Sprachcafé"}
    with pytest.raises(DedupeConflict, match="reused for another payload"):
        notify(recipient=victor, event="placement_proposed", context=changed, dedupe_key="k")
    assert Notification.objects.get().context["need_title"] == "Hausaufgabenhilfe"


def test_it_refuses_a_dedupe_key_reused_for_another_recipient(victor, vera, placement_context):
    notify(recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k")
    with pytest.raises(DedupeConflict):
        notify(
            recipient=vera, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
    assert Notification.objects.count() == 1


def test_it_refuses_an_unknown_event_kind(victor):
    with pytest.raises(UnknownEvent, match="placement_exploded"):
        notify(recipient=victor, event="placement_exploded", context={}, dedupe_key="k")
    assert not Notification.objects.exists()


def test_it_refuses_an_event_for_a_deleted_user(victor, placement_context):
    victor.delete()
    with pytest.raises(RecipientGone, match="deleted"):
        notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
    assert not Notification.objects.exists()


def test_it_refuses_an_event_for_a_deactivated_user(victor, placement_context):
    victor.is_active = False
    victor.save()
    with pytest.raises(RecipientGone):
        notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
    assert not Notification.objects.exists()


def test_it_refuses_a_context_that_lacks_a_template_variable(victor):
    with pytest.raises(MissingTemplateVariable, match="place"):
        notify(
            recipient=victor,
            event="placement_proposed",
            context={"need_title": "X"},
            dedupe_key="k",
        )
    assert not Notification.objects.exists()


def test_it_refuses_a_context_that_is_not_json(victor, placement_context):
    with pytest.raises(InvalidContext, match="JSON"):
        notify(
            recipient=victor,
            event="placement_proposed",
            context={**placement_context, "need": object()},
            dedupe_key="k",
        )
    assert not Notification.objects.exists()


def test_it_refuses_a_context_that_uses_a_reserved_name(victor, placement_context):
    with pytest.raises(InvalidContext, match="recipient_name"):
        notify(
            recipient=victor,
            event="placement_proposed",
            context={**placement_context, "recipient_name": "Eve"},
            dedupe_key="k",
        )
    assert not Notification.objects.exists()


def test_it_stores_dates_as_iso_text(victor):
    notify(
        recipient=victor,
        event="certificate_expired",
        context={"valid_until": dt.date(2026, 12, 1)},
        dedupe_key="k",
    )
    assert Notification.objects.get().context == {"valid_until": "2026-12-01"}


def test_it_refuses_an_empty_dedupe_key(victor, placement_context):
    with pytest.raises(ValueError, match="dedupe_key"):
        notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key=" "
        )
    assert not Notification.objects.exists()


def test_once_keeps_the_first_row_when_a_periodic_job_runs_again(victor):
    first = notify(
        recipient=victor,
        event="certificate_expiring",
        dedupe_key="k",
        context={"valid_until": "2027-01-31", "days_left": 30},
        once=True,
    )
    again = notify(
        recipient=victor,
        event="certificate_expiring",
        dedupe_key="k",
        context={"valid_until": "2027-01-31", "days_left": 29},
        once=True,
    )
    assert again.pk == first.pk
    assert Notification.objects.get().context["days_left"] == 30


def test_notify_many_writes_one_row_per_active_recipient(victor, vera, placement_context):
    vera.is_active = False
    vera.save()
    rows = notify_many(
        recipients=[victor, victor, vera],
        event="placement_proposed",
        context=placement_context,
        dedupe_key="p:1",
    )
    assert [row.dedupe_key for row in rows] == [f"p:1:{victor.pk}"]
