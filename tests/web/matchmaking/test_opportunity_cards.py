"""The opportunity cards are written in Python (`opportunity_cards`): the same bytes as the
card's template, which this test keeps, in every language, with whatever a title holds."""

import pytest
from django.template import engines
from django.utils import translation

from lotse.matchmaking.selectors import RankedNeed
from lotse.matchmaking.templatetags.matchmaking import opportunity_cards
from lotse.needs.models import Need
from lotse.places.models import District, Facility, Neighbourhood
from matching.messages import Reason
from matching.opportunities import Opportunity

# The card as a template, as it was before it was written in Python.
CARD_TEMPLATE = """{% load i18n matchmaking %}{% for item in items|slice:limit %}<li class="card">
  <h3>{{ item.need.title }}</h3>
  <p class="muted">{{ item.need.facility|default:item.need.neighbourhood }} · {{ item.need.schedule_text }}</p>
  <p>{{ item.text_for_volunteer }}</p>
  <p><a class="button" href="{% url 'placements:offer' item.need.pk %}">{% translate "I'd like to help" %}</a></p>
  <p>{% translate "fit" %}: <meter min="0" max="1" value="{{ item.opportunity.score|stringformat:'.3f' }}">{{ item.opportunity.score|percent }}</meter> {{ item.opportunity.score|percent }}</p>
</li>
{% endfor %}"""  # noqa: E501


def _items() -> list[RankedNeed]:
    district = District(name="Mitte & <Süd>")
    neighbourhood = Neighbourhood(name="Kreuzviertel", district=district)
    facility = Facility(name='Haus "Am Kanal" <1>')
    needs = [
        Need(pk=7, title="Hausaufgaben <script>alert(1)</script> & mehr", facility=facility,
             neighbourhood=neighbourhood, schedule="weekly tue 16:00-18:00"),
        Need(pk=2_147_483_646, title="Stadtteilcafé", neighbourhood=neighbourhood,
             schedule="once 2027-03-05 10:00-12:00"),
        Need(pk=12, title="Kaputter Zeitplan", neighbourhood=neighbourhood, schedule="kaputt"),
    ]  # fmt: skip
    reasons = [
        Reason("distance", {"km": 1.25}),
        Reason("speaks", {"language": "ar", "level": 3}),
        Reason("lacks_skill", {"skill": "repair_cafe"}),
    ]
    scores = [0.8765, 0.0, 1.0]
    return [
        RankedNeed(need, Opportunity(need.pk, score, 1.25, {}, reasons[:n]))
        for n, (need, score) in enumerate(zip(needs, scores, strict=True))
    ]


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
@pytest.mark.parametrize("limit", [0, 2, 20])
def test_the_cards_are_the_templates_bytes(lang, limit):
    items = _items()
    with translation.override(lang):
        expected = (
            engines["django"]
            .from_string(CARD_TEMPLATE)
            .render({"items": items, "limit": f":{limit}"})
        )
        written = opportunity_cards(items, limit)
    assert written == expected
    assert written.count('<li class="card">') == min(limit, len(items))


def test_a_title_is_text_never_markup():
    written = opportunity_cards(_items(), 20)
    assert "<script>" not in written
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in written
    assert "Haus &quot;Am Kanal&quot; &lt;1&gt;" in written
    assert "Kreuzviertel (Mitte &amp; &lt;Süd&gt;)" in written  # no facility: the neighbourhood
    assert 'href="/placements/offer/2147483646/"' in written  # every card its own need
    assert 'href="/placements/offer/7/"' in written
