"""Build the whole load-test data set, table by table, with a progress bar for each part."""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.needs.models import Need, NeedLanguage
from lotse.ops.progress import Progress
from lotse.placements.models import Placement
from lotse.places.city_loader import load_city
from lotse.privacy.models import Consent
from lotse.taxonomy.loader import load_taxonomy
from lotse.volunteers.models import CertificateInspection, Volunteer, VolunteerLanguage

from .credentials import volunteer_email
from .history import write_placements
from .needs import write_open_needs, write_past_needs
from .staff import build_city
from .volunteers import write_volunteers
from .writer import analyze, reset_sequences

ALREADY_BUILT = _(
    "This database already holds the load-test data set; build it into a fresh database."
)
PLACEMENTS_PER_PAST_NEED = 20
# The tables the builder writes with explicit keys: their counters and statistics need a reset.
MODELS_WRITTEN = [
    User, EmailAddress, Volunteer, Volunteer.skills.through, VolunteerLanguage, Consent,
    CertificateInspection, Need, Need.skills.through, NeedLanguage, Placement,
]  # fmt: skip


class LoadDataExists(Exception):
    pass


@dataclass(frozen=True)
class LoadSize:
    volunteers: int = 100_000
    needs: int = 5_000
    placements: int = 1_000_000
    organisations: int = 5
    facilities_per_organisation: int = 20
    social_workers_per_organisation: int = 20
    coordinators: int = 10

    def __post_init__(self):
        if min(self.volunteers, self.needs, self.organisations) < 1 or self.placements < 0:
            raise ValueError("volunteers, needs and organisations must be at least 1")
        if min(self.facilities_per_organisation, self.social_workers_per_organisation) < 1:
            raise ValueError("every organisation needs a facility and a social worker")


@dataclass(frozen=True)
class LoadSummary:
    volunteers: int
    open_needs: int
    past_needs: int
    placements: int
    seconds: float


def load_data_present() -> bool:
    return User.objects.filter(email=volunteer_email(0)).exists()


def build_load_data(
    *, size: LoadSize, seed: int = 20261125, bar_for: Callable[[str, int], Progress] | None = None
) -> LoadSummary:
    """Write the data set in one transaction (all of it or nothing), then refresh statistics."""
    started = time.perf_counter()
    counts = _build(
        size, seed, bar_for or (lambda label, total: Progress(label, total, verbosity=0))
    )
    analyze(*MODELS_WRITTEN)
    return LoadSummary(*counts, seconds=time.perf_counter() - started)


@transaction.atomic
def _build(size: LoadSize, seed: int, bar_for) -> tuple[int, int, int, int]:
    if load_data_present():
        raise LoadDataExists(ALREADY_BUILT)
    rng = random.Random(seed)
    load_taxonomy()
    load_city(settings.LOTSE_CITY_DIR)
    city = build_city(
        organisations=size.organisations,
        facilities_per_org=size.facilities_per_organisation,
        staff_per_org=size.social_workers_per_organisation,
        coordinators=size.coordinators,
        rng=rng,
    )
    volunteer_ids = write_volunteers(city=city, count=size.volunteers, seed=seed, bar_for=bar_for)
    open_ids = write_open_needs(city=city, count=size.needs, seed=seed + 1, bar_for=bar_for)
    past = max(1, size.placements // PLACEMENTS_PER_PAST_NEED) if size.placements else 0
    past_ids = write_past_needs(city=city, count=past, rng=rng, bar_for=bar_for)
    written = write_placements(
        city=city, need_ids=past_ids, volunteer_ids=volunteer_ids,
        count=size.placements, rng=rng, bar_for=bar_for,
    )  # fmt: skip
    reset_sequences(*MODELS_WRITTEN)
    return len(volunteer_ids), len(open_ids), len(past_ids), written
