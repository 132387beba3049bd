"""Administrators read the access log here (read-only). Concerns are not in the admin: only
the facility's contact persons and the district coordinators may see them (safeguarding)."""

from django.contrib import admin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "actor_role", "record_type", "record_id", "purpose")
    list_filter = ("record_type", "actor_role")
    search_fields = ("actor_label", "record_id", "purpose")
    date_hierarchy = "at"
    readonly_fields = list_display
    fields = list_display

    def _admin(self, request) -> bool:
        return request.user.is_active and request.user.is_city_admin

    def has_module_permission(self, request):
        return self._admin(request)

    def has_view_permission(self, request, obj=None):
        return self._admin(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
