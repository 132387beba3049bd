from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, _("basic")
    CONVERSATIONAL = 2, _("conversational")
    FLUENT = 3, _("fluent")
    NATIVE = 4, _("native")


class BilingualLabel(models.Model):
    label_de = models.CharField(_("label (German)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "de").startswith("en") else self.label_de


class Skill(BilingualLabel):
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    description_de = models.CharField(_("description (German)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    certificate_by_default = models.BooleanField(
        _("needs a certificate of conduct by default"),
        default=False,
        help_text=_("New needs with this main skill require an eFZ unless staff untick it."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["sort_order", "slug"]

    @property
    def description(self) -> str:
        lang = get_language() or "de"
        return self.description_en if lang.startswith("en") else self.description_de


class Language(BilingualLabel):
    code = models.CharField(_("ISO 639 code"), max_length=8, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["sort_order", "code"]
