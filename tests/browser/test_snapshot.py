"""The demo's copy (snapshot.py) gives every browser test the database the seed left: the
same rows in every table, and new rows numbered after them."""

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer

from .snapshot import DemoSnapshot


def test_a_restored_demo_equals_the_seeded_one(transactional_db):
    call_command("seed_demo", verbosity=0)
    seeded = DemoSnapshot()
    seeded.take()
    Volunteer.objects.filter(pk__in=Volunteer.objects.values("pk")[:5]).delete()
    Need.objects.update(title="changed by a test")
    last_need = Need.objects.order_by("-pk").values_list("pk", flat=True).first()

    with transaction.atomic(), connection.cursor() as cursor:  # emptied, counters back at 1
        tables = connection.introspection.django_table_names(only_existing=True)
        for sql in connection.ops.sql_flush(
            no_style(), tables, reset_sequences=True, allow_cascade=True
        ):
            cursor.execute(sql)
    seeded.restore()
    again = DemoSnapshot()
    again.take()
    assert again.tables.keys() == seeded.tables.keys()
    differing = [t for t in seeded.tables if again.tables[t] != seeded.tables[t]]
    assert not differing, differing
    need = Need.objects.order_by("pk").first()
    need.pk, need.external_id = None, "copy"
    need.save()
    assert need.pk > last_need  # the sequences were moved past the restored ids
