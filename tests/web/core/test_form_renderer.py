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


def test_the_widgets_written_in_python_give_their_templates_bytes():
    """Labels, inputs and selects are written in Python (issue 21): byte for byte what our
    templates write, for every field of every form of ours, empty and with errors."""
    from lotse.core import renderers

    slow = FormRenderer()
    slow.in_python = False
    compared = []
    for form_class in _every_form_class():
        for data in (None, {}):
            try:
                fast_form = form_class(data=data, renderer=FormRenderer())
                slow_form = form_class(data=data, renderer=slow)
            except TypeError:
                break
            for name in fast_form.fields:
                html = fast_form[name].as_field_group()
                assert html == slow_form[name].as_field_group(), (form_class, name)
                compared.append(html)
    widgets = " ".join(compared)
    for markup in ("<select", "<option", "<label", 'type="text"', 'type="number"', " value=",
                   "<fieldset aria-describedby=", "<legend", 'class="helptext"', "errorlist"):
        assert markup in widgets, markup  # the field groups' every branch was compared
    folder = renderers.WIDGET_TEMPLATES
    input_html = (folder / renderers.INPUT).read_text()
    for name in renderers.WIDGETS_LIKE_INPUT:
        assert (folder / name).read_text() == input_html, name


def test_a_select_with_groups_and_an_option_of_its_own_template_is_written_as_django_does():
    from django import forms

    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Grouped(forms.Form):
        pick = forms.ChoiceField(choices=[("", "—"), ("Nord", [("a", "A & B"), ("b", "<b>")])])

    class Odd(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=OwnOption)

    slow = FormRenderer()
    slow.in_python = False
    for form_class in (Grouped, Odd):
        renderers = (FormRenderer(), slow, DjangoTemplates())
        fast, reference, django = (form_class(data={"pick": "b"}, renderer=r) for r in renderers)
        assert str(fast["pick"]) == str(reference["pick"])
        assert _same(str(fast["pick"])) == _same(str(django["pick"]))
    assert "&lt;b&gt;" in str(Grouped(renderer=FormRenderer())["pick"])
