"""A form sent twice (a double click, a second tap on a slow phone) does its work once.

Every POST form of ours carries a one-time token (`{% submit_once %}`). The first POST with a
token and its content claims a cache entry; when its view answers with a redirect, the entry keeps
the redirect's target. A second POST with the same token and the same content never reaches the
view: it follows the first one's redirect, with a message. A POST whose view answers with the form
again (errors) frees its entry, so the corrected form goes through; changed content (back button,
edit, send) is a new submission. The cache must be shared by all web processes (lotse.W001).
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

FIELD = "_submit_once"
PENDING = "pending"
REDIRECTS = {301, 302, 303}
ALREADY_SENT = _("You had already sent this form; it was saved once, not twice.")
STILL_SENDING = _("This form is being sent already. Please wait a moment and reload the page.")


def new_token() -> str:
    return uuid.uuid4().hex


def _key(request, token: str) -> str:
    content = sorted(
        (name, tuple(request.POST.getlist(name)))
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", FIELD)
    )
    digest = hashlib.sha256(repr((request.user.pk, token, content)).encode()).hexdigest()
    return f"submit-once:{digest}"


def _first_answer(key: str) -> str | None:
    """The first submission's redirect target, once it has one (waits a few seconds)."""
    deadline = time.monotonic() + settings.LOTSE_SUBMIT_ONCE_WAIT_SECONDS
    while True:
        value = cache.get(key)
        if value != PENDING or time.monotonic() >= deadline:
            return value if value != PENDING else None
        time.sleep(0.1)


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if len(token) != 32:
            return self.get_response(request)
        key = _key(request, token)
        if cache.add(key, PENDING, settings.LOTSE_SUBMIT_ONCE_SECONDS):
            return self._first(request, key)
        location = _first_answer(key)
        if location is None:
            context = {"message": STILL_SENDING}
            return render(request, "web/submit_once_pending.html", context, status=409)
        messages.info(request, ALREADY_SENT)
        return redirect(location)

    def _first(self, request, key: str):
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code in REDIRECTS:
            cache.set(key, response["Location"], settings.LOTSE_SUBMIT_ONCE_SECONDS)
        else:
            cache.delete(key)
        return response
