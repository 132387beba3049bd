"""All personal data of one account, found by walking the models rather than by a list.

Starting at the user, every model with a visible foreign key (or one-to-one) to a record
already collected is followed: the volunteer profile, its languages, placements, their hours,
events and feedback, consents, notifications, e-mail addresses, concerns raised, and whatever
a later app adds. Foreign keys marked hidden (`related_name="+"`) record what someone *did*
(inspected_by, approved_by, actor …) and are not followed, so a staff member's export never
carries other people's records. What is deliberately left out is listed in WITHHELD with the
reason, and shown to the person.
"""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_DEPTH = 4

# Secrets and internals of a record that are not data *about* the person.
SECRET_FIELDS = {
    "accounts.user": {"password"},
    "mfa.authenticator": {"data"},
    "accounts.apitoken": {"digest"},
    "account.emailconfirmation": {"key"},
    "safeguarding.concern": {
        "reference_digest",
        # How the contact persons handle a case is theirs (GDPR Art. 15(4), § 29(1) BDSG).
        "volunteer",
        "suspends_placements",
        "acknowledged_by",
        "resolved_by",
        "escalated_at",
        "resolution",
    },
}
# Relations not followed at all: (child model, foreign key name) → why.
WITHHELD = {
    ("safeguarding.concernnote", "concern"): _(
        "Internal case notes of the contact persons on a concern you raised: they protect "
        "other people (GDPR Art. 15(4), § 29(1) BDSG). Ask the contact persons about the outcome."
    ),
}
WITHHELD_NOTICES = [
    _(
        "Concerns that others raised about you are not part of this export while they protect "
        "the people who raised them (GDPR Art. 15(4), Art. 23, § 29(1) BDSG). The city's data "
        "protection officer can tell you more."
    ),
    _("Passwords, two-factor secrets and API keys are stored only as secrets and not exported."),
]


@dataclass
class Section:
    label: str  # app_label.model_name
    title: str
    records: list[dict]


def _is_followed(rel) -> bool:
    child = rel.related_model
    if rel.hidden or rel.many_to_many or child._meta.proxy or not child._meta.managed:
        return False
    return (child._meta.label_lower, rel.field.name) not in WITHHELD


def followed_relations(model) -> list:
    """Reverse foreign keys and one-to-ones into `model` that the export follows."""
    return [rel for rel in model._meta.related_objects if _is_followed(rel)]


def exported_fields(model) -> list[models.Field]:
    secret = SECRET_FIELDS.get(model._meta.label_lower, set())
    concrete = [f for f in model._meta.concrete_fields if f.name not in secret]
    m2m = [f for f in model._meta.many_to_many if f.name not in secret]
    return concrete + m2m


def export_plan() -> dict[str, list[str]]:
    """model label → exported field names, for every model the walk can reach."""
    plan: dict[str, list[str]] = {}
    frontier = [get_user_model()]
    for _depth in range(MAX_DEPTH + 1):
        following = []
        for model in frontier:
            label = model._meta.label_lower
            if label in plan:
                continue
            plan[label] = [f.name for f in exported_fields(model)]
            following += [rel.related_model for rel in followed_relations(model)]
        frontier = following
    return plan


def _value(obj, field):
    if field.many_to_many:
        return sorted(str(o) for o in getattr(obj, field.name).all())
    if field.is_relation:
        related = getattr(obj, field.name)
        return None if related is None else str(related)
    value = field.value_from_object(obj)
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):  # derived binary data, e.g. availability bits
        return bytes(value).hex()
    return value


def record_of(obj) -> dict:
    return {f.name: _value(obj, f) for f in exported_fields(obj._meta.model)}


def _walk(objs: list, depth: int, seen: set) -> Iterator[tuple[type, object]]:
    for obj in objs:
        key = (obj._meta.label_lower, obj.pk)
        if key in seen:
            continue
        seen.add(key)
        yield obj._meta.model, obj
        if depth >= MAX_DEPTH:
            continue
        for rel in followed_relations(obj._meta.model):
            children = rel.related_model._base_manager.filter(**{rel.field.name: obj})
            yield from _walk(list(children.order_by("pk")), depth + 1, seen)


def collect(user) -> list[tuple[type, object]]:
    """Every record the walk reaches from `user`, the user first."""
    user = get_user_model()._base_manager.get(pk=user.pk)  # not the request's lazy object
    return list(_walk([user], 0, set()))


def personal_data(user) -> dict:
    """The export document: JSON-ready, grouped by kind of record."""
    sections: dict[str, Section] = {}
    for model, obj in collect(user):
        label = model._meta.label_lower
        section = sections.setdefault(
            label, Section(label, str(model._meta.verbose_name_plural).capitalize(), [])
        )
        section.records.append(record_of(obj))
    return {
        "format": "lotse-personal-data/1",
        "generated_at": timezone.localtime().isoformat(),
        "sections": [
            {"model": s.label, "title": s.title, "records": s.records} for s in sections.values()
        ],
        "withheld": [str(text) for text in (*WITHHELD.values(), *WITHHELD_NOTICES)],
    }
