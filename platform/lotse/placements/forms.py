from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.words import choice_labels
from lotse.volunteers.forms import DateInput

from .models import RejectReason


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=1000)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *choice_labels(RejectReason.choices)], required=False
    )
    note = forms.CharField(label=_("In a few words"), required=False, max_length=1000)


class OfferForm(forms.Form):
    message = forms.CharField(
        label=_("Why I would like to help (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput())
    # The service owns the limits; the form only reads a number (so 30 reaches the rule).
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=200)


class ConfirmHoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Corrected hours (empty: as logged)"),
        required=False,
        max_digits=5,
        decimal_places=2,
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Your feedback"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class EventsExportForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("Until"), required=False)
