from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    confirm_email = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        help_text=_("This cannot be undone."),
        max_length=254,
    )
