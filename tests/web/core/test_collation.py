"""Names in the reader's language's order where the database can (issue 18)."""

import pytest
from django.db.models.functions import Collate
from django.utils import translation

from lotse.accounts.models import User
from lotse.core.collation import by_name

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = ["Zed", "Öz", "Ada", "Ähm"]


def _sorted(language: str) -> list[str]:
    with translation.override(language):
        people = User.objects.filter(first_name__in=NAMES).order_by(*by_name("first_name"))
        return [person.first_name for person in people]


def test_german_sorts_umlauts_with_their_letters_on_postgresql(postgres):
    for name in NAMES:
        UserFactory(first_name=name)
    assert _sorted("de") == ["Ada", "Ähm", "Öz", "Zed"]
    in_bytes = User.objects.filter(first_name__in=NAMES).order_by(Collate("first_name", "C"))
    assert [person.first_name for person in in_bytes] == ["Ada", "Zed", "Ähm", "Öz"]


def test_without_a_collation_the_order_is_the_databases():
    for name in NAMES:
        UserFactory(first_name=name)
    assert sorted(_sorted("xx")) == sorted(NAMES)
