import pytest
from django.core.exceptions import ValidationError

from lotse.privacy.models import Consent
from lotse.privacy.services import (
    consent_give_current,
    consent_withdraw,
    consents_give_at_signup,
)
from lotse.volunteers.consents import consent_hooks

pytestmark = pytest.mark.django_db


def test_agreeing_twice_to_the_same_version_records_it_once(victor):
    consent_give_current(user=victor, kind="privacy")
    consent_give_current(user=victor, kind="privacy")
    assert Consent.objects.filter(user=victor, kind="privacy").count() == 1


def test_withdrawing_keeps_the_record_with_the_time_of_withdrawal(victor):
    consent_give_current(user=victor, kind="privacy")
    assert consent_withdraw(user=victor, kind="privacy") == 0  # no placement to close
    consent = Consent.objects.get(user=victor, kind="privacy")
    assert consent.withdrawn_at is not None
    assert not victor.consents.filter(kind="privacy", withdrawn_at=None).exists()


def test_it_refuses_an_unknown_kind_of_consent(victor):
    with pytest.raises(ValidationError):
        consent_give_current(user=victor, kind="newsletter")


def test_the_privacy_app_answers_the_volunteers_apps_consent_questions():
    assert consent_hooks().signup_give is consents_give_at_signup


def test_the_states_read_from_the_history_are_those_read_from_the_table(victor):
    """The profile page reads the history once and derives the states from it (issue 21)."""
    from lotse.privacy.selectors import consent_history, consent_states

    consent_give_current(user=victor, kind="privacy")
    consent_withdraw(user=victor, kind="privacy")
    consent_give_current(user=victor, kind="privacy")  # given again after withdrawing
    consent_give_current(user=victor, kind="code_of_conduct")
    consent_withdraw(user=victor, kind="code_of_conduct")
    from_table = consent_states(victor)
    from_history = consent_states(victor, list(consent_history(victor)))
    assert from_history == from_table
    standing = {state.kind: state.standing for state in from_history}
    assert standing["privacy"].withdrawn_at is None and standing["code_of_conduct"] is None
