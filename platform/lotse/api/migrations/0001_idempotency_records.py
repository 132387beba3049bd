"""The idempotency records move from the web app to the api app: the model changes home in
Django's state only; the table and its rows stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_api(apps, schema_editor):
    """Keep the records' permissions attached to them under their new label."""
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="web", model="idempotencyrecord").update(
        app_label="api"
    )


def content_type_to_web(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="api", model="idempotencyrecord").update(
        app_label="web"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("web", "0001_idempotency_records"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("scope", models.CharField(max_length=40)),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        ("key", models.CharField(max_length=255)),
                        (
                            "endpoint",
                            models.TextField(help_text="method and path, e.g. `POST /api/v1/needs/`"),
                        ),
                        (
                            "body_hash",
                            models.CharField(
                                help_text="SHA-256 of the canonical JSON body", max_length=64
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[("pending", "running"), ("done", "answered")],
                                default="pending",
                                max_length=10,
                            ),
                        ),
                        ("status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("response_data", models.JSONField(blank=True, null=True)),
                        ("location", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(db_index=True)),
                    ],
                    options={
                        "db_table": "web_idempotencyrecord",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("scope", "key"), name="web_idempotency_scope_key"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_api, content_type_to_web),
    ]
