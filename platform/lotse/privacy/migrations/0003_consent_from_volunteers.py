"""Consent moves from the volunteers app to privacy: the model changes home in Django's state
only; the table (volunteers_consent) and its rows stay as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_to_privacy(apps, schema_editor):
    """Keep the consents' permissions and admin history attached to them under the new label."""
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="volunteers", model="consent").update(
        app_label="privacy"
    )


def content_type_to_volunteers(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="privacy", model="consent").update(
        app_label="volunteers"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("privacy", "0002_beat_schedule"),
        ("volunteers", "0003_signup_draft"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Consent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("privacy", "data processing"),
                                    ("code_of_conduct", "code of conduct and house rules"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("version", models.CharField(max_length=20, verbose_name="text version")),
                        (
                            "given_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="given at"
                            ),
                        ),
                        (
                            "withdrawn_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="withdrawn at"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="consents",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "consent",
                        "verbose_name_plural": "consents",
                        "db_table": "volunteers_consent",
                        "ordering": ["-given_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_privacy, content_type_to_volunteers),
    ]
