"""Writes on accounts: one place for each rule."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lotse.places.models import District, Organisation

from .models import Role, User

STAFF_ROLE_CHOICES = (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.COORDINATOR, Role.ADMIN)


@dataclass(frozen=True)
class StaffResult:
    user: User
    created: bool
    set_password_path: str | None


def _organisation_for(role: str, organisation_name: str | None) -> Organisation | None:
    if not organisation_name:
        if role in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF):
            raise ValidationError(_("A social worker or facility staff needs an organisation."))
        return None
    try:
        return Organisation.objects.get(name__iexact=organisation_name.strip())
    except Organisation.DoesNotExist:
        raise ValidationError(
            _("Unknown organisation: %(name)s") % {"name": organisation_name}
        ) from None


def _districts_for(names: list[str]) -> list[District]:
    districts = []
    for name in names:
        try:
            districts.append(District.objects.get(name__iexact=name.strip()))
        except District.DoesNotExist:
            raise ValidationError(_("Unknown district: %(name)s") % {"name": name}) from None
    return districts


@transaction.atomic
def staff_upsert(
    *,
    email: str,
    role: str,
    organisation_name: str | None = None,
    district_names: list[str] | None = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> StaffResult:
    """Create or update a staff account; without a password, return a one-time set-password path."""
    if role not in STAFF_ROLE_CHOICES:
        raise ValidationError(_("Unknown staff role: %(role)s") % {"role": role})
    organisation = _organisation_for(role, organisation_name)
    districts = _districts_for(district_names or [])
    email = email.strip().lower()
    user, created = User.objects.get_or_create(email=email, defaults={"role": role})
    if not created and user.role == Role.VOLUNTEER:
        raise ValidationError(_("This e-mail belongs to a volunteer account."))
    user.role = role
    user.organisation = organisation
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    if password:
        from django.contrib.auth.password_validation import validate_password

        validate_password(password, user)
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if districts:
        user.districts.set(districts)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    link = None if password else set_password_path(user)
    return StaffResult(user=user, created=created, set_password_path=link)


def set_password_path(user: User) -> str:
    """A one-time link (Django's reset token: invalid once the password changes)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("web:set_password", kwargs={"uidb64": uid, "token": token})


def user_language_set(*, user: User, language: str) -> None:
    """Store the language she chose; a German or English choice is also her staff language."""
    user.preferred_language = language
    fields = ["preferred_language"]
    if user.is_staff_role and language in settings.LOTSE_STAFF_LANGUAGES:
        user.staff_language = language
        fields.append("staff_language")
    user.save(update_fields=fields)
