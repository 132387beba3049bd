from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("event", "recipient", "status", "created_at", "delivered_at", "attempts")
    list_filter = ("status", "event")
    readonly_fields = [f.name for f in Notification._meta.fields]
