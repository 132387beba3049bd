"""The form renderer: Django's own form and widget templates through Jinja2, every other form
template (the admin's widgets) through the Django template engine.

Rendering a form is mostly rendering its widgets' small templates; Jinja2 compiles them to
Python and renders the profile form in half the CPU (64 → 31 ms, docs/performance.md). The
HTML is the same: Django ships both versions of each template.

The widgets a page shows most (inputs, selects and their options, check boxes, text areas) and
the field labels come from our own copies in widget_templates/, the same markup without the
`include`s: Django's templates include attrs.html for every widget and label and an option
template for every option, and each include costs a new template context (the profile form:
680 renders, 129 with these). Their attributes are written by `html_attrs`, which does what
attrs.html does. tests/web/core/test_form_renderer.py
compares the HTML with the Django engine's for every form of ours.
"""

from functools import cached_property
from pathlib import Path

import django.forms
import jinja2
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from markupsafe import Markup

WIDGET_TEMPLATES = Path(__file__).parent / "widget_templates"
DJANGO_FORM_TEMPLATES = Path(django.forms.__file__).parent / "jinja2"
# Option templates multiple_input.html writes inline (both include input_option.html).
INLINE_OPTIONS = (
    "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/input_option.html",
)
# An error list with no error renders as nothing (its templates start with `if errors`): a form
# asks for one per field whether or not it has errors (36 of the profile form's 680 renders).
ERROR_LISTS = frozenset({
    "django/forms/errors/list/default.html", "django/forms/errors/list/ul.html",
    "django/forms/errors/list/text.txt", "django/forms/errors/dict/default.html",
    "django/forms/errors/dict/ul.html", "django/forms/errors/dict/text.txt",
})  # fmt: skip


def html_attrs(attrs: dict) -> Markup:
    """What django/forms/widgets/attrs.html writes: ` name="value"`, ` name` for True, nothing
    for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        shape = Markup(" {}") if value is True else Markup(' {}="{}"')
        parts.append(shape.format(name, value))  # format() escapes what it is given
    return Markup("").join(parts)


def environment(**options) -> jinja2.Environment:
    options.pop("autoescape", None)  # Django's backend passes True; forms always escape
    env = jinja2.Environment(autoescape=True, **options)
    env.filters["html_attrs"] = html_attrs
    env.globals["inline_options"] = INLINE_OPTIONS
    return env


class FormRenderer(Jinja2):
    @cached_property
    def engine(self):
        return self.backend({
            "APP_DIRS": False,
            "DIRS": [WIDGET_TEMPLATES, DJANGO_FORM_TEMPLATES],
            "NAME": "djangoforms",
            "OPTIONS": {"environment": "lotse.core.renderers.environment"},
        })  # fmt: skip

    def render(self, template_name, context, request=None):
        if template_name in ERROR_LISTS and not context.get("errors"):
            return ""
        return super().render(template_name, context, request=request)

    @cached_property
    def _fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._fallback.get_template(template_name)
