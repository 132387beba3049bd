"""The periodic tasks of an app, written to django-celery-beat's tables by a data migration
(and re-applied by `manage.py setup_beat`), so one beat per installation runs them."""

import json

# name → (task, crontab fields)
SCHEDULE = {
    "safeguarding: escalate overdue concerns": (
        "lotse.safeguarding.tasks.escalate_overdue_concerns",
        {"minute": "*/30", "hour": "*"},
    ),
    "safeguarding: delete certificate records past retention": (
        "lotse.safeguarding.tasks.purge_certificate_inspections",
        {"minute": "15", "hour": "3"},
    ),
    "safeguarding: delete old concerns and access-log entries": (
        "lotse.safeguarding.tasks.purge_safeguarding_records",
        {"minute": "30", "hour": "3"},
    ),
}


def install(periodic_task_model, crontab_model, schedule: dict, timezone: str) -> int:
    """Create or update each periodic task; returns how many there are."""
    for name, (task, cron) in schedule.items():
        crontab, _ = crontab_model.objects.get_or_create(
            minute=cron["minute"],
            hour=cron["hour"],
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=timezone,
        )
        periodic_task_model.objects.update_or_create(
            name=name,
            defaults={"task": task, "crontab": crontab, "enabled": True, "args": json.dumps([])},
        )
    return len(schedule)
