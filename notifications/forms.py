from django import forms
from django.utils.translation import gettext_lazy as _

from .channels import CHANNELS, CHOOSABLE
from .events import all_events
from .models import DigestFrequency, NotificationPreference


class PreferenceForm(forms.Form):
    """Checkboxes per event kind and channel, the digest, the language and an SMS number."""

    digest = forms.ChoiceField(
        label=_("Digest of new opportunities near me"),
        required=False,
        choices=DigestFrequency.choices,
    )
    language = forms.ChoiceField(
        label=_("Language of notifications"),
        required=False,
        choices=NotificationPreference._meta.get_field("language").choices,
    )
    sms_number = forms.CharField(
        label=_("Mobile number for text messages"), required=False, max_length=30
    )

    def __init__(self, *args, user, preference: NotificationPreference, **kwargs):
        role = getattr(user, "role", None)
        self.events = [event for event in all_events() if event.is_for(role)]
        initial = {
            "digest": preference.digest,
            "language": preference.language,
            "sms_number": preference.sms_number,
        }
        for event in self.events:
            chosen = preference.channels_for(event.kind)
            for name in CHOOSABLE:
                initial[f"{name}__{event.kind}"] = name in chosen
        super().__init__(*args, initial=initial, **kwargs)
        for event in self.events:
            for name in CHOOSABLE:
                self.fields[f"{name}__{event.kind}"] = forms.BooleanField(
                    required=False, label=f"{CHANNELS[name].label}: {event.label}"
                )
        if not any(event.kind == "opportunities_digest" for event in self.events):
            del self.fields["digest"]

    def rows(self):
        for event in self.events:
            yield event, [self[f"{name}__{event.kind}"] for name in CHOOSABLE]

    def channel_labels(self):
        return [CHANNELS[name].label for name in CHOOSABLE]

    def channels(self) -> dict:
        data = self.cleaned_data
        return {
            event.kind: [name for name in CHOOSABLE if data.get(f"{name}__{event.kind}")]
            for event in self.events
        }
