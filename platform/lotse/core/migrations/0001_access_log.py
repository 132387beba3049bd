"""The access log moves from the safeguarding app to core: the model changes home in Django's
state only; the table, its rows and its no-update trigger stay as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_to_core(apps, schema_editor):
    """Keep the access log's permissions and admin history attached to it under its new label."""
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="safeguarding", model="accesslogentry").update(
        app_label="core"
    )


def content_type_to_safeguarding(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="core", model="accesslogentry").update(
        app_label="safeguarding"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("safeguarding", "0003_access_log_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLogEntry",
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
                            "at",
                            models.DateTimeField(
                                db_index=True,
                                default=django.utils.timezone.now,
                                verbose_name="when",
                            ),
                        ),
                        ("actor_label", models.CharField(max_length=254, verbose_name="account")),
                        ("actor_role", models.CharField(max_length=20, verbose_name="role")),
                        (
                            "record_type",
                            models.CharField(
                                db_index=True, max_length=100, verbose_name="record type"
                            ),
                        ),
                        ("record_id", models.CharField(max_length=64, verbose_name="record")),
                        ("purpose", models.CharField(max_length=200, verbose_name="why")),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="who",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "access log entry",
                        "verbose_name_plural": "access log",
                        "db_table": "safeguarding_accesslogentry",
                        "ordering": ["-at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["record_type", "record_id"],
                                name="safeguardin_record__0b83df_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_core, content_type_to_safeguarding),
    ]
