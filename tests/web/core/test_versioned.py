"""Reference data kept per process under a version stamp (lotse/core/versioned.py, issue 21):
every write moves the stamp, so the next read sees it."""

import pytest

from lotse.core import versioned as versioned_module
from lotse.core.versioned import moved, versioned
from lotse.dashboard.filters import DashboardFilterForm
from lotse.places.models import Organisation
from lotse.places.selectors import all_organisations
from lotse.taxonomy.models import Language, Skill
from lotse.taxonomy.selectors import all_languages, all_skills
from lotse.volunteers.forms import LanguagesForm, SkillsForm

DATE_INDEPENDENT = "reads reference data; no date is compared"

pytestmark = pytest.mark.django_db


def test_it_builds_once_while_the_stamp_stands():
    built = []
    assert versioned("test.list", lambda: built.append(1) or len(built)) == 1
    assert versioned("test.list", lambda: built.append(1) or len(built)) == 1
    moved("test.list")
    assert versioned("test.list", lambda: built.append(1) or len(built)) == 2


def test_it_reads_the_database_each_time_when_the_cache_is_unusable(monkeypatch):
    monkeypatch.setattr(versioned_module.cache, "get", lambda *a, **k: None)
    built = []
    versioned("test.list", lambda: built.append(1)), versioned("test.list", lambda: built.append(1))
    assert len(built) == 2


def test_it_answers_the_second_read_without_a_query(django_assert_num_queries):
    all_skills(), all_languages(), all_organisations()
    with django_assert_num_queries(0):
        all_skills(), all_languages(), all_organisations()


def test_a_new_skill_is_an_option_on_the_next_read():
    assert "gaertnern" not in SkillsForm().as_p()
    Skill.objects.create(slug="gaertnern", label_de="Gärtnern", label_en="Gardening")
    assert "gaertnern" in SkillsForm().as_p()
    assert "gaertnern" in str(DashboardFilterForm()["skill"])


def test_a_renamed_language_shows_its_new_name_on_the_next_read():
    language = Language.objects.get(pk=all_languages()[0].pk)
    language.label_de = "Umbenannt"
    language.save()
    assert LanguagesForm().fields[f"lang_{language.code}"].label == "Umbenannt"


def test_a_deleted_language_is_no_option_on_the_next_read():
    language = all_languages()[0]
    assert language.code in str(DashboardFilterForm()["language"])
    Language.objects.filter(pk=language.pk).first().delete()
    assert language.code not in str(DashboardFilterForm()["language"])
    assert f"lang_{language.code}" not in LanguagesForm().fields


def test_a_new_operator_is_an_option_on_the_next_read():
    str(DashboardFilterForm()["organisation"])
    operator = Organisation.objects.create(name="Neuer Träger", kind="independent")
    assert f'value="{operator.pk}"' in str(DashboardFilterForm()["organisation"])


def test_a_submitted_skill_is_still_checked_against_the_database():
    form = DashboardFilterForm({"skill": "no-such-skill"})
    assert not form.is_valid()
    assert "skill" in form.errors
