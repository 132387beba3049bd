"""Reference codes people can type: grouped, without look-alike characters, looked up however
they are typed (case, spaces, dashes), and the codes issued before keep working as typed."""

import re

import pytest

from lotse.safeguarding.models import Concern, Status
from lotse.safeguarding.references import (
    ALPHABET,
    ENTROPY_BITS,
    reference_grouped,
    reference_new,
    reference_normalised,
)
from lotse.safeguarding.selectors import reference_digest

API = "/api/v1/concerns/status/"
PAGE = "/concerns/status/"
NOT_FOUND = "Zu diesem Code haben wir kein Anliegen gefunden."
GROUPED = re.compile(rf"[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{3}}")
OLD_CODE = "MO641iUXQViH"  # secrets.token_urlsafe(9), as issued before the change


def _lookup(client, reference):
    return client.post(API, {"reference": reference}, "application/json")


def _one_character_changed(reference: str) -> str:
    first = reference[0]
    return ALPHABET[(ALPHABET.index(first) + 1) % len(ALPHABET)] + reference[1:]


@pytest.fixture
def old_concern(concern):
    """A concern raised before the change: its digest is of a case-sensitive urlsafe code."""
    Concern.objects.filter(pk=concern.pk).update(reference_digest=reference_digest(OLD_CODE))
    return concern


# ---------------------------------------------------------------------------
# The code itself (no database)
# ---------------------------------------------------------------------------
def test_it_keeps_at_least_the_72_bits_of_the_old_codes():
    assert ENTROPY_BITS >= 9 * 8
    assert round(ENTROPY_BITS, 1) == 79.3


def test_it_leaves_every_confusable_character_out_of_the_alphabet():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_it_draws_codes_that_differ():
    assert len({reference_new() for _ in range(100)}) == 100


def test_it_groups_a_code_in_blocks_of_four():
    assert reference_grouped("K7QF3M9XABCDEFGH") == "K7QF-3M9X-ABCD-EFGH"


@pytest.mark.parametrize(
    "typed",
    [
        "K７QF３M９XABCDEFGH",  # full-width digits
        "K٧QF-٣M٩X-ABCD-EFGH",  # Arabic-Indic digits
        "К7QF-3М9Х-АВСD-ЕFGН",  # Cyrillic look-alikes from a Ukrainian keyboard
        "\u200eK7QF\u20113M9X\u2013ABCD EFGH\u200f",  # bidi marks, non-breaking hyphen, en dash
    ],
    ids=["full-width", "arabic-indic", "cyrillic", "unicode-separators"],
)
def test_it_reads_other_scripts_forms_of_the_same_characters(typed):
    assert reference_normalised(typed) == "K7QF3M9XABCDEFGH"


@pytest.mark.parametrize(
    "typed", ["K7QF-3M9X-ABCD-EFG0", "K7QF-3M9X-ABCD-EFGO", "K7QF-3M9X-ABCD-EFGl"]
)
def test_it_does_not_guess_a_confusable_character_into_another_one(typed):
    assert reference_normalised(typed) is None


def test_it_never_reads_an_old_code_as_a_new_one():
    assert reference_normalised(OLD_CODE) is None
    assert reference_normalised(OLD_CODE.upper()) is None


# ---------------------------------------------------------------------------
# Raising and looking up
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_it_gives_a_new_concern_a_grouped_code_from_the_alphabet_only(raised):
    assert GROUPED.fullmatch(raised.reference)


@pytest.mark.django_db
def test_it_stores_only_the_digest_of_the_canonical_code(raised):
    canonical = raised.reference.replace("-", "")
    assert raised.concern.reference_digest == reference_digest(canonical)


@pytest.mark.django_db
def test_it_shows_the_code_grouped_large_and_left_to_right_with_a_hint(client, facility_a1):
    data = {"facility": facility_a1.pk, "subject": "situation", "category": "other", "text": "x"}
    response = client.post("/concerns/new/", data, follow=True)
    page = response.content.decode()
    reference = response.context["reference"]
    assert GROUPED.fullmatch(reference)
    assert (
        f'<p class="reference-code" dir="ltr" translate="no"><code>{reference}</code></p>' in page
    )
    assert "safeguarding/safeguarding.css" in page
    assert "spielen Groß- und Kleinschreibung und die Bindestriche keine Rolle" in page


def _typings(reference: str) -> dict[str, str]:
    return {
        "lower case": reference.lower(),
        "with spaces": reference.replace("-", " "),
        "without dashes": reference.replace("-", ""),
        "with extra dashes": "-".join(reference.replace("-", "")) + "-",
        "lower case with spaces around": f"  {reference.lower().replace('-', ' ')}  ",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("how", list(_typings("K7QF-3M9X-ABCD-EFGH")))
def test_it_finds_the_concern_however_the_code_is_typed_through_the_api(client, raised, how):
    response = _lookup(client, _typings(raised.reference)[how])
    assert response.status_code == 200
    assert response.json()["id"] == raised.concern.pk


@pytest.mark.django_db
@pytest.mark.parametrize("how", list(_typings("K7QF-3M9X-ABCD-EFGH")))
def test_it_finds_the_concern_however_the_code_is_typed_on_the_page(client, raised, how):
    response = client.post(PAGE, {"reference": _typings(raised.reference)[how]})
    assert response.status_code == 200
    assert response.context["concern"] == raised.concern


@pytest.mark.django_db
def test_it_finds_nothing_for_a_code_with_one_character_changed_and_says_no_more(client, raised):
    wrong = _lookup(client, _one_character_changed(raised.reference))
    guess = _lookup(client, "guess")
    assert wrong.status_code == guess.status_code == 404
    same = ("detail", "code", "title")
    assert [wrong.json()[k] for k in same] == [guess.json()[k] for k in same]
    assert wrong.json()["detail"] == "not found"


@pytest.mark.django_db
def test_it_answers_a_changed_code_on_the_page_like_any_guess(client, raised):
    wrong = client.post(PAGE, {"reference": _one_character_changed(raised.reference)})
    guess = client.post(PAGE, {"reference": "guess"})
    assert wrong.status_code == guess.status_code == 404
    assert wrong.context["concern"] is None
    assert (
        wrong.context["form"].errors == guess.context["form"].errors == {"reference": [NOT_FOUND]}
    )


@pytest.mark.django_db
def test_it_still_finds_a_concern_by_its_old_code_exactly_as_typed(client, old_concern):
    assert _lookup(client, OLD_CODE).json()["status"] == Status.NEW
    assert _lookup(client, f" {OLD_CODE}\n").json()["status"] == Status.NEW
    assert client.post(PAGE, {"reference": OLD_CODE}).context["concern"] == old_concern


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [OLD_CODE.lower(), OLD_CODE.upper(), "MO64-1iUX-QViH"])
def test_it_keeps_old_codes_case_and_dash_sensitive(client, old_concern, typed):
    assert _lookup(client, typed).status_code == 404


BAD_INPUT = {
    "empty": ("", 400, 400),
    "10,000 characters": ("K" * 10_000, 400, 400),
    "NUL byte": ("K7QF-3M9X\x00-ABCD-EFGH", 400, 400),
    "emoji": ("🙂" * 16, 404, 404),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_it_refuses_bad_input_through_the_api_without_an_error(client, raised, name):
    typed, api_status, _ = BAD_INPUT[name]
    assert _lookup(client, typed).status_code == api_status


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_it_refuses_bad_input_on_the_page_without_an_error(client, raised, name):
    typed, _, page_status = BAD_INPUT[name]
    response = client.post(PAGE, {"reference": typed})
    assert response.status_code == page_status
    assert response.context["form"].errors["reference"]


@pytest.mark.django_db
def test_it_refuses_a_lone_surrogate_through_the_api(client, raised):
    response = client.post(API, '{"reference": "\\ud800"}', "application/json")
    assert response.status_code == 400
    # Refused by the API's JSON parser before the view (lotse/api/parsers.py).
    assert "UTF-8" in response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_a_lone_surrogate_on_the_page_as_an_unknown_code(client, raised):
    # A form cannot carry a lone surrogate: its UTF-8 bytes arrive as replacement characters.
    body = "reference=%ED%A0%80K7QF"
    response = client.post(PAGE, body, "application/x-www-form-urlencoded")
    assert response.status_code == 404
    assert response.context["form"].errors == {"reference": [NOT_FOUND]}
