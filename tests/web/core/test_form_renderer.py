"""Forms rendered through Jinja2 (lotse.core.renderers, issue 21) give the HTML the Django
template engine gives, and the admin's own widgets still render."""

import re

import pytest
from django.forms.renderers import DjangoTemplates

from lotse.core.renderers import FormRenderer
from lotse.volunteers.forms import AvailabilityForm, LanguagesForm, PlaceForm, SkillsForm

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "form markup; no date words"


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("form_class", [PlaceForm, SkillsForm, LanguagesForm, AvailabilityForm])
@pytest.mark.parametrize("data", [None, {"postcode": "x", "max_distance_km": "-1"}])
def test_a_form_renders_the_same_html_through_jinja2(form_class, data):
    jinja, django = (form_class(data=data, renderer=r) for r in (FormRenderer(), DjangoTemplates()))
    fields = list(jinja.fields)[:12]
    for name in fields:
        assert _same(jinja[name].as_field_group()) == _same(django[name].as_field_group())
    assert _same(str(jinja.non_field_errors())) == _same(str(django.non_field_errors()))


def test_the_renderer_uses_jinja2_for_django_s_form_templates():
    template = FormRenderer().get_template("django/forms/field.html")
    assert type(template).__module__ == "django.template.backends.jinja2"


def test_the_admin_s_widgets_fall_back_to_the_django_engine():
    template = FormRenderer().get_template("admin/widgets/foreign_key_raw_id.html")
    assert type(template).__module__ == "django.template.backends.django"
