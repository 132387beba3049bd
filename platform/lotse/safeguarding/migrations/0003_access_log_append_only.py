"""The database itself refuses to change an access-log row (deleting old rows stays possible,
for retention)."""

from django.db import migrations

TABLE = "safeguarding_accesslogentry"
TRIGGER = "safeguarding_accesslog_no_update"


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'the access log is append-only'; END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();
            """
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;"
        )


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}();")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER};")


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0002_beat_schedule")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
