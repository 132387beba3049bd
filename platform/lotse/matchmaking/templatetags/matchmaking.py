from django import template
from django.utils import formats
from django.utils.translation import ngettext

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


# One sentence per group of reasons (reach.RULE_GROUPS), spoken to the volunteer.
BLOCKER_SENTENCES = {
    "too_far": (
        "%(count)s need is further away than %(km)s km.",
        "%(count)s needs are further away than %(km)s km.",
    ),
    "need_radius": (
        "%(count)s need looks for people who live closer.",
        "%(count)s needs look for people who live closer.",
    ),
    "language": (
        "%(count)s need asks for a language you have not listed at that level.",
        "%(count)s needs ask for a language you have not listed at that level.",
    ),
    "certificate": (
        "%(count)s need asks for an extended certificate of conduct that we do not have "
        "(or no longer valid) from you.",
        "%(count)s needs ask for an extended certificate of conduct that we do not have "
        "(or no longer valid) from you.",
    ),
    "no_time": (
        "%(count)s need is at a time you have not marked as free.",
        "%(count)s needs are at times you have not marked as free.",
    ),
    "busy": (
        "%(count)s need is at the same time as one of your placements.",
        "%(count)s needs are at the same time as one of your placements.",
    ),
    "paused": (
        "You have paused: %(count)s need waits until you are back.",
        "You have paused: %(count)s needs wait until you are back.",
    ),
    "no_longer_available": (
        "%(count)s need starts after the date until which you are available.",
        "%(count)s needs start after the date until which you are available.",
    ),
    "hours_exhausted": (
        "Your monthly hours are used up, which rules out %(count)s need.",
        "Your monthly hours are used up, which rules out %(count)s needs.",
    ),
    "no_location": (
        "Without your postcode we cannot tell how far %(count)s need is.",
        "Without your postcode we cannot tell how far %(count)s needs are.",
    ),
}


@register.simple_tag
def blocker_sentence(group: str, count: int, radius_km) -> str:
    """“4 Einsätze sind weiter als 2 km entfernt.” for one group of reach.RULE_GROUPS."""
    singular, plural = BLOCKER_SENTENCES.get(group, ("", ""))
    if not singular:
        return ""
    return ngettext(singular, plural, count) % {"count": count, "km": km_words(radius_km)}


@register.filter
def km_words(value) -> str:
    """A radius as people write it: “2”, “2,5” (German), “2.5” (English)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return formats.number_format(number, 0 if number == int(number) else 1)


@register.filter
def km_distance(value) -> str:
    """A distance with one decimal and its unit: “5,0 km” (German), “5.0 km” (English)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    return f"{formats.number_format(number, 1)}\u00a0km"


@register.filter
def reason_texts(reasons) -> list[str]:
    """The engine's reasons in the active language."""
    from ..selectors import engine_lang

    lang = engine_lang()
    return [reason.text(lang) for reason in reasons]


@register.filter
def deciding(reasons):
    from ..glance import deciding_reasons

    return deciding_reasons(reasons)
