"""Consent moves to the privacy app (privacy 0003): it leaves this app's state only; the table
stays, now the privacy app's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_consent_from_volunteers"),
        ("volunteers", "0003_signup_draft"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Consent")],
            database_operations=[],
        ),
    ]
