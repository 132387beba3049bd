from django import forms
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("facilities", _("Facilities")),
    ("volunteers", _("Volunteers")),
    ("needs", _("Needs")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What does the file contain?"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("Spreadsheet (.csv in UTF-8 or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, save nothing"), required=False, initial=True
    )
