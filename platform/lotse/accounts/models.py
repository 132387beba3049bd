from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.roles import STAFF_ROLES, Role


def language_choices() -> list[tuple[str, str]]:
    """Every interface language, each in its own name (a callable: no migration per city)."""
    return list(settings.LANGUAGES)


def staff_language_choices() -> list[tuple[str, str]]:
    return [
        (code, name) for code, name in settings.LANGUAGES if code in settings.LOTSE_STAFF_LANGUAGES
    ]


MFA_MEMO = "_lotse_has_mfa"
# How long the shared cache may answer "has TOTP" without asking the database: bounds what a
# lost invalidation (the cache unreachable while an authenticator changed) can cost.
MFA_CACHE_SECONDS = 300


def mfa_cache_key(user_id) -> str:
    return f"lotse:accounts:has-mfa:{user_id}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_superuser=True, is_staff=True, role=Role.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: volunteer or staff, told apart by `role`."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.VOLUNTEER, db_index=True
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    facilities = models.ManyToManyField(
        "places.Facility", verbose_name=_("assigned facilities"), blank=True, related_name="staff"
    )
    districts = models.ManyToManyField(
        "places.District", verbose_name=_("assigned districts"), blank=True, related_name="staff"
    )
    # The language she reads the site and gets her messages in (any of settings.LANGUAGES);
    # staff pages and staff messages use `staff_language` when it is not German or English.
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=language_choices, default="de"
    )
    staff_language = models.CharField(
        _("language of staff pages"),
        max_length=8,
        choices=staff_language_choices,
        default="de",
        help_text=_("Staff pages exist in German and English only."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"), default=False, help_text=_("May log in to the admin site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """First name and initial of the last name: enough to recognise, little to expose."""
        if self.first_name:
            initial = f" {self.last_name[:1]}." if self.last_name else ""
            return f"{self.first_name}{initial}"
        return self.email.split("@", 1)[0]

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_volunteer(self) -> bool:
        return self.role == Role.VOLUNTEER

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    def language_for_staff_work(self, wanted: str | None = None) -> str:
        """The language of staff pages and staff messages: `wanted` if German or English."""
        wanted = wanted or self.preferred_language
        if not self.is_staff_role or wanted in settings.LOTSE_STAFF_LANGUAGES:
            return wanted
        return self.staff_language or settings.LANGUAGE_CODE

    def message_language(self, wanted: str) -> str:
        """Hook for `notifications`: what the project lets this user's messages be written in."""
        return self.language_for_staff_work(wanted)

    @property
    def is_city_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    def has_mfa(self) -> bool:
        """Read once per user object, i.e. once per request: the middleware, the API's
        permission and every action rule ask it; and kept in the shared cache between requests
        (MFA_CACHE_SECONDS), so a staff request does not ask the database each time. Saving or
        deleting an authenticator forgets both (`accounts/receivers.py`): the cache at once and
        again after the commit, the object if it is the one the authenticator holds."""
        if MFA_MEMO not in self.__dict__:
            from allauth.mfa.models import Authenticator
            from django.core.cache import cache

            key = mfa_cache_key(self.pk)
            known = cache.get(key)
            if known is None:
                totp = Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP)
                known = totp.exists()
                cache.set(key, known, MFA_CACHE_SECONDS)
            self.__dict__[MFA_MEMO] = known
        return self.__dict__[MFA_MEMO]

    def forget_mfa(self) -> None:
        from django.core.cache import cache

        self.__dict__.pop(MFA_MEMO, None)
        cache.delete(mfa_cache_key(self.pk))

    def needs_mfa_setup(self) -> bool:
        """Staff act only with TOTP set up (allauth.mfa); volunteers are not asked."""
        return self.is_staff_role and not self.has_mfa()


class ApiToken(models.Model):
    """A key for an API client, stored as its SHA-256 digest: shown once, never kept in clear.

    The key has 256 random bits, so a fast digest cannot be reversed by guessing, and each API
    request pays microseconds instead of a password hasher's deliberate 100 ms or more.
    `prefix` (the key's first characters) lets people tell their tokens apart in lists.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("key starts with"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Revoking keeps the row, so that a client presenting the key is told "revoked" rather
    # than "unknown"; old rows go by retention (LOTSE_API_TOKEN_RETENTION_DAYS).
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    read_only = models.BooleanField(
        _("read-only"), default=False, help_text=_("May only read (GET, HEAD, OPTIONS).")
    )
    # The organisation whose data the token reaches, for users whose scope is one organisation
    # (social workers, facility staff): the token stops working when that scope changes.
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_usable(self, now=None) -> bool:
        return not self.is_revoked() and not self.is_expired(now)
