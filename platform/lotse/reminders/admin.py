from django.contrib import admin

from .models import NeedMessage


@admin.register(NeedMessage)
class NeedMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "need", "sender", "recipient_count", "sent_at")
    search_fields = ("subject", "need__title")
    list_select_related = ("need", "sender")
    readonly_fields = ("need", "sender", "subject", "body", "recipient_count", "sent_at")

    def has_add_permission(self, request) -> bool:
        return False
