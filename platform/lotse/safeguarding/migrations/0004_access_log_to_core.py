"""The access log now belongs to the core app (core/0001): forget it here, in state only — the
table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0003_access_log_append_only"),
        ("core", "0001_access_log"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLogEntry")],
            database_operations=[],
        ),
    ]
