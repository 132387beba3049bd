"""Staff pages: needs of my facilities, a need's page, posting and editing in the browser."""

import pytest
from django.template.loader_tags import BlockNode
from django.urls import reverse

from lotse.needs.models import Need, NeedRevision

from .conftest import in_days

pytestmark = pytest.mark.django_db


def _form(facility, **changes) -> dict:
    data = {
        "place": f"f:{facility.pk}", "title": "Sprachcafé", "description": "",
        "main_skill": "german_practice", "kind": "one_off", "on": in_days(10).isoformat(),
        "start": "15:00", "end": "17:00", "volunteers_needed": "2", "urgency": "normal",
        "requires_certificate": "auto", "lang_0_code": "ar", "lang_0_level": "2",
        "lang_0_required": "no",
    }  # fmt: skip
    return data | changes


def test_a_social_worker_posts_a_one_off_need_in_the_browser(client, alice, facility_a1):
    client.force_login(alice)
    response = client.post(reverse("needs:create"), _form(facility_a1))
    need = Need.objects.get()
    assert response.url == reverse("needs:detail", kwargs={"pk": need.pk})
    assert need.schedule == f"{in_days(10).isoformat()} 15:00-17:00"
    assert need.languages.get().required is False


def test_a_social_worker_posts_a_recurring_need_in_the_browser(client, alice, facility_a1):
    client.force_login(alice)
    data = _form(facility_a1, kind="weekly", day="thu", valid_from=in_days(1).isoformat(),
                 valid_until=in_days(60).isoformat())  # fmt: skip
    client.post(reverse("needs:create"), data)
    assert Need.objects.get().schedule.startswith("weekly thu 15:00-17:00 from ")


def test_a_draft_is_saved_unpublished(client, alice, facility_a1):
    client.force_login(alice)
    client.post(reverse("needs:create"), _form(facility_a1) | {"draft": "1"})
    assert Need.objects.get().status == "draft"


def test_bad_schedule_fields_are_shown_on_their_fields(client, alice, facility_a1):
    client.force_login(alice)
    response = client.post(reverse("needs:create"), _form(facility_a1, end="14:00"))
    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    assert not Need.objects.exists()


def test_a_date_in_the_past_is_refused_on_the_page(client, alice, facility_a1):
    client.force_login(alice)
    response = client.post(reverse("needs:create"), _form(facility_a1, on=in_days(-1)))
    assert "Vergangenheit" in str(response.context["form"].errors["on"])
    assert not Need.objects.exists()


def test_another_organisations_facility_is_not_offered(client, alice, facility_c1):
    client.force_login(alice)
    response = client.post(reverse("needs:create"), _form(facility_c1))
    assert response.context["form"].errors["place"]
    assert not Need.objects.exists()


def test_the_list_shows_status_and_open_places(client, alice, a1_need):
    client.force_login(alice)
    page = client.get(reverse("needs:list")).content.decode()
    assert "Begleitung zum Jobcenter" in page
    assert "1 von 1" in page and "offen" in page


def test_the_list_is_scoped_to_the_organisation(client, charlie, a1_need, c1_need):
    client.force_login(charlie)
    needs = client.get(reverse("needs:list")).context["needs"]
    assert needs == [c1_need]
    url = reverse("needs:detail", kwargs={"pk": a1_need.pk})
    assert client.get(url).status_code == 404


def test_the_detail_page_has_a_place_for_candidates(client, alice, a1_need):
    client.force_login(alice)
    response = client.get(reverse("needs:detail", kwargs={"pk": a1_need.pk}))
    blocks = response.templates[0].nodelist.get_nodes_by_type(BlockNode)
    assert "candidates" in [block.name for block in blocks]
    assert reverse("matchmaking:need_candidates", kwargs={"pk": a1_need.pk}) in (
        response.content.decode()
    )
    assert "Arabisch" in response.content.decode()


def test_editing_an_open_need_shows_its_history(client, alice, a1_need):
    client.force_login(alice)
    form = client.get(reverse("needs:edit", kwargs={"pk": a1_need.pk})).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"title": "Begleitung zur Ausländerbehörde", "on": form.initial["on"].isoformat()}
    response = client.post(reverse("needs:edit", kwargs={"pk": a1_need.pk}), data)
    assert response.status_code == 302, response.context["form"].errors
    assert NeedRevision.objects.get().snapshot["title"] == "Begleitung zum Jobcenter"
    page = client.get(response.url).content.decode()
    assert "Begleitung zum Jobcenter" in page  # the earlier version in the history


def test_a_need_is_closed_from_its_page(client, alice, a1_need):
    client.force_login(alice)
    client.post(reverse("needs:action", kwargs={"pk": a1_need.pk, "action": "close"}))
    assert Need.objects.get(pk=a1_need.pk).status == "closed"


def test_a_forbidden_transition_shows_a_message(client, alice, a1_need):
    client.force_login(alice)
    url = reverse("needs:action", kwargs={"pk": a1_need.pk, "action": "reopen"})
    page = client.post(url, follow=True).content.decode()
    assert "kann nicht wieder geöffnet werden" in page
    assert Need.objects.get(pk=a1_need.pk).status == "open"


def test_a_coordinator_reads_but_does_not_edit(client, dora, a1_need):
    client.force_login(dora)
    assert client.get(reverse("needs:detail", kwargs={"pk": a1_need.pk})).status_code == 200
    assert client.get(reverse("needs:edit", kwargs={"pk": a1_need.pk})).status_code == 403


def test_volunteers_do_not_see_staff_need_pages(client, victor, a1_need):
    client.force_login(victor)
    assert client.get(reverse("needs:list")).status_code == 403
    assert client.get(reverse("needs:detail", kwargs={"pk": a1_need.pk})).status_code == 403


def test_the_staff_start_page_links_to_the_needs(client, alice):
    client.force_login(alice)
    assert reverse("needs:list") in client.get(reverse("web:staff_home")).content.decode()


def test_the_need_page_links_to_messaging_everyone_placed(client, alice, a1_need):
    client.force_login(alice)
    page = client.get(reverse("needs:detail", kwargs={"pk": a1_need.pk})).content.decode()
    url = reverse("reminders:need_message", kwargs={"pk": a1_need.pk})
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200


def test_the_need_page_offers_no_messaging_to_coordinators(client, dora, a1_need):
    client.force_login(dora)
    page = client.get(reverse("needs:detail", kwargs={"pk": a1_need.pk})).content.decode()
    assert reverse("reminders:need_message", kwargs={"pk": a1_need.pk}) not in page
