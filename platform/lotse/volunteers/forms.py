"""Forms of the sign-up wizard and the profile page.

Each form reads and writes one part of the profile as the keyword arguments of
`volunteer_profile_save` (JSON-friendly, so the wizard can keep them in the session).
"""

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.core.phones import phone_display, phone_normalise
from lotse.core.versioned import choices_from
from lotse.places.geocoding import postcode_lookup
from lotse.taxonomy.models import LanguageLevel, Skill
from lotse.taxonomy.selectors import all_languages, all_skills

from . import slots
from .models import TravelMode
from .services import CODE_OF_CONDUCT_REQUIRED, PRIVACY_REQUIRED

CHOOSE_A_SKILL = _("Please choose at least one thing you would like to do.")
CHOOSE_A_LANGUAGE = _("Please give at least one language you speak.")
UNTIL_BEFORE_FROM = _("“Until” must be after “from”.")
NUMBER_WIDGET = {"inputmode": "numeric"}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class KilometreInput(forms.NumberInput):
    """A stored 5.0 km shows as "5", not "5.0"; 2.5 stays "2.5" (the browser shows "2,5")."""

    def format_value(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().format_value(value)


class DateInput(forms.DateInput):
    """The date picker reads and writes ISO dates whatever the language; use it for every date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AboutForm(forms.Form):
    title = _("About me")
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        help_text=_("Social workers see only your first name and initial until they place you."),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        return phone_normalise(self.cleaned_data["phone"])

    @staticmethod
    def initial_for(profile: dict) -> dict:
        initial = {k: profile.get(k, "") for k in ("first_name", "last_name")}
        return initial | {"phone": phone_display(profile.get("phone", ""))}

    def profile_part(self) -> dict:
        return dict(self.cleaned_data)


class PlaceForm(forms.Form):
    title = _("Where I live")
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        widget=forms.TextInput(attrs={**NUMBER_WIDGET, "autocomplete": "postal-code"}),
    )
    street = forms.CharField(
        label=_("Street and number (optional)"),
        max_length=200,
        required=False,
        help_text=_("Never shown to anyone before an approved placement."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    max_distance_km = forms.FloatField(
        label=_("How far will you travel? (km)"),
        min_value=0.5,
        max_value=settings.LOTSE_MAX_DISTANCE_KM,
        initial=5,
        widget=KilometreInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    travel_modes = forms.MultipleChoiceField(
        label=_("How do you get there?"),
        choices=TravelMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_postcode(self) -> str:
        """Checked here, on the step that asks, not only when the sign-up is finished."""
        return postcode_lookup(self.cleaned_data["postcode"]).code

    @staticmethod
    def initial_for(profile: dict) -> dict:
        keys = ("postcode", "street", "max_distance_km", "travel_modes")
        return {k: profile[k] for k in keys if k in profile}

    def profile_part(self) -> dict:
        return dict(self.cleaned_data)


class SkillChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, skill: Skill) -> str:
        return f"{skill.label} – {skill.description}" if skill.description else skill.label


class SkillsForm(forms.Form):
    title = _("What I would like to do")
    skills = SkillChoiceField(
        label=_("Choose everything you would like to do"),
        queryset=Skill.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": CHOOSE_A_SKILL},
    )
    skills.iterator = choices_from(all_skills)  # the options from the process's copy

    @staticmethod
    def initial_for(profile: dict) -> dict:
        return {"skills": profile.get("skills", [])}

    def profile_part(self) -> dict:
        return {"skills": sorted(skill.slug for skill in self.cleaned_data["skills"])}


class LanguagesForm(forms.Form):
    """One level choice per language: a plain list works on every phone and screen reader."""

    title = _("Languages I speak")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not at all"))] + [
            (str(v), label) for v, label in LanguageLevel.choices
        ]
        self.languages = all_languages()
        for language in self.languages:
            self.fields[f"lang_{language.code}"] = forms.TypedChoiceField(
                label=language.label, choices=choices, coerce=int, required=False, empty_value=None
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"lang_{lang.code}") for lang in self.languages):
            raise ValidationError(CHOOSE_A_LANGUAGE)
        return data

    @staticmethod
    def initial_for(profile: dict) -> dict:
        return {f"lang_{code}": level for code, level in profile.get("languages", {}).items()}

    def profile_part(self) -> dict:
        levels = {lang.code: self.cleaned_data.get(f"lang_{lang.code}") for lang in self.languages}
        return {"languages": {code: level for code, level in levels.items() if level}}


class AvailabilityForm(forms.Form):
    title = _("When I have time")
    max_hours_per_month = forms.IntegerField(
        label=_("At most hours per month (optional)"),
        min_value=1,
        max_value=200,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER_WIDGET),
    )
    available_from = forms.DateField(
        label=_("Available from (optional)"), required=False, widget=DateInput()
    )
    available_until = forms.DateField(
        label=_("Available until (optional)"), required=False, widget=DateInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        day_choices = [("", "—")] + list(slots.DAY_CHOICES)
        self.rows = slots.row_count(self.data or self.initial)
        for n in range(self.rows):
            self.fields[f"slot_{n}_day"] = forms.ChoiceField(
                label=_("Day"), choices=day_choices, required=False
            )
            for part, label in (("start", _("from")), ("end", _("until"))):
                self.fields[f"slot_{n}_{part}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=5,
                    widget=forms.TimeInput(attrs={"type": "time", "step": "900"}),
                )

    def slot_rows(self) -> list[list]:
        """The bound fields grouped per row, for the template."""
        return [
            [self[f"slot_{n}_day"], self[f"slot_{n}_start"], self[f"slot_{n}_end"]]
            for n in range(self.rows)
        ]

    def clean(self):
        data = super().clean()
        rows = [
            (data.get(f"slot_{n}_day", ""), data.get(f"slot_{n}_start", ""),
             data.get(f"slot_{n}_end", ""))
            for n in range(self.rows)
        ]  # fmt: skip
        try:
            data["availability"] = slots.compose(rows)
        except slots.RowErrors as exc:
            for n, message in exc.errors.items():
                self.add_error(f"slot_{n}_day" if n is not None else None, message)
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", UNTIL_BEFORE_FROM)
        return data

    @staticmethod
    def initial_for(profile: dict) -> dict:
        initial = {k: profile.get(k) for k in ("max_hours_per_month",)}
        initial["available_from"] = _date(profile.get("available_from"))
        initial["available_until"] = _date(profile.get("available_until"))
        initial.update(slots.initial_rows(profile.get("availability", "")))
        return initial

    def profile_part(self) -> dict:
        return {
            "availability": self.cleaned_data["availability"],
            "max_hours_per_month": self.cleaned_data["max_hours_per_month"],
            "available_from": _iso(self.cleaned_data["available_from"]),
            "available_until": _iso(self.cleaned_data["available_until"]),
        }


class MotivationForm(forms.Form):
    title = _("A few words about me")
    motivation = forms.CharField(
        label=_("Why would you like to help? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @staticmethod
    def initial_for(profile: dict) -> dict:
        return {"motivation": profile.get("motivation", "")}

    def profile_part(self) -> dict:
        return dict(self.cleaned_data)


class ConsentForm(MotivationForm):
    title = _("A few words, and your consent")
    privacy = forms.BooleanField(
        label=_("I agree that my data is processed as the privacy notice describes."),
        error_messages={"required": PRIVACY_REQUIRED},
    )
    code_of_conduct = forms.BooleanField(
        label=_("I have read the code of conduct and the house rules and will keep to them."),
        error_messages={"required": CODE_OF_CONDUCT_REQUIRED},
    )


class PauseForm(forms.Form):
    paused_until = forms.DateField(label=_("On a break until"), widget=DateInput())


class CertificateInspectionForm(forms.Form):
    certificate_date = forms.DateField(label=_("Date of the certificate"), widget=DateInput())
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DateInput())
    disqualifying_conviction = forms.TypedChoiceField(
        label=_("Does the certificate show a disqualifying conviction?"),
        choices=[("no", _("no")), ("yes", _("yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )


WIZARD_STEPS = [
    ("about", AboutForm),
    ("place", PlaceForm),
    ("skills", SkillsForm),
    ("languages", LanguagesForm),
    ("time", AvailabilityForm),
    ("consent", ConsentForm),
]
PROFILE_SECTIONS = [
    ("about", AboutForm),
    ("place", PlaceForm),
    ("skills", SkillsForm),
    ("languages", LanguagesForm),
    ("time", AvailabilityForm),
    ("motivation", MotivationForm),
]


def error_summary(forms) -> list[dict]:
    """Every error of `forms` with the id of its field, for the summary atop a long page."""
    items = []
    for form in forms:
        for name, errors in form.errors.items():
            field = form[name] if name in form.fields else next(iter(form), None)
            label = form[name].label if name in form.fields else getattr(form, "title", "")
            field_id = field.auto_id if field is not None else ""
            items += [{"field_id": field_id, "label": label, "message": m} for m in errors]
    return items


def service_kwargs(profile: dict) -> dict:
    """The session's JSON-friendly profile as arguments of `volunteer_profile_save`."""
    kwargs = dict(profile)
    for key in ("available_from", "available_until"):
        kwargs[key] = _date(kwargs.get(key))
    return kwargs


def profile_of(volunteer) -> dict:
    """A saved profile in the same JSON-friendly shape the forms read."""
    user = volunteer.user
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": volunteer.phone,
        "postcode": volunteer.postcode.code,
        "street": volunteer.street,
        "max_distance_km": volunteer.max_distance_km,
        "travel_modes": list(volunteer.travel_modes),
        "skills": sorted(s.slug for s in volunteer.skills.all()),
        "languages": {vl.language.code: vl.level for vl in volunteer.languages.all()},
        "availability": volunteer.availability,
        "max_hours_per_month": volunteer.max_hours_per_month,
        "available_from": _iso(volunteer.available_from),
        "available_until": _iso(volunteer.available_until),
        "motivation": volunteer.motivation,
    }
