"""The need form: one page for facility and neighbourhood needs, one-off or weekly."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role
from lotse.places.models import Facility, Neighbourhood
from lotse.places.selectors import facility_list_visible_to, neighbourhoods_all
from lotse.taxonomy.models import Language, LanguageLevel, Skill
from lotse.volunteers.forms import DateInput
from lotse.volunteers.slots import DAY_CHOICES, NOT_ON_GRID, minute_of
from matching.errors import ParseError
from matching.timeslots import DAYS, Schedule, format_schedule, on_grid, parse_schedule

from .models import Need
from .selectors import need_languages

LANGUAGE_ROWS = 3
REQUIRED = _("This field is required.")
NOT_A_TIME = _("Write the time as HH:MM, e.g. 16:30.")
END_NOT_AFTER_START = _("The end must be after the start.")
UNTIL_NOT_AFTER_FROM = _("“Until” must be after “from”.")
NO_WEEKDAY_IN_RANGE = _("This weekday does not occur between “from” and “until”.")
LANGUAGE_TWICE = _("Each language only once, please.")
LANGUAGE_WITHOUT_LEVEL = _("Choose the minimum level for this language.")
CERTIFICATE_CHOICES = [
    ("auto", _("as usual for the main task")),
    ("yes", _("yes")),
    ("no", _("no")),
]


def compose_schedule(data: dict) -> str:
    """The schedule fields as the contract's text; errors are raised per field."""
    errors = {}
    start, end = minute_of(data.get("start") or ""), minute_of(data.get("end") or "")
    for field, value in (("start", start), ("end", end)):
        if not data.get(field):
            errors[field] = REQUIRED
        elif value is None or value == 24 * 60 and field == "start":
            errors[field] = NOT_A_TIME
        elif not on_grid(value):
            errors[field] = NOT_ON_GRID
    if not errors and end <= start:
        errors["end"] = END_NOT_AFTER_START
    if data.get("kind") == "weekly":
        errors |= {f: REQUIRED for f in ("day", "valid_from") if not data.get(f)}
        until, since = data.get("valid_until"), data.get("valid_from")
        if until and since and until <= since:
            errors["valid_until"] = UNTIL_NOT_AFTER_FROM
    elif not data.get("on"):
        errors["on"] = REQUIRED
    if errors:
        raise ValidationError(errors)
    try:
        if data.get("kind") == "weekly":
            day = DAYS.index(data["day"])
            schedule = Schedule.weekly(day, start, end, data["valid_from"], data.get("valid_until"))
        else:
            schedule = Schedule.one_off(data["on"], start, end)
    except ParseError as exc:
        raise ValidationError({"valid_until": NO_WEEKDAY_IN_RANGE}) from exc
    return format_schedule(schedule)


def schedule_initial(text: str) -> dict:
    try:
        parsed = parse_schedule(text or "")
    except ParseError:
        return {"kind": "one_off"}
    clock = [f"{m // 60:02d}:{m % 60:02d}" for m in (parsed.start_minute, parsed.end_minute)]
    initial = {"start": clock[0], "end": clock[1]}
    if parsed.is_one_off:
        return initial | {"kind": "one_off", "on": parsed.date}
    return initial | {
        "kind": "weekly",
        "day": DAYS[parsed.day],
        "valid_from": parsed.valid_from,
        "valid_until": parsed.valid_until,
    }


class NeedForm(forms.Form):
    place = forms.ChoiceField(label=_("Where?"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will the volunteer do? Do not name residents."),
    )
    main_skill = forms.ModelChoiceField(
        label=_("Main task"), queryset=Skill.objects.all(), to_field_name="slug"
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Further skills that help (optional)"),
        queryset=Skill.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(
        label=_("When?"),
        choices=[("one_off", _("once")), ("weekly", _("every week"))],
        widget=forms.RadioSelect,
        initial="one_off",
    )
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    day = forms.ChoiceField(label=_("Weekday"), choices=[("", "—"), *DAY_CHOICES], required=False)
    start = forms.CharField(
        label=_("From (time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "step": "900"}),
    )
    end = forms.CharField(
        label=_("Until (time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "step": "900"}),
    )
    valid_from = forms.DateField(label=_("First week"), required=False, widget=DateInput())
    valid_until = forms.DateField(
        label=_("Last week (optional)"), required=False, widget=DateInput()
    )
    volunteers_needed = forms.IntegerField(
        label=_("How many volunteers?"), min_value=1, max_value=50, initial=1
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Need.Urgency.choices, initial=Need.Urgency.NORMAL
    )
    requires_certificate = forms.ChoiceField(
        label=_("Extended certificate of conduct required?"),
        choices=CERTIFICATE_CHOICES,
        initial="auto",
        help_text=_("Usually needed for work with children and young people."),
    )
    max_distance_km = forms.FloatField(
        label=_("Volunteers from at most … km away (optional)"),
        min_value=0.5,
        max_value=settings.LOTSE_MAX_DISTANCE_KM,
        required=False,
    )

    def __init__(self, *args, user, need: Need | None = None, **kwargs):
        if need is not None:
            kwargs.setdefault("initial", self.initial_for(need))
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = self._place_choices(user)
        if need is not None and need.status != Need.Status.DRAFT:
            self.fields["place"].disabled = True
        self._language_fields()

    @staticmethod
    def _place_choices(user) -> list:
        facilities = [(f"f:{f.pk}", f.name) for f in facility_list_visible_to(user)]
        choices = [(_("Facilities"), facilities)]
        if user.role == Role.SOCIAL_WORKER:
            hoods = [(f"n:{n.pk}", str(n)) for n in neighbourhoods_all()]
            choices.append((_("Neighbourhood (district work)"), hoods))
        return [("", "—"), *choices]

    def _language_fields(self) -> None:
        codes = [("", "—")] + [(lang.code, lang.label) for lang in Language.objects.all()]
        levels = [("", "—")] + [(str(v), label) for v, label in LanguageLevel.choices]
        given = [k for k in (self.data or self.initial) if k.endswith("_code")]
        self.language_row_count = max(LANGUAGE_ROWS, len(given) + (0 if self.data else 1))
        for n in range(self.language_row_count):
            self.fields[f"lang_{n}_code"] = forms.ChoiceField(
                label=_("Language"), choices=codes, required=False
            )
            self.fields[f"lang_{n}_level"] = forms.ChoiceField(
                label=_("at least"), choices=levels, required=False
            )
            self.fields[f"lang_{n}_required"] = forms.ChoiceField(
                label=_("is"),
                choices=[("yes", _("required")), ("no", _("welcome"))],
                required=False,
            )

    def language_rows(self) -> list[list]:
        return [
            [self[f"lang_{n}_{part}"] for part in ("code", "level", "required")]
            for n in range(self.language_row_count)
        ]

    schedule_fields = ("kind", "on", "day", "start", "end", "valid_from", "valid_until")

    def clean(self):
        data = super().clean()
        try:
            data["schedule"] = compose_schedule({f: data.get(f) for f in self.schedule_fields})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        self._clean_languages(data)
        return data

    def _clean_languages(self, data) -> None:
        data["languages_required"], data["languages_preferred"] = {}, {}
        for n in range(self.language_row_count):
            code, level = data.get(f"lang_{n}_code"), data.get(f"lang_{n}_level")
            if not code:
                continue
            if not level:
                self.add_error(f"lang_{n}_code", LANGUAGE_WITHOUT_LEVEL)
            elif code in data["languages_required"] or code in data["languages_preferred"]:
                self.add_error(f"lang_{n}_code", LANGUAGE_TWICE)
            else:
                target = "languages_required"
                if data.get(f"lang_{n}_required") == "no":
                    target = "languages_preferred"
                data[target][code] = int(level)

    def chosen_place(self) -> dict:
        kind, _sep, pk = (self.cleaned_data.get("place") or "").partition(":")
        if kind == "f":
            return {"facility": Facility.objects.get(pk=pk), "neighbourhood": None}
        return {"facility": None, "neighbourhood": Neighbourhood.objects.get(pk=pk)}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        certificate = {"auto": None, "yes": True, "no": False}[data["requires_certificate"]]
        return {
            **self.chosen_place(),
            "title": data["title"],
            "description": data["description"],
            "main_skill": data["main_skill"].slug,
            "skills": [s.slug for s in data["skills"]],
            "languages_required": data["languages_required"],
            "languages_preferred": data["languages_preferred"],
            "schedule": data["schedule"],
            "volunteers_needed": data["volunteers_needed"],
            "urgency": data["urgency"],
            "requires_certificate": certificate,
            "max_distance_km": data["max_distance_km"],
        }

    @staticmethod
    def initial_for(need: Need) -> dict:
        required, preferred = need_languages(need)
        initial = {
            "place": f"f:{need.facility_id}" if need.facility_id else f"n:{need.neighbourhood_id}",
            "title": need.title,
            "description": need.description,
            "main_skill": need.main_skill.slug,
            "skills": list(need.skills.values_list("slug", flat=True)),
            "volunteers_needed": need.volunteers_needed,
            "urgency": need.urgency,
            "requires_certificate": "yes" if need.requires_certificate else "no",
            "max_distance_km": need.max_distance_km,
        } | schedule_initial(need.schedule)
        rows = [(c, lvl, "yes") for c, lvl in required.items()]
        rows += [(c, lvl, "no") for c, lvl in preferred.items()]
        for n, (code, level, is_required) in enumerate(rows):
            initial |= {f"lang_{n}_code": code, f"lang_{n}_level": str(level),
                        f"lang_{n}_required": is_required}  # fmt: skip
        return initial
