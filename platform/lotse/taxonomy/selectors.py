"""Reads: every skill and every language, kept per process while their stamp stands."""

from lotse.core.versioned import versioned

from .models import Language, Skill

SKILLS = "taxonomy.skills"
LANGUAGES = "taxonomy.languages"


def all_skills() -> list[Skill]:
    return versioned(SKILLS, lambda: list(Skill.objects.all()))


def all_languages() -> list[Language]:
    return versioned(LANGUAGES, lambda: list(Language.objects.all()))
