"""Residents' and volunteers' pages in the five languages of the people served (issue 18).

The concern form is raised and looked up in Persian and Turkish; the volunteer's start page and
opportunities are read in every one of the five on a phone — axe, no sideways scroll, `lang` and
`dir` right. With LOTSE_SCREENS_DIR set they become the guide's screenshots.
"""

from lotse.demo.seed import VOLUNTEER_LOGIN
from lotse.places.models import Facility

from .conftest import PHONE, Visit
from .test_concern_journey import CONTACT_PERSON, look_up_status, raise_concern

SERVED = ("ar", "fa", "uk", "ru", "tr")
RIGHT_TO_LEFT = {"ar", "fa"}
VOLUNTEER_PAGES = {"/start/": "start", "/volunteer/opportunities/": "opportunities"}


def _direction(you) -> str:
    return you.page.locator("html").get_attribute("dir")


def test_a_resident_raises_and_follows_a_concern_in_persian_and_turkish(chromium, demo):
    facility = Facility.objects.filter(contact_persons__email=CONTACT_PERSON).order_by("pk").first()
    for language in ("fa", "tr"):
        resident = Visit(chromium, demo.url, language, PHONE, f"resident-{language}")
        reference = raise_concern(resident, facility)
        assert _direction(resident) == ("rtl" if language in RIGHT_TO_LEFT else "ltr")
        look_up_status(resident, reference)
        resident.close()


def test_a_volunteer_reads_her_pages_in_each_served_language_on_a_phone(chromium, demo):
    for language in SERVED:
        you = Visit(chromium, demo.url, language, PHONE, f"volunteer-{language}")
        you.login(VOLUNTEER_LOGIN)
        for path, shot in VOLUNTEER_PAGES.items():
            you.goto(path)
            assert _direction(you) == ("rtl" if language in RIGHT_TO_LEFT else "ltr"), path
            you.check(shot)
        you.close()
