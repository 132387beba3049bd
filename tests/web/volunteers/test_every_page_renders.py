"""Each page of issue 3 renders for its role without an unresolved template variable (the
test settings print those as INVALID<…>)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("wanda", "volunteers:signup_step", {"step": "about"}),
    ("wanda", "volunteers:signup_step", {"step": "languages"}),
    ("wanda", "volunteers:signup_step", {"step": "time"}),
    ("wanda", "volunteers:signup_step", {"step": "consent"}),
    ("victor", "volunteers:profile", {}),
    ("victor", "volunteers:profile_edit", {}),
    ("victor", "web:volunteer_home", {}),
    ("victor", "volunteers:consent_text", {"kind": "code_of_conduct"}),
    ("alice", "volunteers:list", {}),
    ("alice", "volunteers:detail", {"pk": "victor"}),
    ("alice", "needs:list", {}),
    ("alice", "needs:create", {}),
    ("alice", "needs:detail", {"pk": "need"}),
    ("alice", "needs:edit", {"pk": "need"}),
    ("alice", "web:staff_home", {}),
    ("dora", "needs:detail", {"pk": "need"}),
    ("erin", "imports:home", {}),
]


@pytest.mark.parametrize(("name", "url_name", "kwargs"), PAGES)
def test_the_page_renders(client, everyone, wanda, name, url_name, kwargs):
    from lotse.needs.services import need_create

    from ..needs.conftest import one_off

    objects = {
        "victor": everyone["victor"].volunteer.pk,
        "need": need_create(actor=everyone["alice"], facility=everyone["alice"].facilities.get(),
                            title="Kinderbetreuung", main_skill="childcare",
                            schedule=one_off()).pk,
    }  # fmt: skip
    client.force_login(wanda if name == "wanda" else everyone[name])
    url = reverse(url_name, kwargs={k: objects.get(v, v) for k, v in kwargs.items()})
    response = client.get(url)
    assert response.status_code == 200
    assert "INVALID<" not in response.content.decode()
