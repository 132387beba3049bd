"""`Idempotency-Key` on the API's creating POSTs (issue 19; like Stripe's keys and the IETF
httpapi draft): a client that retries a request whose answer it never saw gets the first
answer again instead of a second need, placement, hours entry or concern.

- The first request with a key claims a record (caller's scope, key) in a transaction of its
  own: the unique constraint serialises concurrent callers, and no rollback of the handler
  can lose the claim.
- The handler then runs in one transaction with the record's final write, holding the
  record's row lock: its rows and the stored answer are committed together, or neither is.
- A repeat with the same method, path and body gets the stored answer (status, body,
  Location) with `Idempotent-Replayed: true`; while the first still runs, 409
  `idempotency-key-in-use` with Retry-After; another body or operation, 422
  `idempotency-key-reused`. Nothing runs twice.
- Every answer the handler gives below 500 is final and stored, refusals included: the key
  names one attempt, and a retry must learn that attempt's outcome, not a new one. A 5xx or
  an exception rolls the work back and frees the key. Refusals before the handler (key
  format, credentials, permission, rate limit, an unreadable body) store nothing.
- The scope is the signed-in user. Anonymous callers (concerns) share one scope, which is
  safe because a replay needs the key and the very same body: whoever has both knows all
  the concern says already, and its answer adds only its id, status and reference.
"""

import contextlib
import functools
import hashlib
import json
import re

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .errors import PROBLEM_JSON, Problem
from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
ANONYMOUS = "anonymous"
KEY = re.compile(r"[ -~]{1,255}")  # printable ASCII
INVALID_KEY = _("The Idempotency-Key header must be 1 to 255 printable ASCII characters.")
KEY_REUSED = _(
    "This Idempotency-Key was already used for another request (another body or operation); "
    "nothing was done. Send a new request with a new key."
)
KEY_IN_USE = _(
    "A request with this Idempotency-Key is still being processed. Please try again in a moment."
)
KEY_PARAMETER = OpenApiParameter(
    HEADER,
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    OpenApiParameter.HEADER,
    description="Optional; a new unique value (e.g. a UUID) per request, the same on its "
    "retries. Within 24 hours (the server's LOTSE_IDEMPOTENCY_HOURS) a retry with the same "
    "body gets the first answer again with `Idempotent-Replayed: true` and creates nothing "
    "(docs/api.md, Idempotency).",
)
SCHEMA_IN_USE = (
    "idempotency-key-in-use: a request with the same Idempotency-Key is still running; "
    "try again after Retry-After seconds"
)
SCHEMA_REUSED = (
    "idempotency-key-reused: the Idempotency-Key was sent before with another body or to "
    "another operation; nothing was done"
)


class KeyInUse(Problem):
    wait = 1  # DRF's exception handler sends it as Retry-After


def idempotent(handler):
    """Honours an Idempotency-Key on a view method that creates. Goes right above the method,
    or above its @action (which would drop the schema's header parameter otherwise)."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        raw = request.headers.get(HEADER)
        if raw is None:
            return handler(view, request, *args, **kwargs)
        if not KEY.fullmatch(raw):
            raise ValidationError({HEADER: [INVALID_KEY]})
        endpoint, digest = f"{request.method} {request.path}", body_hash(request.data)
        record, claimed = record_claim(
            scope=scope_of(request), key=raw, endpoint=endpoint, body_hash=digest,
            user=request.user if request.user.is_authenticated else None,
        )  # fmt: skip
        if claimed:
            return _run_once(view, handler, record, request, *args, **kwargs)
        if not record.is_for(endpoint=endpoint, body_hash=digest):
            raise Problem(KEY_REUSED, code="idempotency-key-reused", status_code=422)
        if record.state == IdempotencyRecord.State.PENDING:
            raise KeyInUse(KEY_IN_USE, code="idempotency-key-in-use")
        return _replay(record, request)

    return extend_schema(parameters=[KEY_PARAMETER])(wrapper)


def scope_of(request) -> str:
    user = request.user
    return f"user:{user.pk}" if user.is_authenticated else ANONYMOUS


def body_hash(data) -> str:
    """SHA-256 of the body as canonical JSON: key order and spacing do not matter."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def record_claim(
    *, scope: str, key: str, endpoint: str, body_hash: str, user=None
) -> tuple[IdempotencyRecord, bool]:
    """A new pending record for the key (True), or the live one it already has (False)."""
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    scope=scope, key=key, endpoint=endpoint, body_hash=body_hash, created_at=now,
                    user=user,
                )  # fmt: skip
            return record, True
        except IntegrityError:
            pass
        # An expired or abandoned record frees the key (waits for a live holder's lock).
        mine = IdempotencyRecord.objects.filter(scope=scope, key=key)
        if not mine.stale(now).delete()[0] and (record := mine.first()) is not None:
            return record, False
    raise KeyInUse(KEY_IN_USE, code="idempotency-key-in-use")  # lost three races in a row


def _run_once(view, handler, record, request, *args, **kwargs) -> Response:
    try:
        with transaction.atomic():
            if not _lock(record):  # taken over as abandoned (it waited minutes to get here)
                raise KeyInUse(KEY_IN_USE, code="idempotency-key-in-use")
            response = _handled(view, handler, request, *args, **kwargs)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            else:
                record_finish(record, response)
    except BaseException:
        record_release(record)
        raise
    if response.status_code >= 500:
        record_release(record)
    return response


def _lock(record: IdempotencyRecord) -> bool:
    pending = IdempotencyRecord.objects.filter(pk=record.pk, state=record.State.PENDING)
    return pending.select_for_update().first() is not None


def _handled(view, handler, request, *args, **kwargs) -> Response:
    """The handler's answer; a refusal it raises becomes its answer as in DRF's dispatch, with
    the handler's writes undone. Any other exception goes on (a 500)."""
    try:
        with transaction.atomic():
            return handler(view, request, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - handle_exception re-raises what is no refusal
        return view.handle_exception(exc)


def record_finish(record: IdempotencyRecord, response: Response) -> None:
    data = response.data
    record.state = IdempotencyRecord.State.DONE
    record.status_code = response.status_code
    record.response_data = None if data is None else json.loads(JSONRenderer().render(data))
    record.location = response.get("Location", "")
    record.save(update_fields=["state", "status_code", "response_data", "location"])


def record_release(record: IdempotencyRecord) -> None:
    """Frees the key after a failure, so that a retry runs again."""
    # A database that failed the request may fail this too: then the record is abandoned and
    # freed after ABANDONED_AFTER; the original error is the one to report.
    with contextlib.suppress(DatabaseError):
        IdempotencyRecord.objects.filter(pk=record.pk, state=record.State.PENDING).delete()


def _replay(record: IdempotencyRecord, request) -> Response:
    headers = {REPLAYED: "true"}
    if record.location:
        headers["Location"] = record.location
    response = Response(record.response_data, status=record.status_code, headers=headers)
    renderer = getattr(request, "accepted_renderer", None)
    if record.status_code >= 400 and (renderer is None or renderer.format == "json"):
        response.content_type = PROBLEM_JSON  # as the exception handler sent it
    return response


def idempotency_records_prune(*, now=None) -> int:
    """Deletes the records older than LOTSE_IDEMPOTENCY_HOURS; returns how many."""
    return IdempotencyRecord.objects.expired(now or timezone.now()).delete()[0]


def document_idempotency(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry (before the error hook, which adds the problem bodies): the
    409 and 422 answers of every operation that takes the header, and the replay header."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not _takes_key(operation):
                continue
            responses = operation.setdefault("responses", {})
            conflict = responses.setdefault("409", {})
            given = conflict.get("description")
            conflict["description"] = f"{given}; or {SCHEMA_IN_USE}" if given else SCHEMA_IN_USE
            conflict.setdefault("headers", {})["Retry-After"] = _header("seconds to wait")
            responses.setdefault("422", {"description": SCHEMA_REUSED})
            for code, response in responses.items():
                if str(code).startswith("2"):
                    response.setdefault("headers", {})[REPLAYED] = _header(
                        "`true` when this is the stored answer to an earlier request with "
                        "the same Idempotency-Key"
                    )
    return result


def _takes_key(operation: dict) -> bool:
    return any(
        (p.get("in"), p.get("name")) == ("header", HEADER) for p in operation.get("parameters", [])
    )


def _header(description: str) -> dict:
    return {"schema": {"type": "string"}, "description": description}
