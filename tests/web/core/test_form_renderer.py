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


def _every_form_class():
    """Every form class of our apps."""
    import importlib
    import inspect

    from django import forms

    for app in ("accounts", "imports", "matchmaking", "needs", "placements", "privacy",
                "reminders", "safeguarding", "volunteers"):  # fmt: skip
        module = importlib.import_module(f"lotse.{app}.forms")
        for cls in vars(module).values():
            if (inspect.isclass(cls) and issubclass(cls, forms.BaseForm)
                    and cls.__module__ == module.__name__):  # fmt: skip
                yield cls


def test_every_form_of_ours_renders_the_same_html_through_our_widget_templates():
    """Our widget templates (lotse/core/widget_templates) write Django's markup, byte for byte
    once whitespace between tags is set aside; empty and bound to nothing (errors shown)."""
    compared = []
    for form_class in _every_form_class():
        for data in (None, {}):
            try:
                jinja = form_class(data=data, renderer=FormRenderer())
                django = form_class(data=data, renderer=DjangoTemplates())
            except TypeError:
                break  # needs the request's user or an instance: the pages' tests render it
            for name in jinja.fields:
                html = _same(jinja[name].as_field_group())
                assert html == _same(django[name].as_field_group()), (form_class, name)
                compared.append(html)
    widgets = " ".join(compared)
    assert len(compared) > 60
    for markup in ("<select", "<option", "<textarea", 'type="checkbox"', 'type="radio"'):
        assert markup in widgets, markup  # every template of ours was compared


def test_the_widgets_come_from_our_templates_and_write_attributes_as_django_does():
    from markupsafe import Markup

    from lotse.core.renderers import html_attrs

    template = FormRenderer().get_template("django/forms/widgets/select.html")
    assert "widget_templates" in template.template.filename
    attrs = {"id": "x", "required": True, "disabled": False, "title": '"<&>', "max": 5}
    assert html_attrs(attrs) == Markup(' id="x" required title="&#34;&lt;&amp;&gt;" max="5"')
