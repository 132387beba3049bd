"""Reasons for one volunteer and one need, in words a social worker uses."""

from datetime import date

from matching.bits import day_runs, words_to_int
from matching.context import LanguageAsk, NeedContext, ReasonContext
from matching.messages import Reason
from matching.pool import NO_DAY, VolunteerPool
from matching.rules import is_busy_at

MAX_LANGUAGE_REASONS = 3

# What the reasons of a pair read about its need: all of it, or only the reasons' part.
AboutNeed = NeedContext | ReasonContext


def candidate_reasons(
    pool: VolunteerPool, row: int, ctx: AboutNeed, km: float, continuity: bool
) -> list[Reason]:
    reasons = [Reason("distance", {"km": km})]
    reasons += _language_reasons(pool, row, ctx)
    reasons += _time_reasons(pool, row, ctx)
    reasons += _workload_reasons(pool, row)
    reasons += _skill_reasons(pool, row, ctx)
    if continuity:
        reasons.append(Reason("continuity"))
    if ctx.need.requires_certificate:
        valid_until = date.fromordinal(int(pool.certificate_until[row]))
        reasons.append(Reason("certificate_valid", {"date": valid_until}))
    return reasons


def _level(pool: VolunteerPool, row: int, ask: LanguageAsk) -> int:
    return 0 if ask.column is None else int(pool.language_levels[ask.column, row])


def _language_reasons(pool: VolunteerPool, row: int, ctx: AboutNeed) -> list[Reason]:
    reasons = []
    for ask in ctx.required:
        # A required language not spoken well enough is a rule broken, said by the exclusion
        # ("spricht kein Tigrinya (nötig: fließend)"); here it would read "spricht Tigrinya (0)".
        if (spoken := _level(pool, row, ask)) >= ask.level:
            reasons.append(Reason("speaks", {"language": ask.code, "level": spoken}))
    required_codes = {ask.code for ask in ctx.required}
    for ask in ctx.preferred:
        if ask.code not in required_codes:
            reasons.append(_preferred_reason(ask, _level(pool, row, ask)))
    return reasons[:MAX_LANGUAGE_REASONS]


def _preferred_reason(ask: LanguageAsk, spoken: int) -> Reason:
    if spoken >= ask.level:
        return Reason("speaks", {"language": ask.code, "level": spoken})
    if spoken:
        return Reason(
            "preferred_language_low", {"language": ask.code, "spoken": spoken, "level": ask.level}
        )
    return Reason("preferred_language_missing", {"language": ask.code})


def _time_reasons(pool: VolunteerPool, row: int, ctx: AboutNeed) -> list[Reason]:
    schedule = ctx.need.schedule
    start, end = schedule.start_minute, schedule.end_minute
    week = words_to_int(pool.availability[:, row])
    runs = [(a, b) for a, b in day_runs(week, schedule.weekday) if a < end and start < b]
    if not runs:  # free at none of it: a rule broken, said by the exclusion ("nicht frei")
        return []
    covered = sum(min(b, end) - max(a, start) for a, b in runs)
    if covered >= end - start:
        return [Reason("free_at", {"day": schedule.weekday, "times": runs})]
    params = {"day": schedule.weekday, "times": runs, "need_times": [(start, end)]}
    return [Reason("partly_free", params)]


def _workload_reasons(pool: VolunteerPool, row: int) -> list[Reason]:
    hours, placements = float(pool.hours[row]), int(pool.placements[row])
    if hours <= 0 and placements <= 0:
        return [Reason("no_placement_yet")]
    reasons = []
    if hours > 0:
        reasons.append(Reason("hours_this_month", {"hours": hours}))
    if placements > 0:
        reasons.append(Reason("placements_so_far", {"count": placements}))
    return reasons


def _skill_reasons(pool: VolunteerPool, row: int, ctx: AboutNeed) -> list[Reason]:
    main = ctx.need.main_skill
    if main is None:
        return []
    has_main = bool(pool.skill_bits[row] & ctx.main_bit)
    return [Reason("offers_skill" if has_main else "lacks_skill", {"skill": main})]


def exclusion_reasons(
    pool: VolunteerPool, row: int, ctx: NeedContext, km: float, failed: list[str]
) -> list[Reason]:
    """Reasons for the rules a volunteer fails, in the order of rules.RULES."""
    reasons: list[Reason] = []
    for rule in failed:
        reasons += _RULE_REASONS[rule](pool, row, ctx, km)
    if not failed and is_busy_at(pool, int(pool.ids[row]), ctx):
        reasons.append(Reason("busy"))
    return reasons


def _too_far(pool, row, ctx, km) -> list[Reason]:
    return [Reason("too_far", {"km": km, "radius_km": float(pool.radius_km[row])})]


def _outside_need_radius(pool, row, ctx, km) -> list[Reason]:
    return [Reason("outside_need_radius", {"km": km, "radius_km": float(ctx.radius_km)})]


def _missing_language(pool, row, ctx, km) -> list[Reason]:
    reasons = []
    for ask in ctx.required:
        spoken = _level(pool, row, ask)
        if spoken == 0:
            reasons.append(Reason("missing_language", {"language": ask.code, "level": ask.level}))
        elif spoken < ask.level:
            params = {"language": ask.code, "spoken": spoken, "level": ask.level}
            reasons.append(Reason("language_too_low", params))
    return reasons


def _certificate(pool, row, ctx, km) -> list[Reason]:
    valid_until = int(pool.certificate_until[row])
    if valid_until == NO_DAY:
        return [Reason("certificate_missing")]
    return [Reason("certificate_expired", {"date": date.fromordinal(valid_until)})]


def _no_time(pool, row, ctx, km) -> list[Reason]:
    schedule = ctx.need.schedule
    times = [(schedule.start_minute, schedule.end_minute)]
    if schedule.is_one_off:
        return [Reason("no_time_on", {"date": schedule.date, "times": times})]
    return [Reason("no_time", {"day": schedule.weekday, "times": times})]


def _dated(code: str, column: str):
    def reason(pool, row, ctx, km) -> list[Reason]:
        return [Reason(code, {"date": date.fromordinal(int(getattr(pool, column)[row]))})]

    return reason


def _hours_exhausted(pool, row, ctx, km) -> list[Reason]:
    params = {"hours": float(pool.hours[row]), "max_hours": float(pool.max_hours[row])}
    return [Reason("hours_exhausted", params)]


_RULE_REASONS = {
    "too_far": _too_far,
    "outside_need_radius": _outside_need_radius,
    "missing_language": _missing_language,
    "certificate": _certificate,
    "no_time": _no_time,
    "paused": _dated("paused", "paused_until"),
    "no_longer_available": _dated("no_longer_available", "available_until"),
    "hours_exhausted": _hours_exhausted,
    "already_placed": lambda pool, row, ctx, km: [Reason("already_placed")],
}
