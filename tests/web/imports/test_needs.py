import pytest

from lotse.needs.models import Need, NeedRevision
from lotse.needs.services import NOT_YOUR_FACILITY

from ..needs.conftest import in_days
from .conftest import messages, need_row, run

pytestmark = pytest.mark.django_db


def test_it_imports_an_open_need_whose_first_skill_is_the_main_task(f1):
    report = run("needs", [need_row(f1, languages_required="ar:fluent")])
    assert report.created == 1, messages(report)
    need = Need.objects.get(external_id="N-1")
    assert (need.status, need.main_skill.slug, need.created_by) == ("open", "german_practice", None)
    assert list(need.skills.values_list("slug", flat=True)) == ["digital_help"]
    assert need.languages.get().language.code == "ar"


def test_an_empty_certificate_cell_takes_the_main_skills_default(f1):
    run("needs", [need_row(f1, skills="homework_help")])
    assert Need.objects.get().requires_certificate is True


def test_importing_again_changes_nothing_and_a_change_keeps_history(f1):
    rows = [need_row(f1, requires_certificate="no", urgency="high")]
    run("needs", rows)
    assert run("needs", rows).unchanged == 1
    assert not NeedRevision.objects.exists()
    assert run("needs", [rows[0] | {"title": "Sprachcafé am Abend"}]).updated == 1
    assert NeedRevision.objects.get().snapshot["title"] == "Sprachcafé"


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"schedule": f"{in_days(-3)} 09:00-12:00"}, "schedule"),
        ({"schedule": "nächsten Dienstag"}, "schedule"),
        ({"volunteers_needed": "0"}, "volunteers_needed"),
        ({"volunteers_needed": "zwei"}, "volunteers_needed"),
        ({"facility": "F-404"}, "facility"),
        ({"skills": ""}, "skills"),
        ({"urgency": "sofort"}, "urgency"),
        ({"languages_preferred": "ar:native; ar:fluent"}, "languages_preferred"),
    ],
)
def test_a_bad_cell_is_reported_and_nothing_is_saved(f1, changes, column):
    report = run("needs", [need_row(f1, external_id="N-0"), need_row(f1) | changes])
    assert messages(report)[0].startswith(f"row 3, column {column}: "), messages(report)
    assert not Need.objects.exists()


def test_a_need_for_another_organisations_facility_is_refused(f1, charlie):
    report = run("needs", [need_row(f1)], actor=charlie)
    assert messages(report) == [f"row 2, column facility: {NOT_YOUR_FACILITY}"]
    assert not Need.objects.exists()
