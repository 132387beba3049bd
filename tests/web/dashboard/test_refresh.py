"""The beat jobs and the command that keep the summaries fresh."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lotse.dashboard import tasks
from lotse.dashboard.models import CurrentFigures, DailyFigures, Dimension, RefreshState
from lotse.dashboard.refresh import summary_refresh_daily


def test_it_refreshes_everything_from_the_command(nord, capsys):
    call_command("dashboard_refresh", "--all")
    assert "current state" in capsys.readouterr().out
    state = RefreshState.objects.get()
    assert state.current_at and state.daily_at and state.transparency_at


def test_it_writes_a_slice_per_dimension(nord, interpreting_need):
    tasks.refresh_current()
    language = interpreting_need.languages.get().language_id
    row = CurrentFigures.objects.get(
        dimension=Dimension.LANGUAGE, key=language, neighbourhood=interpreting_need.neighbourhood
    )
    assert (row.open_needs, row.open_slots) == (1, 2)


def test_it_fills_every_day_only_when_the_summaries_are_incomplete(nord, capsys):
    call_command("dashboard_refresh", "--all-if-incomplete")
    assert "all days" in capsys.readouterr().out
    call_command("dashboard_refresh", "--all-if-incomplete")
    assert "recent days" in capsys.readouterr().out


def test_it_refuses_all_and_all_if_incomplete_together(nord):
    with pytest.raises(CommandError):
        call_command("dashboard_refresh", "--all", "--all-if-incomplete")


def test_it_rebuilds_only_the_recent_days(nord, settings):
    tasks.refresh_all()
    old = DailyFigures.objects.filter(day__lt=timezone.localdate() - dt.timedelta(days=20))
    kept = set(old.values_list("pk", flat=True))
    settings.LOTSE_DASHBOARD_RECENT_DAYS = 20
    tasks.refresh_recent()
    assert set(old.values_list("pk", flat=True)) == kept


def test_it_notes_how_far_back_the_recent_refresh_reaches(nord):
    today = timezone.localdate()
    summary_refresh_daily(since=today - dt.timedelta(days=10))
    assert RefreshState.objects.get().daily_since == today - dt.timedelta(days=10)


def test_it_runs_the_transparency_job(nord, facility_a2):
    # Three facilities in all, each district below the threshold: one pooled area.
    assert tasks.refresh_transparency() == 1
