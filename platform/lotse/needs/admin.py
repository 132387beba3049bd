from django.contrib import admin

from .models import Need, NeedLanguage, NeedRevision


class NeedLanguageInline(admin.TabularInline):
    model = NeedLanguage
    extra = 0


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "facility", "neighbourhood", "status", "urgency")
    list_filter = ("status", "urgency", "organisation", "main_skill")
    search_fields = ("title", "external_id")
    filter_horizontal = ("skills",)
    inlines = [NeedLanguageInline]


@admin.register(NeedRevision)
class NeedRevisionAdmin(admin.ModelAdmin):
    list_display = ("need", "changed_by", "changed_at")
    readonly_fields = ("need", "changed_by", "changed_at", "snapshot")
