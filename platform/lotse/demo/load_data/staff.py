"""Organisations, facilities and staff of the load-test city: few rows, made by the services."""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from lotse.accounts.mfa import totp_activate_with_secret
from lotse.accounts.models import Role, User
from lotse.accounts.services import staff_upsert
from lotse.places.models import District, Organisation, Postcode
from lotse.places.services import facility_upsert

from .credentials import (
    LOAD_PASSWORD,
    LOAD_TOTP_SECRET,
    admin_email,
    coordinator_email,
    social_worker_email,
)


@dataclass
class City:
    """What the bulk generators need to know about the city, as plain ids."""

    postcodes: list[tuple[int, str, float, float]]  # id, code, lat, lon
    facilities: list[tuple[int, int, int]] = field(default_factory=list)  # id, org, hood
    social_workers: dict[int, list[int]] = field(default_factory=dict)  # org id -> user ids
    password_hash: str = ""


def organisation_name(index: int) -> str:
    return "Stadt (Lasttest)" if index == 0 else f"Träger {index} (Lasttest)"


def build_city(*, organisations: int, facilities_per_org: int, staff_per_org: int,
               coordinators: int, rng: random.Random) -> City:  # fmt: skip
    city = City(
        # The city's own postcodes: facilities lie in its neighbourhoods (nearby towns have none).
        postcodes=list(
            Postcode.objects.filter(outside_city=False)
            .order_by("code")
            .values_list("pk", "code", "lat", "lon")
        ),
        password_hash=make_password(LOAD_PASSWORD),
    )
    for index in range(organisations):
        kind = Organisation.Kind.MUNICIPAL if index == 0 else Organisation.Kind.INDEPENDENT
        org, _ = Organisation.objects.get_or_create(
            name=organisation_name(index), defaults={"kind": kind}
        )
        made = [_facility(org, index, k, city, rng) for k in range(facilities_per_org)]
        city.facilities += [(f.pk, org.pk, f.neighbourhood_id) for f in made]
        city.social_workers[org.pk] = [
            _staff(social_worker_email(index, k), Role.SOCIAL_WORKER, org, made, k, rng).pk
            for k in range(staff_per_org)
        ]
    districts = list(District.objects.values_list("name", flat=True))
    for k in range(coordinators):
        chosen = rng.sample(districts, min(len(districts), 2))
        _staff(coordinator_email(k), Role.COORDINATOR, None, [], k, rng, districts=chosen)
    _staff(admin_email(), Role.ADMIN, None, [], 0, rng)
    User.objects.filter(email__endswith="@load.lotse.local").update(password=city.password_hash)
    return city


def _facility(org, org_index: int, k: int, city: City, rng: random.Random):
    _, code, _lat, _lon = city.postcodes[(org_index * 7 + k) % len(city.postcodes)]
    return facility_upsert(
        organisation=org,
        name=f"Unterkunft {org_index + 1}-{k + 1:02d} (Lasttest)",
        street=f"Lastweg {k + 1}",
        postcode=code,
        capacity=rng.choice([60, 90, 120, 180]),
        consultation_hours="mon 09:00-12:00; thu 14:00-16:00",
        external_id=f"load-f-{org_index:02d}-{k:02d}",
    )


def _staff(email, role, org, facilities, k, rng, districts=()):
    user = staff_upsert(
        email=email,
        role=role,
        organisation_name=org.name if org else None,
        district_names=list(districts),
        first_name=rng.choice(["Sabine", "Cem", "Heinz", "Katrin", "Ines", "Jonas"]),
        last_name=f"Last{k:03d}",
    ).user
    totp_activate_with_secret(user=user, secret=LOAD_TOTP_SECRET)
    if facilities:
        user.facilities.set(rng.sample(facilities, min(4, len(facilities))))
    return user
