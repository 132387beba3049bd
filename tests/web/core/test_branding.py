"""The city's name and logo are settings; the logo is served by us like every other file."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_it_shows_our_logo_and_the_city_by_default(client):
    page = client.get("/").content.decode()
    assert 'src="/static/lotse/logo.svg"' in page
    assert "Münster" in page


def test_it_shows_the_city_s_own_logo_and_name(client, settings, tmp_path):
    (tmp_path / "stadt").mkdir()
    (tmp_path / "stadt" / "wappen.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(tmp_path)]
    settings.LOTSE_CITY_LOGO = "stadt/wappen.svg"
    settings.LOTSE_CITY_NAME = "Osnabrück"
    page = client.get("/").content.decode()
    assert 'src="/static/stadt/wappen.svg"' in page
    assert "Lotse <span class=\"city\">Osnabrück</span>" in page
    assert finders.find("stadt/wappen.svg"), "collectstatic and whitenoise serve it with ours"


def test_no_logo_at_all_is_allowed(client, settings):
    settings.LOTSE_CITY_LOGO = ""
    assert 'class="logo"' not in client.get("/").content.decode()
