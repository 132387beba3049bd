"""allauth hooks: self sign-up creates volunteers; staff come from administrators."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .models import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.role = Role.VOLUNTEER
        lang = getattr(request, "LANGUAGE_CODE", "de")
        user.preferred_language = lang if lang in ("de", "en") else "de"
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return reverse("web:start")
