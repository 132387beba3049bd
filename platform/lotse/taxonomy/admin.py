from django.contrib import admin

from .models import Language, Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_de", "label_en", "certificate_by_default")


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "label_de", "label_en")
