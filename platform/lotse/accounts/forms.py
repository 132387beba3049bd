from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import tokens

READ = "read"
WRITE = "write"


def _expiry_choices() -> list[tuple[int, str]]:
    return [
        (days, ngettext("%(days)d day", "%(days)d days", days) % {"days": days})
        for days in tokens.expiry_choices()
    ]


class ApiTokenForm(forms.Form):
    """Name, lifetime and access of a new API token; the rules are tokens.token_create's."""

    name = forms.CharField(
        label=_("Name"),
        max_length=tokens.NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. “case management system”."),
        error_messages={"required": tokens.NAME_REQUIRED},
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        choices=_expiry_choices,
        error_messages={"invalid_choice": tokens.EXPIRY_NOT_OFFERED},
    )
    access = forms.ChoiceField(
        label=_("Access"),
        widget=forms.RadioSelect,
        initial=READ,
        choices=[
            (READ, _("Read only: the token may read data (GET), never change it")),
            (WRITE, _("Read and write: the token may do what you may do")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = tokens.expiry_choices()
        self.fields["days"].initial = 90 if 90 in offered else max(offered)

    def token_input(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "days": data["days"], "read_only": data["access"] == READ}
