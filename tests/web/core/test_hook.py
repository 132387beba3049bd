"""A hook lends a lower app one function of an upper app; unregistered, it refuses loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lotse.core.hooks import Hook

DATE_INDEPENDENT = "no dates"


def test_a_registered_hook_calls_the_function_with_the_arguments():
    hook = Hook("doubler", registered_by="lotse.example")
    hook.register(lambda n, *, times: n * times)
    assert hook(3, times=2) == 6


def test_registering_again_replaces_the_function():
    hook = Hook("answer", registered_by="lotse.example")
    hook.register(lambda: 1)
    hook.register(lambda: 2)
    assert hook() == 2


def test_an_unregistered_hook_names_the_app_that_should_have_registered_it():
    hook = Hook("open-concern check", registered_by="lotse.safeguarding")
    with pytest.raises(ImproperlyConfigured, match="No open-concern check: lotse.safeguarding"):
        hook(object())
