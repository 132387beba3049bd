from django import template

from lotse.core.words import component_label as _component_label

register = template.Library()


@register.simple_tag
def component_label(name: str) -> str:
    return _component_label(name)


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
