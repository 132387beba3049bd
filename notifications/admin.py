from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import FailedNotification, Notification, NotificationPreference
from .services import notifications_retry


@admin.action(description=_("Send the selected failed notifications again"))
def retry_failed(modeladmin, request, queryset):
    count = notifications_retry(notifications=queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d notification queued again.", "%(count)d notifications queued again.", count
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "event",
        "recipient",
        "status",
        "attempts",
        "created_at",
        "delivered_at",
        "failed_at",
        "last_error",
    )
    list_filter = ("status", "event", "created_at")
    search_fields = ("recipient__email", "dedupe_key")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"
    actions = [retry_failed]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FailedNotification)
class FailedNotificationAdmin(NotificationAdmin):
    """Its own entry on the admin index: what never arrived, with the reason."""

    list_display = ("event", "recipient", "attempts", "failed_at", "last_error")
    list_filter = ("event", "failed_at")
    date_hierarchy = "failed_at"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Notification.Status.FAILED)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "digest", "language", "updated_at")
    list_filter = ("digest", "language")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
