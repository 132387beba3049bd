"""Reads of the privacy app: a volunteer's consents, what the privacy page states, what a
withdrawal would change."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.placements.models import Placement, State

from .models import Consent
from .services import live_placements


# ---------------------------------------------------------------------------
# Consents
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsentState:
    kind: str
    label: str
    current_version: str
    standing: Consent | None  # the consent in force, if any

    @property
    def is_current(self) -> bool:
        return self.standing is not None and self.standing.version == self.current_version


def consent_states(user: User, history: Sequence[Consent] | None = None) -> list[ConsentState]:
    """Each kind with its label, the version in force and the standing consent; from the
    user's `history` (consent_history) when the caller has read it already."""
    if history is None:
        rows = Consent.objects.filter(user=user, withdrawn_at__isnull=True).order_by("given_at")
    else:
        rows = sorted((c for c in history if c.withdrawn_at is None), key=lambda c: c.given_at)
    standing = {c.kind: c for c in rows}
    return [
        ConsentState(kind, label, Consent.current_version(kind), standing.get(kind))
        for kind, label in Consent.Kind.choices
    ]


def consent_history(user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("-given_at")


def code_of_conduct_standing() -> QuerySet[Consent]:
    return Consent.objects.filter(kind=Consent.Kind.CODE_OF_CONDUCT, withdrawn_at__isnull=True)


def privacy_withdrawn() -> Exists:
    """On volunteer rows: withdrew their consent and gave none since — we stop showing them to
    anyone."""
    privacy = Consent.objects.filter(user=OuterRef("user"), kind=Consent.Kind.PRIVACY)
    standing = privacy.filter(withdrawn_at__isnull=True)
    withdrawn = privacy.filter(withdrawn_at__isnull=False)
    return Exists(withdrawn) & ~Exists(standing)


# ---------------------------------------------------------------------------
# The privacy page
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    what: str
    how_long: str


def retention_periods() -> list[Period]:
    """Each retention rule with its period from settings, as the privacy page states it."""
    s = settings
    return [
        Period(
            _("Accounts of volunteers who are not active (no login, no placement, no hours)"),
            _("reminded after %(months)s months, anonymised %(days)s days later")
            % {"months": s.LOTSE_INACTIVE_MONTHS, "days": s.LOTSE_INACTIVE_GRACE_DAYS},
        ),
        Period(
            _("Personal details on proposals that never became a placement"),
            _("%(months)s months after the proposal was closed")
            % {"months": s.LOTSE_UNAGREED_PROPOSAL_MONTHS},
        ),
        Period(
            _("Record that a certificate of conduct was inspected, if no activity follows"),
            _("%(days)s days after the inspection")
            % {"days": s.LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS},
        ),
        Period(
            _("Record that a certificate of conduct was inspected, after activity"),
            _("%(months)s months after the last activity")
            % {"months": s.LOTSE_CERTIFICATE_RETENTION_MONTHS},
        ),
        Period(
            _("Concerns, after they are closed"),
            _("%(months)s months") % {"months": s.LOTSE_CONCERN_RETENTION_MONTHS},
        ),
        Period(
            _("Access log of reads of concerns and certificate records"),
            _("%(months)s months") % {"months": s.LOTSE_ACCESS_LOG_RETENTION_MONTHS},
        ),
        Period(
            _("Your account when you delete it"),
            _("at once; hours and counts stay without your name"),
        ),
    ]


@dataclass(frozen=True)
class WithdrawalEffect:
    proposals: list[Placement]
    running: list[Placement]


def withdrawal_effect(user: User) -> WithdrawalEffect:
    """Which of the volunteer's placements a withdrawal (or deletion) would close."""
    live = list(live_placements(user))
    return WithdrawalEffect(
        proposals=[p for p in live if p.state == State.PROPOSED],
        running=[p for p in live if p.state == State.ACTIVE],
    )
