"""The profile's form sections written in Python (issue 21).

`volunteers/_form_fields.html` was the profile edit page's largest cost after the widgets
themselves: a template loop over some fifty fields, each resolved through the template
engine's variable lookups. `form_fields` writes the same bytes (the template it replaced is
kept in tests/web/volunteers/test_form_fields.py, which compares them for every section of
the profile, empty, filled and with errors, in every language).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def form_fields(form) -> SafeString:
    """A form's fields: its weekly time slots as rows, its languages as a grid, or each
    visible field as a field group; errors of the whole form first."""
    out = ["\n"]
    errors = form.non_field_errors()
    if errors:
        out.append(f'<div role="alert">{conditional_escape(errors)}</div>')
    out.append("\n")
    slot_rows = getattr(form, "slot_rows", None)
    rows = slot_rows() if callable(slot_rows) else None
    if rows:
        out.append(
            f"\n<fieldset data-slot-rows>\n  <legend>{gettext('Weekly time slots')}</legend>\n"
            f'  <p class="helptext">'
            f"{gettext('When do you usually have time? Times go in steps of 15 minutes.')}"
            f"</p>\n  "
        )
        for n, row in enumerate(rows, start=1):
            cells = "".join(
                f"<div>{conditional_escape(field.label_tag())}"
                f"{conditional_escape(field.errors) if i == 0 else ''}"
                f"{conditional_escape(field)}</div>"
                for i, field in enumerate(row)
            )
            out.append(
                '\n  <fieldset class="slot-row" data-slot-row>\n'
                f"    <legend>{gettext('Time slot %(n)s') % {'n': n}}</legend>\n"
                f'    <div class="slot-fields">\n      {cells}\n    </div>\n  </fieldset>\n  '
            )
        out.append(
            '\n  <button type="button" class="button secondary" data-slot-add hidden>'
            f"{gettext('Add another time slot')}</button>\n</fieldset>\n"
        )
    out.append("\n")
    if getattr(form, "languages", None):
        groups = "".join(
            f"<div>{conditional_escape(field.as_field_group())}</div>" for field in form
        )
        out.append(
            f"\n<fieldset>\n  <legend>{gettext('How well do you speak each language?')}</legend>\n"
            f'  <div class="languages-grid">\n  {groups}\n  </div>\n</fieldset>\n'
        )
    else:
        groups = "".join(
            conditional_escape(field.as_field_group())
            for field in form.visible_fields()
            if field.name[:5] != "slot_"
        )
        out.append(f"\n{groups}\n")
    return mark_safe("".join(out))  # noqa: S308 - every part escaped, rendered or ours
