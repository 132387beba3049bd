from django import forms
from django.utils.translation import gettext_lazy as _


class NeedMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=120)
    body = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
