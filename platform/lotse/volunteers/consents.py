"""Consent as the volunteers app needs it, answered by the privacy app.

Consent — its model, giving, withdrawing and what a withdrawal closes — is the privacy app's, a
layer above this one. What this app and the layers between need of it (the consents a sign-up
gives, a volunteer's consents to show, who withdrew) they ask here; the privacy app registers
the answers in its AppConfig.ready(). Asking before that is an error, so a sign-up can never
pass without its consent rows.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, QuerySet

from lotse.accounts.models import User
from lotse.core.hooks import Hook


@dataclass(frozen=True)
class ConsentHooks:
    # Both consents a finished sign-up gives, in the sign-up's transaction (a failure undoes it).
    signup_give: Callable[[User], Any]
    # The code of conduct acknowledged on the city's records (the spreadsheet import).
    code_of_conduct_give: Callable[[User], Any]
    # The code-of-conduct consents in force (not withdrawn), of everyone: filter by user.
    code_of_conduct_standing: Callable[[], QuerySet]
    # On volunteer rows: withdrew the privacy consent and gave none since (hidden from everyone).
    privacy_withdrawn: Callable[[], Exists]
    # Each kind of consent with its label, the version in force and the standing consent;
    # given the user's history when the caller has read it (one query less).
    states: Callable[..., Sequence]
    history: Callable[[User], QuerySet]


consent: Hook[ConsentHooks] = Hook("consent hooks", registered_by="lotse.privacy")


def consent_hooks() -> ConsentHooks:
    return consent.get()
