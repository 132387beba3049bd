from django.contrib import admin

from .models import HoursEntry, Placement, PlacementDecision, PlacementEvent, PlacementFeedback


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = PlacementEvent
    fields = ("at", "action", "from_state", "to_state", "actor_role", "reason", "note")
    readonly_fields = fields


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the services, so it is checked and audited."""

    list_display = ("need", "volunteer", "state", "origin", "created_at")
    list_filter = ("state", "origin")
    search_fields = ("need__title",)
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ("placement", "date", "hours", "confirmed_hours", "confirmed_at")
    readonly_fields = [f.name for f in HoursEntry._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PlacementDecision)
class PlacementDecisionAdmin(admin.ModelAdmin):
    list_display = ("placement", "approved", "reason", "decided_at")
    readonly_fields = ("placement", "approved", "components", "reason", "decided_by", "decided_at")

    def has_add_permission(self, request):
        return False


admin.site.register(PlacementFeedback)
