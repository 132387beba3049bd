"""Skills and languages; their names come from one place in every language (matching.codes).

German and English names are rows (administrators may reword them); other languages use the
engine's translated labels for the same code, and German where a translation has none.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.codes import level_label, own_label
from matching.messages import supported_lang


def _level(level: int) -> str:
    language = get_language()
    # Translations deactivated (management commands, migrations): the English source words.
    return level_label(level, supported_lang(language) if language else "en")


# The same words as the engine's explanations ("spricht Arabisch (fließend)"), in every language.
_level_lazy = lazy(_level, str)


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, _level_lazy(1)
    CONVERSATIONAL = 2, _level_lazy(2)
    FLUENT = 3, _level_lazy(3)
    NATIVE = 4, _level_lazy(4)


class BilingualLabel(models.Model):
    label_de = models.CharField(_("label (German)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    # "skill" or "language": which of the engine's label tables names this row.
    label_kind = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        lang = (get_language() or "de").split("-")[0]
        if lang == "en":
            return self.label_en
        if lang == "de":
            return self.label_de
        key = self.slug if self.label_kind == "skill" else self.code
        return own_label(self.label_kind, key, lang) or self.label_de


class Skill(BilingualLabel):
    label_kind = "skill"
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
    label_kind = "language"
    code = models.CharField(_("ISO 639 code"), max_length=8, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["sort_order", "code"]
