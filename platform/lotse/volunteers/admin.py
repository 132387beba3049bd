from django.contrib import admin

from .models import CertificateInspection, Consent, Volunteer, VolunteerLanguage


class VolunteerLanguageInline(admin.TabularInline):
    model = VolunteerLanguage
    extra = 0


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("user", "postcode", "max_distance_km", "paused_until")
    search_fields = ("user__email", "user__first_name", "user__last_name", "external_id")
    list_select_related = ("user", "postcode")
    filter_horizontal = ("skills",)
    inlines = [VolunteerLanguageInline]
    raw_id_fields = ("user",)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "version", "given_at", "withdrawn_at")
    list_filter = ("kind", "version")
    raw_id_fields = ("user",)


@admin.register(CertificateInspection)
class CertificateInspectionAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "certificate_date", "inspected_on", "inspected_by")
    raw_id_fields = ("volunteer", "inspected_by")
