from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import tokens
from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")
    search_fields = ("email", "first_name", "last_name")
    filter_horizontal = ("facilities", "districts", "groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Person"),
            {"fields": ("first_name", "last_name", "preferred_language", "staff_language")},
        ),
        (_("Role and scope"), {"fields": ("role", "organisation", "facilities", "districts")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "organisation", "password1", "password2"),
            },
        ),
    )


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """allauth's admin without the data field: it holds the (encrypted) second-factor secret."""

    raw_id_fields = ("user",)
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type", "created_at", "last_used_at")
    exclude = ("data",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Who holds which token, since when, until when; never the key (it is not stored).

    Tokens are issued on the staff's account page or by `manage.py drf_create_token EMAIL`,
    which show the key once; here an administrator can only see and revoke them (deleting
    removes the row: the client is then told "invalid", not "revoked").
    """

    list_display = (
        "prefix",
        "user",
        "name",
        "read_only",
        "organisation",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("read_only", "created_at", "expires_at", "last_used_at", "revoked_at")
    search_fields = ("user__email", "name", "prefix")
    fields = list_display
    readonly_fields = fields
    actions = ("revoke_selected",)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_selected(self, request, queryset):
        count = sum(tokens.token_revoke(token=token) for token in queryset)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
        )
