"""Lotse's matching engine: pure Python (numpy, scipy, scikit-learn, geopy), no Django.

It scores every volunteer-need pair by distance and fit, explains the score, learns weights
from social workers' decisions and suggests a global assignment. See docs/matching.md.
"""

from matching.assign import (
    AssignmentResult,
    CandidateGraph,
    Suggestion,
    assign_globally,
    candidate_graph,
    greedy_assign,
)
from matching.codes import (
    KNOWN_LANGUAGES,
    LEVELS,
    SKILLS,
    SKILLS_WITH_MINORS,
    format_languages,
    language_name,
    level_label,
    parse_languages,
    parse_skills,
    skill_label,
)
from matching.errors import NeedNotRankable, ParseError
from matching.geo import EARTH_RADIUS_KM, haversine_km
from matching.learn import FitResult, LabelledExample, fit_weights
from matching.messages import Reason
from matching.model import COMPONENTS, NeedSpec, VolunteerProfile, Weights
from matching.pool import VolunteerPool
from matching.rank import (
    MAX_LIMIT,
    Candidate,
    Exclusion,
    Opportunity,
    RankResult,
    rank_candidates,
    rank_opportunities,
)
from matching.timeslots import (
    DAYS,
    Schedule,
    Slot,
    WeeklyAvailability,
    format_availability,
    format_schedule,
    parse_availability,
    parse_schedule,
)

__all__ = [
    "AssignmentResult", "COMPONENTS", "Candidate", "CandidateGraph", "DAYS", "EARTH_RADIUS_KM",
    "Exclusion", "FitResult", "KNOWN_LANGUAGES", "LEVELS", "LabelledExample", "MAX_LIMIT",
    "NeedNotRankable", "NeedSpec", "Opportunity", "ParseError", "RankResult", "Reason", "SKILLS",
    "SKILLS_WITH_MINORS", "Schedule", "Slot", "Suggestion", "VolunteerPool", "VolunteerProfile",
    "WeeklyAvailability", "Weights", "assign_globally", "candidate_graph", "fit_weights",
    "format_availability", "format_languages", "format_schedule", "greedy_assign",
    "haversine_km", "language_name", "level_label", "parse_availability", "parse_languages",
    "parse_schedule", "parse_skills", "rank_candidates", "rank_opportunities", "skill_label",
]  # fmt: skip
