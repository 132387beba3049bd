"""Erasure of an account (GDPR Art. 17): personal data gone at once, aggregates kept.

Everything is found by identity, never by searching text:
1. Running placements are closed through the placements services (the facility is told).
2. Every record the export walk reaches from the person through foreign keys is either deleted
   with the account (cascade) or — for records that outlive it so hours and counts stay true
   (placements, hours, events, feedback, concerns raised) — stripped of free text listed in SCRUB.
3. Records that are *about* the person without being theirs — concerns naming them as the
   volunteer concerned, the contact persons' notes on those and on the concerns they raised, the
   admin history of their records — are found through their stored ids; only there are the
   person's name, e-mail, phone and street replaced. No other row is read for text, let alone
   changed: a namesake, a facility with the same name or a need titled like a phone number stays.
Each erasure leaves an ErasureRecord with counts only.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lotse.safeguarding.models import Concern, ConcernNote

ERASED = "[gelöscht]"
MIN_MENTION_LENGTH = 4  # shorter strings would hit other words in the same note

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
    # the case file of a concern belongs to the facility's safeguarding record; erase_mentions
    # still removes the person's identifiers from it
    "safeguarding.concern": {
        "subject", "category", "text", "person_named", "status", "resolution", "reference_digest",
    },
}  # fmt: skip
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
    found = {s.strip() for s in candidates if s and len(s.strip()) >= MIN_MENTION_LENGTH}
    return sorted(found, key=len, reverse=True)  # longest first: "Anna Muster" before "Anna M."


def user_sessions_delete(user) -> int:
    doomed = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    # Through the engine, not the table: cached sessions (production) leave the cache too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in doomed:
        store(session_key).delete()
    return len(doomed)


def scrub_survivors(walked: list[tuple[type, object]]) -> int:
    """Blank SCRUB fields on walked records that still exist after the account is gone."""
    count = 0
    for model, pks in _by_model(walked).items():
        if model._meta.label_lower not in SCRUB:
            continue
        blank = {
            name: value() if callable(value) else value
            for name, value in SCRUB[model._meta.label_lower].items()
        }
        # update(), not save(): append-only records refuse save() but must lose the text.
        count += model._base_manager.filter(pk__in=pks).update(**blank)
    return count


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


def _by_model(walked: list[tuple[type, object]]) -> dict[type, list]:
    grouped: dict[type, list] = {}
    for model, obj in walked:
        grouped.setdefault(model, []).append(obj.pk)
    return grouped


def rows_about(user, walked: list[tuple[type, object]]) -> list[tuple[type, list]]:
    """Rows that name the person, found by stored ids (before the account goes: the links are
    SET_NULL): concerns about them or raised by them, the notes on those, the admin history."""
    about = list(Concern._base_manager.filter(volunteer__user=user).values_list("pk", flat=True))
    raised = list(Concern._base_manager.filter(reporter=user).values_list("pk", flat=True))
    notes = ConcernNote._base_manager.filter(concern__in=about + raised)
    notes = notes.values_list("pk", flat=True)
    history = _admin_history(walked).values_list("pk", flat=True)
    rows = [(Concern, about + raised), (ConcernNote, list(notes)), (LogEntry, list(history))]
    return [(model, pks) for model, pks in rows if pks]


def _admin_history(walked: list[tuple[type, object]]):
    """The admin's log entries of the person's own records (object_repr names them)."""
    wanted = Q(pk__in=[])
    for model, pks in _by_model(walked).items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        wanted |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    return LogEntry.objects.filter(wanted)


def erase_mentions(rows: list[tuple[type, list]], strings: list[str]) -> int:
    """Replace the person's strings in the given rows only; returns rows changed."""
    changed = 0
    for model, pks in rows:
        fields = _text_fields(model)
        for obj in model._base_manager.filter(pk__in=pks).iterator():
            changes = {
                f.attname: new
                for f in fields
                if (new := _replace(getattr(obj, f.attname), strings)) != getattr(obj, f.attname)
            }
            if changes:
                # update(), not save(): append-only records refuse save().
                model._base_manager.filter(pk=obj.pk).update(**changes)
                changed += 1
    return changed
