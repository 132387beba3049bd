"""Optimistic concurrency for single resources (RFC 9110): an `ETag` on every answer that is a
resource's representation, `If-None-Match` on reads (304 Not Modified), `If-Match` on writes
(412 `precondition-failed` when the tag is stale; nothing changes).

The tag is a keyed hash of the data this caller receives: it changes whenever what the caller
sees changes, differs between callers who see different things, and tells nobody without the
representation anything. Without If-Match a write proceeds as before (contracts.md)."""

import json
import re
from contextlib import contextmanager
from copy import deepcopy

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from .errors import PROBLEM_JSON, Problem
from .schema import ERROR

STALE = _(
    "The resource has changed since you read it (If-Match does not match its ETag); nothing "
    "was changed. Read it again with GET and repeat your change on the current version."
)
# The module's old path (lotse.web): a new salt would change every ETag clients hold.
SALT = "lotse.web.api_concurrency.etag"
ANY = "*"
READS = ("GET", "HEAD")
# One list element (RFC 9110 8.8.3): [W/] DQUOTE *etagc DQUOTE, then a comma or the end.
LIST_ELEMENT = re.compile(r'[ \t]*(?:(W/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(,|\Z)')


def etag_for(data, media_format: str = "json") -> str:
    """The strong tag of a representation: its data, canonical, and its format."""
    payload = json.dumps(
        data, cls=JSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    digest = salted_hmac(SALT, f"{media_format}\n{payload}", algorithm="sha256")
    return f'"{digest.hexdigest()[:32]}"'


def entity_tags(value: str) -> str | list[tuple[bool, str]]:
    """An If-Match / If-None-Match value → ANY, or its tags as (weak, opaque-tag) pairs.
    A value that is not a valid list matches no tag (RFC 9110 13.1: a malformed tag is
    not a match), so a stale-looking `stale` without quotes fails an If-Match."""
    if value.strip(" \t") == ANY:
        return ANY
    tags, position = [], 0
    while position < len(value):
        element = LIST_ELEMENT.match(value, position)
        if element is None:
            return []
        if element.group(2) is not None:
            tags.append((bool(element.group(1)), element.group(2)))
        position = element.end()
        if not element.group(3):
            break
    return tags


def if_match_holds(header: str | None, current: str | None) -> bool:
    """RFC 9110 13.1.1: no header holds; `*` holds if the resource exists; otherwise one of
    the listed tags must equal the current one by strong comparison (no weak tag matches)."""
    if header is None:
        return True
    if current is None:
        return False
    tags = entity_tags(header)
    return tags == ANY or (False, current.strip('"')) in tags


def if_none_match_holds(header: str | None, current: str) -> bool:
    """RFC 9110 13.1.2, true when the read may answer 304: `*`, or a tag equal to the current
    one by weak comparison."""
    if header is None:
        return False
    tags = entity_tags(header)
    return tags == ANY or current.strip('"') in {opaque for _weak, opaque in tags}


def lock_rows(*querysets) -> None:
    """Lock the rows of each queryset, in the order given (the order the services lock them)."""
    for queryset in querysets:
        list(queryset.select_for_update().values_list("pk", flat=True))


class ConditionalMixin:
    """For the view of one resource. `etag_actions`: the actions (on a plain APIView, the
    methods) whose 200 answer is the resource's representation — it carries the ETag, and a
    read whose If-None-Match names it answers 304. `if_match_actions`: the writes that check
    If-Match through `precondition()`. The schema documents both (`document_conditional`)."""

    etag_actions: tuple[str, ...] = ()
    if_match_actions: tuple[str, ...] = ()

    def representation_tag(self, data) -> str:
        renderer = getattr(self.request, "accepted_renderer", None)
        return etag_for(data, getattr(renderer, "format", "json"))

    @contextmanager
    def precondition(self, *, lock, current):
        """Run the block under the resource's row lock if the request has If-Match: `lock()`
        takes the lock, `current()` gives the representation now (None: there is none); a
        stale tag answers 412 before anything is written. Two writers with one tag: the
        second waits for the lock, then sees the first one's change and gets the 412."""
        header = self.request.headers.get("If-Match")
        if header is None:
            yield
            return
        with transaction.atomic():
            lock()
            data = current()
            tag = None if data is None else self.representation_tag(data)
            if not if_match_holds(header, tag):
                raise Problem(STALE, code="precondition-failed", status_code=412)
            yield

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code == 200 and self._answers_representation(request, response):
            tag = self.representation_tag(response.data)
            if request.method in READS and if_none_match_holds(
                request.headers.get("If-None-Match"), tag
            ):
                response = Response(status=304)
            response["ETag"] = tag
        return super().finalize_response(request, response, *args, **kwargs)

    def _answers_representation(self, request, response) -> bool:
        name = getattr(self, "action", None) or request.method.lower()
        name = "get" if name == "head" else name
        return name in self.etag_actions and isinstance(getattr(response, "data", None), dict)


# ---------------------------------------------------------------------------
# Schema (a POSTPROCESSING_HOOKS entry)
# ---------------------------------------------------------------------------
ETAG_HEADER = {
    "schema": {"type": "string"},
    "description": 'the representation\'s strong entity tag, e.g. `"3f2a…"`; send it back '
    "in If-Match to change the resource, or in If-None-Match to read it only if it changed",
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "the ETag you read (quoted, as received), or `*` for any current version: "
    "the write happens only if the resource still has it, else 412 precondition-failed. "
    "Optional; integrators should send it.",
}
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "the ETag you hold: 304 without a body if the representation still has it",
}
NOT_MODIFIED = {
    "description": "not modified: the representation still has the tag in If-None-Match; no body",
    "headers": {"ETag": ETAG_HEADER},
}
PRECONDITION_FAILED = {
    "description": "precondition-failed: If-Match does not match the resource's current ETag "
    "(changed since you read it); nothing changed. GET it again and repeat the change.",
    "content": {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}},
}


LOCATION_HEADER = {
    "schema": {"type": "string", "format": "uri"},
    "description": "the URL of what was created; where that has no URL of its own (hours, "
    "feedback, a certificate inspection) the URL of the resource that lists it",
}


def document_conditional(result, generator, request, public):
    """Add ETag, If-None-Match/304 and If-Match/412 to the operations of ConditionalMixin
    views, from the same attributes that drive the behaviour; and Location to every 201."""
    paths = result.get("paths", {})
    for operations in paths.values():
        for operation in operations.values():
            created = operation.get("responses", {}).get("201")
            if created is not None:
                created.setdefault("headers", {})["Location"] = deepcopy(LOCATION_HEADER)
    for path, _regex, method, callback in generator.endpoints or []:
        view = generator.create_view(callback, method)
        if not isinstance(view, ConditionalMixin):
            continue
        name = getattr(view, "action", None) or method.lower()
        operation = paths.get(generator.coerce_path(path, method, view), {}).get(method.lower())
        if operation is not None:
            _document(operation, view, name, method)
    return result


def _document(operation: dict, view: ConditionalMixin, name: str, method: str) -> None:
    # Copies: a later hook adds headers to some responses, and YAML would write anchors.
    responses = operation.setdefault("responses", {})
    parameters = operation.setdefault("parameters", [])
    if name in view.etag_actions and "200" in responses:
        responses["200"].setdefault("headers", {})["ETag"] = deepcopy(ETAG_HEADER)
        if method.upper() in READS:
            parameters.append(deepcopy(IF_NONE_MATCH))
            responses.setdefault("304", deepcopy(NOT_MODIFIED))
    if name in view.if_match_actions:
        parameters.append(deepcopy(IF_MATCH))
        responses["412"] = deepcopy(PRECONDITION_FAILED)
