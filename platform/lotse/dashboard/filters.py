"""Who may see the dashboard, for which districts, with which filters — one reading of the
query string for the pages, the exports and the API."""

import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.core.versioned import choices_from
from lotse.needs.models import NeedLanguage
from lotse.places.models import District, Organisation
from lotse.places.selectors import all_organisations, districts_visible_to
from lotse.taxonomy.models import Language, Skill
from lotse.taxonomy.selectors import all_languages, all_skills

NOT_ALLOWED = _("The dashboard is for district coordinators and administrators.")
NOT_YOUR_DISTRICT = _("This district is not one of yours.")
RANGE_REVERSED = _("The end of the period lies before its start.")
RANGE_TOO_LONG = _("A period may span at most %(days)s days.")
RANGE_OUT_OF_BOUNDS = _("Dates must lie between %(first)s and %(last)s.")
UNKNOWN_DISTRICT = _("There is no district with the ID “%(value)s”.")
UNKNOWN_ORGANISATION = _("There is no organisation with the ID “%(value)s”.")
UNKNOWN_SKILL = _("There is no skill with the code “%(value)s”.")
UNKNOWN_LANGUAGE = _("There is no language with the code “%(value)s”.")

DEFAULT_WEEKS = 12
EARLIEST = dt.date(2000, 1, 1)


class _Choice(forms.ModelChoiceField):
    """A choice by id or code whose refusal names what was asked for."""

    def __init__(self, queryset, message, rows=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("all"))
        super().__init__(queryset, error_messages={"invalid_choice": message}, **kwargs)
        if rows is not None:  # reference data: the options from the process's copy
            self.iterator = choices_from(rows)


class DashboardFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("Until"), required=False)
    district = _Choice(District.objects.all(), UNKNOWN_DISTRICT, label=_("District"))
    organisation = _Choice(
        Organisation.objects.order_by("name"),
        UNKNOWN_ORGANISATION,
        rows=all_organisations,
        label=_("Operator"),
    )
    skill = _Choice(
        Skill.objects.all(), UNKNOWN_SKILL, rows=all_skills, to_field_name="slug", label=_("Skill")
    )
    language = _Choice(
        Language.objects.all(),
        UNKNOWN_LANGUAGE,
        rows=all_languages,
        to_field_name="code",
        label=_("Language"),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["start"], data["end"] = period_checked(data.get("start"), data.get("end"))
        return data


def period_checked(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The period asked for, or the last twelve weeks; refuses reversed or absurd ranges."""
    today = timezone.localdate()
    span = dt.timedelta(weeks=DEFAULT_WEEKS) - dt.timedelta(days=1)
    if end is None:
        end = start + span if start and start > today else today
    start = start or end - span
    last = today + dt.timedelta(days=366)
    if not (EARLIEST <= start <= last and EARLIEST <= end <= last):
        raise ValidationError(RANGE_OUT_OF_BOUNDS % {"first": EARLIEST, "last": last})
    if end < start:
        raise ValidationError({"end": RANGE_REVERSED})
    limit = settings.LOTSE_DASHBOARD_MAX_RANGE_DAYS
    if (end - start).days + 1 > limit:
        raise ValidationError({"end": RANGE_TOO_LONG % {"days": limit}})
    return start, end


@dataclass(frozen=True)
class Filters:
    """A checked request: the districts in view, the period and the need filters."""

    districts: tuple[District, ...]
    start: dt.date
    end: dt.date
    organisation: Organisation | None = None
    skill: Skill | None = None
    language: Language | None = None
    today: dt.date = field(default_factory=timezone.localdate)
    # What one request has read already (the summaries' refresh state), so that the tables,
    # the map and the unmet demand of one page do not read it again.
    memo: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def district_ids(self) -> list[int]:
        return [d.pk for d in self.districts]

    def query(self) -> dict[str, str]:
        """The filters as query-string values (links to exports keep them)."""
        values = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if len(self.districts) == 1:
            values["district"] = str(self.districts[0].pk)
        if self.organisation:
            values["organisation"] = str(self.organisation.pk)
        if self.skill:
            values["skill"] = self.skill.slug
        if self.language:
            values["language"] = self.language.code
        return values

    def needs_q(self, prefix: str = "") -> Q:
        """Needs in view: in the districts, of the operator, with the main skill, asking for
        the language (required or preferred)."""
        q = Q(**{f"{prefix}neighbourhood__district_id__in": self.district_ids})
        if self.organisation:
            q &= Q(**{f"{prefix}organisation_id": self.organisation.pk})
        if self.skill:
            q &= Q(**{f"{prefix}main_skill_id": self.skill.pk})
        if self.language:
            asking = NeedLanguage.objects.filter(language=self.language).values("need_id")
            q &= Q(**{f"{prefix}pk__in": asking})
        return q


def aware_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the city's time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def local_day(value: dt.date | dt.datetime) -> dt.date:
    """The city's calendar day of a date or of a (database) timestamp."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def can_see_dashboard(user: User) -> bool:
    return user.is_authenticated and (user.is_city_admin or user.role == Role.COORDINATOR)


def dashboard_districts(user: User) -> list[District]:
    """Coordinators: their districts; administrators: all; anyone else is refused."""
    if not can_see_dashboard(user):
        raise PermissionDenied(NOT_ALLOWED)
    return list(districts_visible_to(user).order_by("name"))


def dashboard_filters(*, user: User, params, allowed: list[District] | None = None) -> Filters:
    """Read and check the query string; ValidationError (400) or PermissionDenied (403).
    `allowed`: the user's `dashboard_districts`, when the caller has them already."""
    allowed = dashboard_districts(user) if allowed is None else allowed
    form = DashboardFilterForm(params)
    if not form.is_valid():
        raise ValidationError(_errors_of(form))
    data = form.cleaned_data
    districts = tuple(allowed)
    if data["district"] is not None:
        if data["district"] not in allowed:
            raise PermissionDenied(NOT_YOUR_DISTRICT)
        districts = (data["district"],)
    return Filters(
        districts=districts,
        start=data["start"],
        end=data["end"],
        organisation=data["organisation"],
        skill=data["skill"],
        language=data["language"],
    )


def _errors_of(form: forms.Form) -> dict[str, list[str]]:
    return {
        ("detail" if name == "__all__" else name): list(errors)
        for name, errors in form.errors.items()
    }
