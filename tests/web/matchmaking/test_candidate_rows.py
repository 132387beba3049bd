"""The candidates table's rows are written in Python (`candidate_rows`): the same bytes as the
rows' template, which this test keeps, in every language, for those who may propose and those
who may not, with whatever a name or an explanation holds. So are a pair's score components
(`components_list`, also in "Why not this person?"), against the `_components.html` they
replaced."""

import pytest
from django.template import engines
from django.utils import translation

from lotse.accounts.models import User
from lotse.matchmaking.selectors import RankedVolunteer
from lotse.matchmaking.templatetags.matchmaking import candidate_rows, components_list
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer
from matching.messages import Reason
from matching.rank import Candidate

DATE_INDEPENDENT = "renders given rows; no date is compared"

# A pair's components as a template (matchmaking/_components.html), as they were before they
# were written in Python.
COMPONENTS_TEMPLATE = """{% load i18n matchmaking %}
<dl class="components">
  {% for name, value in components.items %}
    <dt>{% component_label name %}</dt>
    <dd><meter min="0" max="1" value="{{ value|stringformat:'.3f' }}">{{ value|percent }}</meter> <span>{{ value|percent }}</span></dd>
  {% endfor %}
</dl>
"""  # noqa: E501

# The rows as a template, as they were before they were written in Python.
ROWS_TEMPLATE = """{% load i18n matchmaking %}{% for item in rows %}
    <tr>
      <th scope="row">{{ item.volunteer.display_name }}
        {% if user.role == "social_worker" %}<br><a href="{% url 'placements:propose' %}?need={{ need.pk }}&amp;volunteer={{ item.volunteer.pk }}">{% blocktranslate with name=item.volunteer.display_name %}Propose {{ name }}{% endblocktranslate %}</a>{% endif %}</th>
      <td>{{ item.candidate.distance_km|km_distance }}</td>
      <td>{{ item.candidate.reasons|deciding|reason_texts|join:" · " }}
        <details><summary>{% translate "Details" %}</summary>
          <p>{{ item.candidate.explanation }}</p>
          {% include components_template with components=item.candidate.components %}
        </details></td>
      <td><meter min="0" max="1" value="{{ item.candidate.score|stringformat:'.3f' }}">{{ item.candidate.score|percent }}</meter> {{ item.candidate.score|percent }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _components():
    return engines["django"].from_string(COMPONENTS_TEMPLATE)


COMPONENTS = [
    {"distance": 0.8765, "skills": 1, "languages": 0.0, "availability": 0.5},
    {"distance": 1.0, "a_newer_engine's <part>": 0.25},
    {},
]


def _rows() -> list[RankedVolunteer]:
    people = [
        User(first_name="<b>Amal</b>", last_name="O'Neil & Co", email="a@example.org"),
        User(first_name="", last_name="", email="ohne.name@example.org"),
        User(first_name="Jörg", last_name="", email="j@example.org"),
    ]
    reasons = [
        Reason("distance", {"km": 1.25}),
        Reason("speaks", {"language": "ar", "level": 3}),
        Reason("lacks_skill", {"skill": "repair_cafe"}),
        Reason("free_at", {"day": 1, "times": [(960, 1080)]}),
        Reason("continuity", {}),
    ]
    components = COMPONENTS
    explanations = ['Spricht Arabisch · 1,3 km · "nah" <dran> & gut', "—", ""]
    scores = [0.8765, 0.0, 1]
    return [
        RankedVolunteer(
            Volunteer(pk=pk, user=user),
            Candidate(pk, score, km, parts, reasons[:n], text),
        )
        for pk, n, user, score, km, parts, text in zip(
            (7, 2_147_483_646, 12), (5, 1, 0), people, scores, (1.25, 0.04, 12.0),
            components, explanations, strict=True,
        )
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
@pytest.mark.parametrize("role", ["social_worker", "admin", "coordinator"])
def test_the_rows_are_the_templates_bytes(lang, role):
    rows, need, user = _rows(), Need(pk=31), User(role=role)
    context = {"rows": rows, "need": need, "user": user, "components_template": _components()}
    with translation.override(lang):
        expected = engines["django"].from_string(ROWS_TEMPLATE).render(context)
        written = candidate_rows(rows, need, user)
    assert written == expected
    assert written.count("<tr>") == 3
    assert ("volunteer=7" in written) == (role == "social_worker")


def test_a_name_or_an_explanation_is_text_never_markup():
    written = candidate_rows(_rows(), Need(pk=31), User(role="social_worker"))
    assert "<b>" not in written and "<dran>" not in written and "<part>" not in written
    assert "&lt;b&gt;Amal&lt;/b&gt; O." in written
    assert "&quot;nah&quot; &lt;dran&gt; &amp; gut" in written
    assert 'href="/placements/propose/?need=31&amp;volunteer=2147483646"' in written


def test_no_rows_write_nothing():
    assert candidate_rows([], Need(pk=31), User(role="social_worker")) == ""


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
@pytest.mark.parametrize("components", COMPONENTS, ids=["engine", "unknown key", "none"])
def test_the_components_are_the_templates_bytes(lang, components):
    with translation.override(lang):
        expected = _components().render({"components": components})
        written = components_list(components)
    assert written == expected
    assert written.count("<dt>") == len(components)
    assert "<part>" not in written


def test_why_not_writes_the_components_through_the_tag():
    template = engines["django"].get_template("matchmaking/_why_not.html")
    why = type("Why", (), {})()
    why.volunteer = Volunteer(pk=5, user=User(first_name="Amal", last_name="O."))
    why.eligible, why.score, why.distance_km, why.reasons = True, 0.5, 1.0, []
    why.components = COMPONENTS[0]
    with translation.override("de"):
        page = template.render({"askable": [], "why": why, "sort": ""})
    assert components_list(COMPONENTS[0]) in page
    assert page.count('<dl class="components">') == 1
