"""Forms collect input only; the services decide (length, facility, e-mail)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Category, Subject
from .references import MAX_TYPED
from .selectors import facilities_for_concerns


def _facility_choices():
    return [("", _("— please choose —"))] + [(f.pk, f.name) for f in facilities_for_concerns()]


class ConcernForm(forms.Form):
    facility = forms.TypedChoiceField(
        label=_("Which facility is it about?"), choices=_facility_choices, coerce=str
    )
    subject = forms.ChoiceField(
        label=_("Who or what is it about?"),
        choices=Subject.choices,
        widget=forms.RadioSelect,
        initial=Subject.SITUATION,
    )
    category = forms.ChoiceField(
        label=_("What kind of concern is it?"), choices=Category.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Write in your own words: when, where, who was there. You may write in your own "
            "language; the social service arranges a translation."
        ),
        # dir=auto: Arabic or Persian text reads right to left also on a German page.
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    person_named = forms.CharField(
        label=_("Name of the person it is about (if you know it)"), required=False
    )
    contact = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        help_text=_("Leave these fields empty to stay anonymous."),
    )
    contact_email = forms.CharField(label=_("Your e-mail address (optional)"), required=False)
    contact_phone = forms.CharField(label=_("Your phone number (optional)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = settings.LOTSE_CONCERN_MAX_CHARS
        if user is not None and user.is_authenticated:
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Do not show my name to the contact persons"),
                required=False,
                help_text=_(
                    "You can still follow the status here; only the system knows it was you."
                ),
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "facility_id": data["facility"],
            "subject": data["subject"],
            "category": data["category"],
            "text": data["text"],
            "person_named": data["person_named"],
            "contact": data["contact"],
            "contact_email": data["contact_email"],
            "contact_phone": data["contact_phone"],
            "reporter_hidden": data.get("anonymous", False),
        }


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=MAX_TYPED,
        help_text=_(
            "You got it after sending your concern. Capital or small letters, spaces and "
            "dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={
                "class": "reference-code",
                "dir": "ltr",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class ResolveForm(forms.Form):
    text = forms.CharField(
        label=_("Outcome"),
        help_text=_("What was done, and what was agreed."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class VolunteerLinkForm(forms.Form):
    volunteer = forms.TypedChoiceField(label=_("Volunteer"), coerce=str, required=False)
    suspend = forms.BooleanField(
        label=_("Suspend new placements of this volunteer until the concern is resolved"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, volunteers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [("", _("— nobody —"))] + [
            (v.pk, v.user.get_full_name()) for v in volunteers
        ]
