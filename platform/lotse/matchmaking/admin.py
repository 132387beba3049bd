from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import MatchingRun, MatchingSettings, MatchSuggestion
from .services import matching_run_start, matching_settings_learn


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "organisation",
        "learning_enabled",
        "learned_examples",
        "learned_cv_auc",
        "current_auc",
        "learned_at",
    )
    readonly_fields = (
        "learned_weights",
        "learned_examples",
        "learned_cv_auc",
        "current_auc",
        "learned_note",
        "learned_at",
    )
    actions = ["learn_now"]

    @admin.action(description=_("Learn weights from decisions now"))
    def learn_now(self, request, queryset):
        for settings in queryset:
            matching_settings_learn(organisation=settings.organisation)
        self.message_user(request, _("Weights refitted."), messages.SUCCESS)


class SuggestionInline(admin.TabularInline):
    model = MatchSuggestion
    extra = 0
    raw_id_fields = ("need", "volunteer")
    readonly_fields = ("need", "volunteer", "score", "status")


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "status",
        "progress",
        "organisation",
        "needs_count",
        "total_score",
        "greedy_total_score",
        "coverage",
        "seconds",
        "created_at",
    )
    readonly_fields = [f.name for f in MatchingRun._meta.fields]
    inlines = [SuggestionInline]
    actions = ["start_run"]

    @admin.action(description=_("Start a new global matching run"))
    def start_run(self, request, queryset):
        run = matching_run_start(actor=request.user)
        self.message_user(request, _("Run #%(id)s queued.") % {"id": run.pk}, messages.SUCCESS)


@admin.register(MatchSuggestion)
class MatchSuggestionAdmin(admin.ModelAdmin):
    list_display = ("run", "need", "volunteer", "score", "status")
    list_filter = ("status",)
    raw_id_fields = ("run", "need", "volunteer")
