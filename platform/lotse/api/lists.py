"""What every list of the API shares besides its page (pagination.py): `?ordering=` over
the fields a view names, and `?updated_since=` for sync scripts. A bad value is a 400 that
names the parameter, never a silently ignored one."""

import datetime as dt
from collections.abc import Callable, Sequence

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

ORDERING = "ordering"
ORDERING_UNKNOWN = _(
    "Cannot order by “%(field)s”. Order by one of: %(allowed)s (“-” before a name reverses)."
)
UPDATED_SINCE_INVALID = _(
    "An ISO 8601 date and time with its offset, e.g. 2026-05-01T08:00:00Z or "
    "2026-05-01T10:00:00+02:00 (in a URL, the + must be percent-encoded)."
)
UPDATED_SINCE_HELP = _(
    "Only those changed at or after this time (updated_at >= value): ISO 8601 with its "
    "offset, e.g. 2026-05-01T08:00:00Z."
)


def ordering_terms(raw: str, fields: Sequence[str]) -> list[str]:
    """`-updated_at,title` → its terms, each a known field; otherwise a 400 on `ordering`."""
    terms = [term.strip() for term in raw.split(",") if term.strip()]
    for term in terms:
        if term.removeprefix("-") not in fields:
            allowed = ", ".join(fields) or "–"
            message = ORDERING_UNKNOWN % {"field": term, "allowed": allowed}
            raise ValidationError({ORDERING: [message]})
    return terms


def ordering_description(fields: Sequence[str], default: str, ties: str = "by id") -> str:
    return (
        f"Sort by one of: {', '.join(fields)}; a leading `-` reverses, several may be joined "
        f"with commas (the first decides). Default: {default}. Ties are broken {ties}."
    )


def ordering_enum(fields: Sequence[str]) -> list[str]:
    return [value for field in fields for value in (field, f"-{field}")]


class ApiOrderingFilter(OrderingFilter):
    """`?ordering=` over the view's `ordering_fields` (the names the API shows them by;
    `ordering_aliases` maps one to its model field); the view's `ordering` is the default,
    and ties are broken by id so that pages do not overlap. An unknown field is a 400."""

    def get_ordering(self, request, queryset, view) -> list[str]:
        raw = request.query_params.get(self.ordering_param, "")
        if raw.strip():
            return ordering_terms(raw, getattr(view, "ordering_fields", None) or ())
        return list(getattr(view, "ordering", None) or ())

    def filter_queryset(self, request, queryset, view):
        terms = self.get_ordering(request, queryset, view)
        if not terms:
            return queryset
        aliases = getattr(view, "ordering_aliases", {})
        order = [_model_term(term, aliases) for term in terms]
        if not any(term.removeprefix("-") in ("id", "pk") for term in order):
            order.append("-pk" if order[0].startswith("-") else "pk")
        return queryset.order_by(*order)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        fields = getattr(view, "ordering_fields", None)
        if not fields:
            return []
        default = ",".join(getattr(view, "ordering", None) or ()) or "as listed"
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": ordering_description(fields, default),
                "schema": {"type": "string", "enum": ordering_enum(fields)},
            }
        ]


def _model_term(term: str, aliases: dict[str, str]) -> str:
    sign, name = ("-", term[1:]) if term.startswith("-") else ("", term)
    return sign + aliases.get(name, name)


def ordering_parameter(fields: Sequence[str], default: str, ties: str) -> OpenApiParameter:
    """`ordering` for a view that orders a computed list itself (order_rows)."""
    return OpenApiParameter(
        ORDERING,
        {"type": "string", "enum": ordering_enum(fields)},
        description=ordering_description(fields, default, ties),
    )


def order_rows(request, rows: list, keys: dict[str, Callable]) -> list:
    """A computed list in `?ordering=` order (None last either way); without it, or for
    ties, as it came (the list's own order, e.g. best first)."""
    raw = request.query_params.get(ORDERING, "")
    if not raw.strip():
        return rows
    rows = list(rows)
    for term in reversed(ordering_terms(raw, list(keys))):
        key = keys[term.removeprefix("-")]
        if term.startswith("-"):
            rows.sort(key=lambda row, key=key: (key(row) is not None, key(row)), reverse=True)
        else:
            rows.sort(key=lambda row, key=key: (key(row) is None, key(row)))
    return rows


class OffsetDateTimeField(forms.DateTimeField):
    """An ISO 8601 date and time with an offset; without one it would depend on our zone."""

    default_error_messages = {"invalid": UPDATED_SINCE_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:  # in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows
            return parsed.astimezone(dt.UTC)
        except (OverflowError, ValueError):  # beyond year 9999 once in UTC
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class UpdatedSinceFilter(filters.IsoDateTimeFilter):
    """`?updated_since=`: rows whose `updated_at` is at or after the time (inclusive: a sync
    that passes the last `updated_at` it saw misses nothing, and skips what it has by id)."""

    field_class = OffsetDateTimeField

    def __init__(self, field_name="updated_at", **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("label", UPDATED_SINCE_HELP)
        super().__init__(field_name=field_name, **kwargs)


NO_EXTERNAL_ID_HELP = _(
    "These records carry no external ID, so no value matches: the list is then empty. The "
    "parameter is accepted on every list (contracts.md) so that one sync script fits all."
)


class NoExternalIdFilter(filters.CharFilter):
    """`?external_id=` on a list whose records have none: an honest empty answer, never the
    whole list (the filter used to be ignored) and never a 400 (every list takes it)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", NO_EXTERNAL_ID_HELP)
        super().__init__(method=self.match_nothing, **kwargs)

    @staticmethod
    def match_nothing(queryset, _name, _value):
        return queryset.none()
