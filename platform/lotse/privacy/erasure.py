"""Erasure of an account (GDPR Art. 17): personal data gone at once, aggregates kept.

1. Running placements are closed through the placements services (the facility is told).
2. Every record the export walk reaches is either deleted with the account (cascade) or — for
   records that outlive it so hours and counts stay true (placements, hours, events,
   feedback, concerns raised) — stripped of free text listed in SCRUB.
3. Across every table, the person's e-mail, phone, street, full and short name are replaced
   wherever someone else wrote them (notes, messages, admin history).
Each erasure leaves an ErasureRecord with counts only.
"""

import json

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.utils import timezone

ERASED = "[gelöscht]"
MIN_SWEEP_LENGTH = 4  # shorter strings would hit other people's words

# Free text on records that outlive the account: blanked. Everything text-like on those
# models must be listed here or in KEEP (a test checks), so new fields are decided on.
SCRUB = {
    "placements.placement": {"message": "", "reason_note": "", "explanation": list},
    "placements.placementevent": {"note": ""},
    "placements.hoursentry": {"note": ""},
    "placements.placementfeedback": {"text": ""},
    "safeguarding.concern": {"contact": "", "contact_email": "", "contact_phone": ""},
}
KEEP = {
    # codes and numbers: what the aggregates and the audit trail are made of
    "placements.placement": {"state", "origin", "reject_reason"},
    "placements.placementevent": {"action", "from_state", "to_state", "actor_role", "reason"},
    "placements.placementdecision": {"components", "reason"},
    "placements.placementfeedback": {"side"},
    # the case file of a concern belongs to the facility's safeguarding record; the sweep
    # still removes the person's identifiers from it
    "safeguarding.concern": {
        "subject", "category", "text", "person_named", "status", "resolution", "reference_digest",
    },
}  # fmt: skip
# Tables the sweep leaves alone: the append-only access log holds staff accounts only.
SWEEP_SKIP = {"safeguarding.accesslogentry", "sessions.session"}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def personal_strings(user) -> list[str]:
    volunteer = getattr(user, "volunteer", None) if hasattr(user, "volunteer") else None
    candidates = [
        user.email,
        user.get_full_name() if user.first_name and user.last_name else "",
        user.display_name,
        volunteer.phone if volunteer else "",
        volunteer.street if volunteer else "",
    ]
    found = {s.strip() for s in candidates if s and len(s.strip()) >= MIN_SWEEP_LENGTH}
    return sorted(found, key=len, reverse=True)  # longest first: "Anna Muster" before "Anna M."


def user_sessions_delete(user) -> int:
    doomed = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    return Session.objects.filter(pk__in=doomed).delete()[0]


def scrub_survivors(walked: list[tuple[type, object]]) -> int:
    """Blank SCRUB fields on walked records that still exist after the account is gone."""
    by_model: dict[type, list] = {}
    for model, obj in walked:
        if model._meta.label_lower in SCRUB:
            by_model.setdefault(model, []).append(obj.pk)
    count = 0
    for model, pks in by_model.items():
        blank = {
            name: value() if callable(value) else value
            for name, value in SCRUB[model._meta.label_lower].items()
        }
        # update(), not save(): append-only records refuse save() but must lose the text.
        count += model._base_manager.filter(pk__in=pks).update(**blank)
    return count


def _variants(text: str, field) -> list[str]:
    if isinstance(field, models.JSONField):
        return [text, json.dumps(text)[1:-1]]  # SQLite stores JSON with \\u escapes
    return [text]


def _replace(value, strings: list[str]):
    if isinstance(value, str):
        for s in strings:
            if s.lower() in value.lower():
                value = _replace_ci(value, s)
        return value
    if isinstance(value, list):
        return [_replace(v, strings) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, strings) for k, v in value.items()}
    return value


def _replace_ci(value: str, needle: str) -> str:
    lower, target, out, i = value.lower(), needle.lower(), [], 0
    while (j := lower.find(target, i)) >= 0:
        out += [value[i:j], ERASED]
        i = j + len(needle)
    return "".join(out) + value[i:]


def _text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS) and not f.primary_key and not f.choices
    ]


def sweep(strings: list[str]) -> int:
    """Replace the strings in every text field of every table; returns rows changed."""
    if not strings:
        return 0
    changed = 0
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in SWEEP_SKIP:
            continue
        fields = _text_fields(model)
        wanted = Q()
        for field in fields:
            for s in strings:
                for variant in _variants(s, field):
                    wanted |= Q(**{f"{field.attname}__icontains": variant})
        if not fields:
            continue
        for obj in model._base_manager.filter(wanted).iterator():
            changes = {
                f.attname: new
                for f in fields
                if (new := _replace(getattr(obj, f.attname), strings)) != getattr(obj, f.attname)
            }
            if changes:
                model._base_manager.filter(pk=obj.pk).update(**changes)
                changed += 1
    return changed
