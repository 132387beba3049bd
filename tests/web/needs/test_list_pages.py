"""The needs list comes in pages of 25 with links between them."""

import pytest
from django.urls import reverse

from lotse.needs.services import need_create
from lotse.needs.views import NEEDS_PER_PAGE

from .conftest import one_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty_needs(alice, facility_a1):
    return [
        need_create(
            actor=alice,
            facility=facility_a1,
            title=f"Bedarf {i:02d}",
            main_skill="accompaniment",
            schedule=one_off(),
        )  # fmt: skip
        for i in range(30)
    ]


def _rows(page: str) -> int:
    return page.count('<th scope="row">')


def test_it_shows_one_page_of_needs_and_counts_all(client, alice, thirty_needs):
    client.force_login(alice)
    page = client.get(reverse("needs:list")).content.decode()
    assert _rows(page) == NEEDS_PER_PAGE
    assert "30 Bedarfe" in page and 'aria-current="page"' in page


def test_it_links_to_the_next_page_keeping_the_filter(client, alice, thirty_needs):
    client.force_login(alice)
    page = client.get(reverse("needs:list"), {"status": "open"}).content.decode()
    assert 'href="?status=open&amp;page=2"' in page and 'rel="next"' in page


def test_it_shows_the_rest_on_the_last_page(client, alice, thirty_needs):
    client.force_login(alice)
    page = client.get(reverse("needs:list"), {"page": "2"}).content.decode()
    assert _rows(page) == 30 - NEEDS_PER_PAGE and 'rel="next"' not in page


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "999", "1e9"])
def test_it_answers_a_bad_page_number_with_a_page_not_an_error(client, alice, thirty_needs, bad):
    client.force_login(alice)
    response = client.get(reverse("needs:list"), {"page": bad})
    assert response.status_code == 200 and _rows(response.content.decode()) > 0


def test_it_shows_no_page_links_for_a_short_list(client, alice, facility_a1):
    client.force_login(alice)
    assert 'class="pagination"' not in client.get(reverse("needs:list")).content.decode()
