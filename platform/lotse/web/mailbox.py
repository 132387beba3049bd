"""The demo mailbox: with no EMAIL_URL in the demo, e-mails go to the console and are kept here,
so a newcomer can open her confirmation link in the browser (issue 16, item 11).

Only the demo settings (lotse.settings.dev without EMAIL_URL) register the backend; under
production settings, or with a real mail server, the page answers 404 and nothing is kept.
The last KEEP messages live in one JSON file under DATA_DIR, written whole under a lock and
replaced atomically, so the runserver's threads never read half a file.
"""

import datetime as dt
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

BACKEND = "lotse.web.mailbox.DemoMailboxBackend"
KEEP = 50
_lock = threading.Lock()


@dataclass(frozen=True)
class DemoMail:
    to: str
    subject: str
    sent_at: dt.datetime
    body: str


def demo_mailbox_enabled() -> bool:
    return not settings.LOTSE_PRODUCTION and settings.EMAIL_BACKEND == BACKEND


def _mailbox_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-mailbox.json"


def _read() -> list[dict]:
    try:
        return json.loads(_mailbox_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []


def _write(kept: list[dict]) -> None:
    path = _mailbox_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".demo-mailbox-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(kept, fh, ensure_ascii=False)
    os.replace(tmp, path)


def mailbox_keep(messages) -> None:
    """Add sent messages to the mailbox, newest first, keeping the last KEEP."""
    now = timezone.now().isoformat()
    new = [
        {"to": ", ".join(m.to), "subject": m.subject, "sent_at": now, "body": m.body}
        for m in messages
    ]
    with _lock:
        _write((new[::-1] + _read())[:KEEP])


def mailbox_messages() -> list[DemoMail]:
    """The kept messages, newest first."""
    with _lock:
        kept = _read()
    return [
        DemoMail(m["to"], m["subject"], dt.datetime.fromisoformat(m["sent_at"]), m["body"])
        for m in kept
    ]


class DemoMailboxBackend(ConsoleBackend):
    """Prints e-mails to the console like the demo always did, and keeps them for the page."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        if email_messages and demo_mailbox_enabled():
            mailbox_keep(email_messages)
        return sent


@require_GET
def demo_mailbox(request):
    """Anyone in the demo may read it: it stands in for the newcomer's own inbox."""
    if not demo_mailbox_enabled():
        raise Http404
    return render(request, "web/demo_mailbox.html", {"mails": mailbox_messages()})
