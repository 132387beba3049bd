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
attrs.html does. The commonest of them — labels, inputs, selects — are written in Python
(IN_PYTHON), and so is the field group around each (`as_field_group`): the same bytes
without a template render. tests/web/core/test_form_renderer.py
compares the HTML with the Django engine's for every form of ours, and the Python-written
widgets' bytes with their templates'.
"""

from functools import cached_property
from pathlib import Path

import django.forms
import jinja2
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from markupsafe import Markup, escape

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
    for False. (f-strings of escaped parts: Markup.format escapes the same way, slower.)"""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escape(name)}")
        elif value is not False:
            parts.append(f' {escape(name)}="{escape(value)}"')
    return Markup("".join(parts))  # noqa: S704 - every name and value escaped above


# The commonest of those templates once more, written in Python: a template render costs a
# context and a call frame per variable, and the profile form has ~100 of these (its labels,
# its seventeen language and seven day selects, its time inputs). Each writes exactly what its
# template writes (tests/web/core/test_form_renderer.py compares the bytes for every form of
# ours); WIDGETS_LIKE_INPUT are the templates whose text is input.html's (checked there too).
INPUT = "django/forms/widgets/input.html"
WIDGETS_LIKE_INPUT = tuple(f"django/forms/widgets/{name}.html" for name in (
    "input", "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
    "password", "search", "tel", "text", "time", "url",
))  # fmt: skip
SELECT_OPTION = "django/forms/widgets/select_option.html"


def _input(context) -> Markup:
    widget = context["widget"]
    value = widget["value"]
    value = "" if value is None else f' value="{escape(value)}"'
    return Markup(  # noqa: S704 - every part escaped
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{html_attrs(widget['attrs'])}>"
    )


def _label(context) -> Markup:
    if not context["use_tag"]:
        return escape(context["label"])
    attrs = html_attrs(context["attrs"]) if context["attrs"] else ""
    tag = escape(context["tag"])
    return Markup(f"<{tag}{attrs}>{escape(context['label'])}</{tag}>")  # noqa: S704 - escaped


def _select(context) -> Markup | None:
    """None when an option has a template of its own (then the template renders it)."""
    widget = context["widget"]
    parts = [f'<select name="{escape(widget["name"])}"{html_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None
            value, attrs = escape(option["value"]), html_attrs(option["attrs"])
            parts.append(f'\n  <option value="{value}"{attrs}>{escape(option["label"])}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return Markup("".join(parts))  # noqa: S704 - every part escaped


def _field_group(context) -> Markup:
    """Django's django/forms/field.html (`as_field_group`): label or legend, help text, errors
    and the widget, with the template's line breaks."""
    field = context["field"]
    if field.use_fieldset:
        described = field.aria_describedby
        aria = f' aria-describedby="{escape(described)}"' if described else ""
        legend = field.legend_tag() if field.label else ""
        head, tail = f"\n  <fieldset{aria}>\n  {legend}\n", "</fieldset>"
    else:
        head, tail = f"\n  {field.label_tag() if field.label else ''}\n", ""
    helptext = ""
    if field.help_text:
        named = f' id="{escape(field.auto_id)}_helptext"' if field.auto_id else ""
        helptext = f'<div class="helptext"{named}>{field.help_text}</div>'
    html = f"{head}\n{helptext}\n{escape(field.errors)}\n{escape(field)}\n{tail}"
    return Markup(html.strip())  # noqa: S704 - every part escaped or rendered markup; the
    # renderer strips what a template writes, so the same is stripped here


IN_PYTHON = {
    **dict.fromkeys(WIDGETS_LIKE_INPUT, _input),
    "django/forms/field.html": _field_group,
    "django/forms/label.html": _label,
    "django/forms/widgets/select.html": _select,
}


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

    in_python = True  # the fast paths above (tests switch them off to compare)

    def render(self, template_name, context, request=None):
        if template_name in ERROR_LISTS and not context.get("errors"):
            return ""
        if self.in_python and (write := IN_PYTHON.get(template_name)) is not None:
            html = write(context)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)

    @cached_property
    def _fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._fallback.get_template(template_name)
