"""The idempotency records now belong to the api app (api/0001): forget them here, in state
only — the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0001_idempotency_records"),
        ("api", "0001_idempotency_records"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdempotencyRecord")],
            database_operations=[],
        ),
    ]
