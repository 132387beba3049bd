"""The imprint (§ 5 DDG) and the privacy notice name who runs the service, from the city pack."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from lotse.core.operator import city_operator

pytestmark = pytest.mark.django_db


def test_the_imprint_names_the_operator_from_the_city_pack(client):
    page = client.get("/imprint/", headers={"accept-language": "de"}).content.decode()
    assert "<h1>Impressum</h1>" in page
    assert "Stadt Münster" in page and "48143 Münster" in page
    assert 'href="mailto:sozialdienst-fluechtlinge@muenster.example.org"' in page
    assert "Vertreten durch" in page and "Aufsichtsbehörde" in page


def test_every_page_links_the_imprint(client):
    assert 'href="/imprint/"' in client.get("/").content.decode()


def test_the_privacy_notice_names_the_controller_and_the_data_protection_officer(client):
    page = client.get("/privacy/", headers={"accept-language": "de"}).content.decode()
    assert "Wer verantwortlich ist" in page and "Stadt Münster" in page
    assert "datenschutz@muenster.example.org" in page


@pytest.mark.parametrize(
    "content",
    [None, "{not json", json.dumps(["a list"]), json.dumps({"operator": ""}), "\udcff"],
    ids=["missing", "broken", "not-an-object", "no-operator", "not-utf8"],
)
def test_a_missing_or_broken_file_gives_a_clear_page_and_a_deploy_warning(
    client, settings, tmp_path, content
):
    settings.LOTSE_CITY_DIR = str(tmp_path)
    if content is not None:
        path = tmp_path / "operator.json"
        if content == "\udcff":
            path.write_bytes(b"\xff\xfe{")
        else:
            path.write_text(content, encoding="utf-8")
    assert city_operator() is None
    response = client.get("/imprint/", headers={"accept-language": "de"})
    assert response.status_code == 200
    assert "noch nicht veröffentlicht" in response.content.decode()
    assert "noch nicht eingetragen" in client.get("/privacy/").content.decode()
    with pytest.raises(SystemCheckError, match="lotse.W010"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


def test_a_changed_file_is_read_again(settings, tmp_path):
    settings.LOTSE_CITY_DIR = str(tmp_path)
    path = tmp_path / "operator.json"
    path.write_text(json.dumps({"operator": "Stadt A", "address": ["X 1", 5]}), encoding="utf-8")
    assert city_operator().operator == "Stadt A"
    assert city_operator().address == ("X 1",)
    path.write_text(json.dumps({"operator": "Stadt Bee"}), encoding="utf-8")
    assert city_operator().operator == "Stadt Bee"


def test_the_address_keeps_its_order_in_arabic(client):
    page = client.get("/imprint/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<bdi>48143 Münster</bdi>" in page
    assert '<p dir="auto">Der Oberbürgermeister</p>' in page
