from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

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


# A need's number in a reversed URL, to be swapped for each card's (every card links to the
# same view: one reverse per list, not one per card).
_ANY_NEED = 2_147_483_647


@register.simple_tag
def opportunity_cards(items, limit: int) -> SafeString:
    """The first `limit` of a volunteer's opportunities as cards (`selectors.RankedNeed`).

    Written in Python, not as an included template: the opportunities page is the commonest
    page there is, and twenty included cards cost two thirds of its rendering
    (docs/performance.md). tests/web/matchmaking/test_opportunity_cards.py holds the card's
    template and compares the bytes.
    """
    offer = reverse("placements:offer", args=[_ANY_NEED])
    # Our catalogues' words go out as they are, as {% translate %} writes them.
    help_label, fit_label = gettext("I'd like to help"), gettext("fit")
    cards = []
    for item in items[:limit]:
        need, score = item.need, item.opportunity.score
        where = escape(need.facility or need.neighbourhood)
        url = escape(offer.replace(str(_ANY_NEED), str(need.pk)))
        shown = escape(percent(score))
        cards.append(
            f'<li class="card">\n  <h3>{escape(need.title)}</h3>\n'
            f'  <p class="muted">{where} · {escape(need.schedule_text)}</p>\n'
            f"  <p>{escape(item.text_for_volunteer)}</p>\n"
            f'  <p><a class="button" href="{url}">{help_label}</a></p>\n'
            f'  <p>{fit_label}: <meter min="0" max="1" value="{score:.3f}">{shown}</meter> '
            f"{shown}</p>\n</li>\n"
        )
    return mark_safe("".join(cards))  # noqa: S308 - every part escaped or ours


@register.simple_tag
def candidate_rows(rows, need, user) -> SafeString:
    """The candidates table's rows (`glance.sorted_candidates`), with each one's components.

    Written in Python like the opportunity cards: twenty rows with an included components
    list each were half of the candidates page's cost (docs/performance.md).
    tests/web/matchmaking/test_candidate_rows.py holds the rows' template and compares the
    bytes."""
    from ..selectors import engine_lang

    lang, details = engine_lang(), gettext("Details")
    propose = escape(reverse("placements:propose")) if user.role == "social_worker" else ""
    out = []
    for item in rows:
        volunteer, candidate = item.volunteer, item.candidate
        name = escape(volunteer.display_name)
        link = ""
        if propose:
            words = gettext("Propose %(name)s") % {"name": name}
            link = (
                f'<br><a href="{propose}?need={need.pk}&amp;volunteer={volunteer.pk}">{words}</a>'
            )
        reasons = " · ".join(escape(r.text(lang)) for r in deciding(candidate.reasons))
        shown = percent(candidate.score)
        out.append(
            f'\n    <tr>\n      <th scope="row">{name}\n        {link}</th>\n'
            f"      <td>{km_distance(candidate.distance_km)}</td>\n"
            f"      <td>{reasons}\n        <details><summary>{details}</summary>\n"
            f"          <p>{escape(candidate.explanation)}</p>\n"
            f"          {components_list(candidate.components)}\n        </details></td>\n"
            f'      <td><meter min="0" max="1" value="{float(candidate.score):.3f}">{shown}'
            f"</meter> {shown}</td>\n    </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every part escaped or ours


@register.simple_tag
def components_list(components: dict | None) -> SafeString:
    """A pair's score components as a definition list, each with its meter: in the
    candidates table's rows and in “Why not this person?”. One writer for both;
    tests/web/matchmaking/test_candidate_rows.py holds the template it replaced and compares
    the bytes."""
    items = "".join(
        f"\n    <dt>{escape(_component_label(name))}</dt>\n"
        f'    <dd><meter min="0" max="1" value="{float(value):.3f}">{percent(value)}</meter> '
        f"<span>{percent(value)}</span></dd>\n  "
        for name, value in (components or {}).items()
    )
    return mark_safe(f'\n<dl class="components">\n  {items}\n</dl>\n')  # noqa: S308 - escaped


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
