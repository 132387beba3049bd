"""Skills, languages and levels read the same in forms, pages and the engine's explanations."""

import pytest
from django.utils import translation

from lotse.taxonomy.models import Language, LanguageLevel, Skill
from matching import translations
from matching.codes import language_name, level_label, skill_label

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", sorted(translations.MODULES))
def test_it_names_skills_languages_and_levels_as_the_engine_does(lang):
    childcare, arabic = Skill.objects.get(slug="childcare"), Language.objects.get(code="ar")
    with translation.override(lang):
        assert childcare.label == skill_label("childcare", lang)
        assert arabic.label == language_name("ar", lang)
        assert str(LanguageLevel.NATIVE.label) == level_label(4, lang)


def test_it_keeps_the_rows_german_and_english_names():
    childcare = Skill.objects.get(slug="childcare")
    with translation.override("en"):
        assert childcare.label == childcare.label_en
    with translation.override("de"):
        assert childcare.label == childcare.label_de


def test_it_falls_back_to_the_german_name_for_a_skill_the_engine_does_not_know():
    custom = Skill.objects.create(slug="beekeeping", label_de="Imkerei", label_en="Beekeeping")
    with translation.override("uk"):
        assert custom.label == "Imkerei"
