"""The dashboard's district filter offers what the user may see: a coordinator her districts,
an administrator every district, on every page of the dashboard and when a refused filter
answers with 400 (the options are the districts read for checking the filter)."""

import re

import pytest
from django.utils import translation

from lotse.places.models import District

PAGES = ["/dashboard/", "/dashboard/trends/", "/dashboard/stale/", "/dashboard/?district=987654"]
SELECT = re.compile(r'<select name="district"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*)</option>')


def _options(client, url) -> tuple[int, list[tuple[str, str]]]:
    with translation.override("de"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    selects = SELECT.findall(response.content.decode())
    assert len(selects) == 1, url
    return response.status_code, OPTION.findall(selects[0])


@pytest.mark.parametrize("url", PAGES)
def test_a_coordinator_is_offered_only_her_districts(client, dora, url):
    client.force_login(dora)
    status, options = _options(client, url)
    nord = District.objects.get(name="Nord")
    assert status == (400 if "987654" in url else 200)
    assert options[1:] == [(str(nord.pk), "Nord")]
    assert options[0][0] == "" and options[0][1].strip()  # "every district of hers", in words


@pytest.mark.parametrize("url", PAGES)
def test_an_administrator_is_offered_every_district(client, erin, url):
    client.force_login(erin)
    status, options = _options(client, url)
    every = [
        (str(pk), name) for pk, name in District.objects.order_by("name").values_list("pk", "name")
    ]
    assert status == (400 if "987654" in url else 200)
    assert len(every) > 1
    assert options[1:] == every
