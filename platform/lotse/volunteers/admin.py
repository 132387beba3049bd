from django.contrib import admin

from lotse.core.audit import access_log_record, access_log_record_many

from .models import CertificateInspection, SignupDraft, Volunteer, VolunteerLanguage


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


@admin.register(CertificateInspection)
class CertificateInspectionAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "certificate_date", "inspected_on", "inspected_by")
    raw_id_fields = ("volunteer", "inspected_by")

    # eFZ data is criminal-record data (GDPR Art. 10): every read in the admin is logged.
    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        rows = getattr(response, "context_data", {}).get("cl")
        if rows is not None:
            access_log_record_many(
                actor=request.user,
                records=list(rows.result_list),
                purpose="admin list of certificate inspections",
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        inspection = self.get_object(request, object_id)
        if inspection is not None:
            access_log_record(
                actor=request.user,
                record=inspection,
                purpose="admin view of a certificate inspection",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(SignupDraft)
class SignupDraftAdmin(admin.ModelAdmin):
    """Unfinished sign-ups: readable (to help someone who is stuck) and deletable, not editable."""

    list_display = ("user", "updated_at")
    search_fields = ("user__email",)
    readonly_fields = ("user", "answers", "updated_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
