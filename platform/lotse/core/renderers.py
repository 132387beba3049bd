"""The form renderer: Django's own form and widget templates through Jinja2, every other form
template (the admin's widgets) through the Django template engine.

Rendering a form is mostly rendering its widgets' small templates; Jinja2 compiles them to
Python and renders the profile form in half the CPU (64 → 31 ms, docs/performance.md). The
HTML is the same: Django ships both versions of each template.
"""

from functools import cached_property

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(Jinja2):
    @cached_property
    def _fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._fallback.get_template(template_name)
