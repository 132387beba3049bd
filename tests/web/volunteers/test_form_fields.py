"""The profile's and the sign-up's form sections are written in Python (`form_fields`): the
same bytes as the template they replaced, which this test keeps, for every form that page
family shows — empty, filled and refused — in every language."""

import pytest
from django.template import engines
from django.utils import translation

from lotse.volunteers.forms import (
    PROFILE_SECTIONS,
    WIZARD_STEPS,
    CertificateInspectionForm,
    PauseForm,
)
from lotse.volunteers.templatetags.volunteer_forms import form_fields

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "form markup; no date words"

# volunteers/_form_fields.html as it was before it was written in Python.
OLD_TEMPLATE = """{% load i18n %}
{% if form.non_field_errors %}<div role="alert">{{ form.non_field_errors }}</div>{% endif %}
{% if form.slot_rows %}
<fieldset data-slot-rows>
  <legend>{% translate "Weekly time slots" %}</legend>
  <p class="helptext">{% translate "When do you usually have time? Times go in steps of 15 minutes." %}</p>
  {% for row in form.slot_rows %}
  <fieldset class="slot-row" data-slot-row>
    <legend>{% blocktranslate with n=forloop.counter %}Time slot {{ n }}{% endblocktranslate %}</legend>
    <div class="slot-fields">
      {% for field in row %}<div>{{ field.label_tag }}{% if forloop.first %}{{ field.errors }}{% endif %}{{ field }}</div>{% endfor %}
    </div>
  </fieldset>
  {% endfor %}
  <button type="button" class="button secondary" data-slot-add hidden>{% translate "Add another time slot" %}</button>
</fieldset>
{% endif %}
{% if form.languages %}
<fieldset>
  <legend>{% translate "How well do you speak each language?" %}</legend>
  <div class="languages-grid">
  {% for field in form %}<div>{{ field.as_field_group }}</div>{% endfor %}
  </div>
</fieldset>
{% else %}
{% for field in form.visible_fields %}{% if field.name|slice:":5" != "slot_" %}{{ field.as_field_group }}{% endif %}{% endfor %}
{% endif %}
"""  # noqa: E501

PROFILE = {
    "display_name": 'Amal <b>"A"</b>', "phone": "0251 123", "postcode": "48143",
    "street": "Königsstr. 1 & 2", "max_distance_km": 7.5, "skills": ["tutoring"],
    "languages": {"de": 3, "ar": 5}, "availability": "mon 09:00-12:00; wed 16:00-18:30",
    "max_hours_per_month": 12, "motivation": "Ich <helfe> gern & oft.",
}  # fmt: skip
REFUSED = {
    "postcode": "x", "max_distance_km": "-1", "phone": "<script>", "slot_0_day": "mon",
    "slot_0_start": "12:00", "slot_0_end": "09:00", "slot_4_day": "xyz",
    "available_from": "2030-02-01", "available_until": "2030-01-01", "skills": ["no-such"],
}  # fmt: skip


def _forms():
    classes = {cls for _name, cls in PROFILE_SECTIONS + WIZARD_STEPS}
    for cls in sorted(classes, key=lambda c: c.__name__):
        initial = cls.initial_for(PROFILE) if hasattr(cls, "initial_for") else None
        yield cls(prefix="p", initial=initial)
        yield cls(REFUSED)
        yield cls({})
    for cls in (CertificateInspectionForm, PauseForm):
        yield cls()
        yield cls({"certificate_date": "bad", "paused_until": "31.02."})


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
def test_the_sections_are_the_templates_bytes(lang):
    old = engines["django"].from_string(OLD_TEMPLATE)
    seen = []
    with translation.override(lang):
        for form in _forms():
            expected = old.render({"form": form})
            written = form_fields(form)  # the file's last line break is the include's
            assert written + "\n" == expected, type(form).__name__
            seen.append(written)
    html = "".join(seen)
    for markup in ('role="alert"', "data-slot-rows", 'class="languages-grid"', "errorlist",
                   "<select", 'type="checkbox"', 'type="radio"', "&lt;helfe&gt;"):  # fmt: skip
        assert markup in html, markup  # every branch of the template was compared


def test_the_include_writes_the_tag():
    form = PROFILE_SECTIONS[3][1]()
    included = (
        engines["django"]
        .from_string('{% include "volunteers/_form_fields.html" %}')
        .render({"form": form})
    )
    assert included == form_fields(form) + "\n"
