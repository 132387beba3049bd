from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "distance": _("distance"),
    "skills": _("skills"),
    "languages": _("languages"),
    "availability": _("availability"),
    "workload": _("workload fairness"),
    "continuity": _("continuity"),
}


@register.simple_tag
def component_label(name: str) -> str:
    return LABELS.get(name, name)


@register.filter
def percent(value) -> str:
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return "–"


@register.inclusion_tag("matchmaking/_open_suggestions.html", takes_context=True)
def open_suggestions(context):
    from ..selectors import open_suggestions_for

    return {"suggestions": open_suggestions_for(context["request"].user)}
