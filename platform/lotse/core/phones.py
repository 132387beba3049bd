"""Phone numbers: one parser for the wizard, the profile page, the API and the import.

Stored as E.164 (`+492511234567`), shown in the national format of the default region.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "DE"
INVALID_PHONE = _(
    "This does not look like a phone number. Please write it as you would dial it, "
    "e.g. 0251 123456 or +49 251 123456."
)


def phone_normalise(raw: str) -> str:
    """The number in E.164, "" for an empty input, or a ValidationError users understand."""
    text = (raw or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(stored: str) -> str:
    """A stored number as people read it; rows saved before the parser show as they were."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    kinds = phonenumbers.PhoneNumberFormat
    national = phonenumbers.region_code_for_number(number) == DEFAULT_REGION
    return phonenumbers.format_number(number, kinds.NATIONAL if national else kinds.INTERNATIONAL)
