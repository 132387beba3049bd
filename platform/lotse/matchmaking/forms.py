from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.words import WEEKDAYS
from lotse.places.models import District
from lotse.taxonomy.models import Language, Skill

from .reach import RADIUS_STEPS_KM

UNKNOWN_CHOICE = _("Please choose one of the offered values.")
RADIUS_CHOICE = _("Please choose one of the offered radii.")


class BrowseFilterForm(forms.Form):
    """Filters of the list of all open needs; every field is optional."""

    district = forms.ModelChoiceField(
        District.objects.all(), label=_("District"), required=False, empty_label=_("all"),
        error_messages={"invalid_choice": UNKNOWN_CHOICE, "invalid_pk_value": UNKNOWN_CHOICE},
    )  # fmt: skip
    skill = forms.ModelChoiceField(
        Skill.objects.all(), to_field_name="slug", label=_("Task"), required=False,
        empty_label=_("all"), error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )  # fmt: skip
    language = forms.ModelChoiceField(
        Language.objects.all(), to_field_name="code", label=_("Language"), required=False,
        empty_label=_("all"), error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )  # fmt: skip
    weekday = forms.TypedChoiceField(
        choices=[("", _("all"))] + [(str(n), name) for n, name in enumerate(WEEKDAYS)],
        coerce=int, empty_value=None, label=_("Weekday"), required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )  # fmt: skip


class WidenRadiusForm(forms.Form):
    radius_km = forms.TypedChoiceField(
        choices=[(str(km), str(km)) for km in RADIUS_STEPS_KM],
        coerce=int,
        error_messages={
            "required": RADIUS_CHOICE,
            "invalid_choice": RADIUS_CHOICE,
        },
    )
