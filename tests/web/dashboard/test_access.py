"""Who sees the dashboard: coordinators their districts, administrators all, nobody else."""

import pytest
from django.utils import translation

from lotse.dashboard.filters import NOT_ALLOWED, NOT_YOUR_DISTRICT, UNKNOWN_DISTRICT
from lotse.places.models import District

PAGES = ["/dashboard/", "/dashboard/trends/", "/dashboard/stale/",
         "/dashboard/export/districts.csv"]  # fmt: skip
API = "/api/v1/districts/demand/"


@pytest.mark.parametrize("name", ["alice", "bob", "charlie", "victor"])
def test_it_refuses_everyone_but_coordinators_and_administrators(client, everyone, name):
    client.force_login(everyone[name])
    assert [client.get(url).status_code for url in [*PAGES, API]] == [403] * 5


def test_it_sends_visitors_without_login_to_the_login_page(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get(API).status_code == 401


def test_it_refuses_the_selector_to_a_social_worker(alice):
    from django.core.exceptions import PermissionDenied

    from lotse.dashboard.filters import dashboard_filters

    with pytest.raises(PermissionDenied, match=str(NOT_ALLOWED)):
        dashboard_filters(user=alice, params={})


def test_it_shows_a_coordinator_only_her_districts(client, dora):
    client.force_login(dora)
    assert [row["name"] for row in client.get(API).json()["results"]] == ["Nord"]


def test_it_shows_administrators_every_district(client, erin):
    client.force_login(erin)
    names = [row["name"] for row in client.get(API).json()["results"]]
    assert names == list(District.objects.order_by("name").values_list("name", flat=True))


def test_it_refuses_a_coordinator_a_district_not_hers(client, dora):
    client.force_login(dora)
    mitte = District.objects.get(name="Mitte").pk
    statuses = [client.get(f"{url}?district={mitte}").status_code for url in [*PAGES, API]]
    assert statuses == [403] * 5
    with translation.override("de"):
        assert client.get(f"{API}?district={mitte}").json()["detail"] == str(NOT_YOUR_DISTRICT)


def test_it_answers_an_unknown_district_with_400(client, dora):
    client.force_login(dora)
    response = client.get(f"{API}?district=987654")
    assert response.status_code == 400
    with translation.override("de"):
        assert response.json()["district"] == [str(UNKNOWN_DISTRICT) % {"value": "987654"}]


def test_it_lets_a_coordinator_pick_her_own_district(client, dora):
    client.force_login(dora)
    nord = District.objects.get(name="Nord").pk
    assert client.get(f"/dashboard/?district={nord}").status_code == 200


def test_it_links_the_coordinator_start_page_to_the_dashboard(client, dora):
    client.force_login(dora)
    response = client.get("/coordinator/")
    assert response.status_code == 200
    assert 'href="/dashboard/"' in response.content.decode()


def test_it_renders_every_page_without_missing_template_values(client, erin, nord):
    client.force_login(erin)
    for url in ["/dashboard/", "/dashboard/trends/", "/dashboard/stale/", "/transparency/"]:
        assert "INVALID<" not in client.get(url).content.decode(), url
