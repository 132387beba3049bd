"""One id per request, from the proxy's X-Request-ID or made here, carried into Celery tasks.

The id lives in a context variable, so every log line written while the request (or the task
it queued) runs can name it; the logging filter in `logs.py` reads it from here.
"""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
TASK_HEADER = "lotse_request_id"
NO_REQUEST = "-"
# A proxy's id is taken as it is only if it is short and harmless in a log line or a header.
ACCEPTED = re.compile(r"[A-Za-z0-9._:@-]{1,128}")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("lotse_request_id", default="")


def current_request_id() -> str:
    return _current.get() or NO_REQUEST


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from(meta: dict) -> str:
    """The proxy's id if it looks sane, else a fresh one."""
    given = meta.get(META_KEY, "")
    return given if ACCEPTED.fullmatch(given) else new_request_id()


def bind(request_id: str) -> contextvars.Token:
    return _current.set(request_id)


def unbind(token: contextvars.Token) -> None:
    _current.reset(token)


def _unbind_after_request(**kwargs) -> None:
    _current.set("")


def connect_request_signals() -> None:
    from django.core.signals import request_finished

    request_finished.connect(_unbind_after_request, dispatch_uid="lotse-rid-finished")


def _add_to_task_headers(headers=None, **kwargs) -> None:
    request_id = _current.get()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


def _bind_in_task(task=None, **kwargs) -> None:
    request_id = getattr(task.request, TASK_HEADER, None) if task is not None else None
    _current.set(request_id or "")


_unbind_after_task = _unbind_after_request


def connect_celery_signals() -> None:
    """A task queued during a request logs with that request's id."""
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_add_to_task_headers, weak=False, dispatch_uid="lotse-rid-pub")
    task_prerun.connect(_bind_in_task, weak=False, dispatch_uid="lotse-rid-pre")
    task_postrun.connect(_unbind_after_task, weak=False, dispatch_uid="lotse-rid-post")
