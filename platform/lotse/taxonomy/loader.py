"""Load the skills taxonomy and the language list from fixtures/ (codes from contracts.md)."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Language, Skill

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@transaction.atomic
def load_taxonomy(folder: Path = FIXTURES) -> tuple[int, int]:
    skills = _rows(folder / "skills.csv")
    for order, row in enumerate(skills):
        Skill.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "label_de": row["label_de"],
                "label_en": row["label_en"],
                "description_de": row["description_de"],
                "description_en": row["description_en"],
                "certificate_by_default": row["certificate_by_default"] == "yes",
                "sort_order": order,
            },
        )
    languages = _rows(folder / "languages.csv")
    for order, row in enumerate(languages):
        Language.objects.update_or_create(
            code=row["code"],
            defaults={"label_de": row["name_de"], "label_en": row["name_en"], "sort_order": order},
        )
    return len(skills), len(languages)
