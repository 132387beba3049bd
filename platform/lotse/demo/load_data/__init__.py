"""The load-test data set: a city with many volunteers, open needs and years of placements.

`build_load_data(size=LoadSize())` writes 100,000 volunteers, 5,000 open needs and 1,000,000
historical placements (plus 50,000 past needs they belong to) in a few minutes on
PostgreSQL (COPY); the management command `build_load_data` wraps it. Never run it on a
database that real people use: it creates accounts with a published password.
"""

from .build import ALREADY_BUILT as ALREADY_BUILT_MESSAGE
from .build import LoadDataExists, LoadSize, LoadSummary, build_load_data
from .credentials import (
    LOAD_PASSWORD,
    LOAD_TOTP_SECRET,
    admin_email,
    coordinator_email,
    social_worker_email,
    volunteer_email,
)

__all__ = [
    "ALREADY_BUILT_MESSAGE",
    "LOAD_PASSWORD",
    "LOAD_TOTP_SECRET",
    "LoadDataExists",
    "LoadSize",
    "LoadSummary",
    "admin_email",
    "build_load_data",
    "coordinator_email",
    "social_worker_email",
    "volunteer_email",
]
