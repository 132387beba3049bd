"""Reading one cell: each function returns the value or raises CellError with a message a
person fixing the spreadsheet understands. Lists inside a cell are separated by `;`."""

import datetime as dt
import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from matching.codes import parse_languages
from matching.errors import ParseError
from matching.timeslots import format_availability, format_schedule, parse_availability
from matching.timeslots import parse_schedule as engine_parse_schedule

REQUIRED = _("This cell must not be empty.")
TOO_LONG = _("At most %(max)s characters.")
NOT_A_WHOLE_NUMBER = _("Not a whole number: %(value)s")
NOT_A_NUMBER = _("Not a number: %(value)s")
OUT_OF_RANGE = _("Must be between %(min)s and %(max)s.")
NOT_A_DATE = _("Not a date written as YYYY-MM-DD: %(value)s")
NOT_YES_NO = _("Write yes or no.")
NOT_AN_EMAIL = _("Not an e-mail address: %(value)s")
UNREADABLE_LANGUAGES = _("Cannot read the languages (write e.g. ar:native; de:fluent): %(detail)s")
UNREADABLE_AVAILABILITY = _("Cannot read the availability: %(detail)s")
UNREADABLE_SCHEDULE = _("Cannot read the schedule: %(detail)s")
NO_SLOT = _("Give at least one weekly time slot, e.g. mon 17:00-20:00.")
YES = {"yes", "ja", "y", "j", "true", "wahr", "1", "x"}
NO = {"no", "nein", "n", "false", "falsch", "0"}


class CellError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def text(value: str, *, required: bool = False, max_length: int = 200) -> str:
    value = (value or "").strip()
    if required and not value:
        raise CellError(REQUIRED)
    if len(value) > max_length:
        raise CellError(TOO_LONG % {"max": max_length})
    return value


def integer(value: str, *, low: int, high: int, required: bool = False) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise CellError(REQUIRED)
        return None
    if not re.fullmatch(r"[+-]?\d+(\.0+)?", value):
        raise CellError(NOT_A_WHOLE_NUMBER % {"value": value})
    number = int(float(value))
    if not low <= number <= high:
        raise CellError(OUT_OF_RANGE % {"min": low, "max": high})
    return number


def number(value: str, *, low: float, high: float, required: bool = False, low_open=False):
    """A decimal number (a German decimal comma is fine); `low_open` excludes `low` itself."""
    value = (value or "").strip()
    if not value:
        if required:
            raise CellError(REQUIRED)
        return None
    try:
        result = float(value.replace(",", "."))
    except ValueError:
        raise CellError(NOT_A_NUMBER % {"value": value}) from None
    too_low = result <= low if low_open else result < low
    if not math.isfinite(result) or too_low or result > high:
        raise CellError(OUT_OF_RANGE % {"min": low, "max": high})
    return result


def date(value: str, *, required: bool = False) -> dt.date | None:
    """YYYY-MM-DD (also DD.MM.YYYY, as German spreadsheets write it)."""
    value = (value or "").strip()
    if not value:
        if required:
            raise CellError(REQUIRED)
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00(?::00)?)?", value)
    german = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if german:
            return dt.date(int(german[3]), int(german[2]), int(german[1]))
    except ValueError:
        pass
    raise CellError(NOT_A_DATE % {"value": value})


def yes_no(value: str, *, required: bool = True) -> bool | None:
    """yes/no (also ja/nein, true/false, 1/0); empty is None unless required."""
    value = (value or "").strip().lower()
    if not value:
        if required:
            raise CellError(REQUIRED)
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellError(NOT_YES_NO)


def items(value: str) -> list[str]:
    """The `;`-separated entries of a list cell, in order, without blanks."""
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def email(value: str) -> str:
    value = text(value, required=True, max_length=254).lower()
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(NOT_AN_EMAIL % {"value": value}) from None
    return value


def languages(value: str) -> dict[str, int]:
    try:
        return parse_languages(value or "")
    except ParseError as exc:
        raise CellError(UNREADABLE_LANGUAGES % {"detail": exc}) from None


def availability(value: str) -> str:
    try:
        parsed = parse_availability(value or "")
    except ParseError as exc:
        raise CellError(UNREADABLE_AVAILABILITY % {"detail": exc}) from None
    if not parsed.slots:
        raise CellError(NO_SLOT)
    return format_availability(parsed)


def schedule(value: str) -> str:
    """Only the spelling; whether it lies in the past is the need service's rule."""
    value = text(value, required=True)
    try:
        return format_schedule(engine_parse_schedule(value))
    except ParseError as exc:
        raise CellError(UNREADABLE_SCHEDULE % {"detail": exc}) from None
