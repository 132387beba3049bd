"""Needs ranked for one volunteer, by the same rules and scores as candidates for a need."""

from matching import VolunteerPool, rank_candidates, rank_opportunities

from .factories import TODAY, need, volunteer


def _need_ids(opportunities) -> list[int]:
    return [o.need_id for o in opportunities]


def test_it_ranks_needs_for_a_volunteer_best_first():
    arabic = volunteer(1, languages="ar:native; de:fluent")
    needs = [need(1, preferred="uk:fluent"), need(2, preferred="ar:fluent")]
    assert _need_ids(rank_opportunities(arabic, needs, today=TODAY)) == [2, 1]


def test_it_gives_an_opportunity_the_same_score_as_the_candidate_ranking():
    person = volunteer(1, km=3, hours_this_month=4, languages="ar:fluent; de:native")
    the_need = need(preferred="ar:native", facility_id=3)
    opportunity = rank_opportunities(person, [the_need], today=TODAY)[0]
    candidate = rank_candidates(VolunteerPool([person]), the_need, today=TODAY).results[0]
    assert (opportunity.score, opportunity.components) == (candidate.score, candidate.components)


def test_it_leaves_out_needs_the_volunteer_is_ruled_out_for():
    needs = [need(1, required="ti:basic"), need(2)]
    assert _need_ids(rank_opportunities(volunteer(1), needs, today=TODAY)) == [2]


def test_it_skips_needs_that_are_full_over_or_without_schedule():
    needs = [need(1, open_slots=0), need(2, schedule="2026-10-01 09:00-12:00"),
             need(3, schedule=None), need(4, lat=None), need(5)]  # fmt: skip
    assert _need_ids(rank_opportunities(volunteer(1), needs, today=TODAY)) == [5]


def test_it_returns_nothing_for_a_volunteer_without_location():
    assert rank_opportunities(volunteer(1, lat=None, lon=None), [need()], today=TODAY) == []


def test_it_caps_the_number_of_opportunities():
    needs = [need(i) for i in range(1, 6)]
    assert len(rank_opportunities(volunteer(1), needs, today=TODAY, limit=2)) == 2


def test_it_explains_an_opportunity_in_the_language_asked_as_the_candidate_ranking_does():
    person = volunteer(1, km=2.1, languages="ar:native; de:fluent", availability="tue 16:00-19:00")
    the_need = need(preferred="ar:fluent")
    for lang in ("de", "en", "uk"):
        opportunity = rank_opportunities(person, [the_need], today=TODAY, lang=lang)[0]
        candidate = rank_candidates(
            VolunteerPool([person]), the_need, today=TODAY, lang=lang
        ).results[0]
        assert opportunity.explanation == candidate.explanation
    assert opportunity.explanation.startswith("за 2,1 км")  # made in Ukrainian, when asked
