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


@register.inclusion_tag("matchmaking/_candidates_preview.html", takes_context=True)
def candidates_preview(context, need, limit: int = 5):
    """The best few candidates on a need's page, for those allowed to see persons."""
    from ..selectors import can_see_candidates, candidates_for_need

    user = context["request"].user
    if not can_see_candidates(user, need):
        return {"allowed": False}
    ranked = candidates_for_need(user=user, need=need, limit=limit)
    return {"allowed": True, "ranked": ranked, "need": need, "user": user}
