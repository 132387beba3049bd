"""The password hasher: Argon2id with the parameters of RFC 9106 for a server without gigabytes
to spare per login (docs/security.md#password-hashing).

Measured on the 2-core build VM (`manage.py bench_login`, docs/performance.md#logins-issue-21),
CPU per hash:
- Django's Argon2 defaults, t=2, m=100 MiB, p=8: ~185 ms CPU and ~300 ms wall — eight lanes on two
  cores wait for each other;
- OWASP's minimum for Argon2id, t=2, m=19 MiB, p=1: ~19 ms — the floor, not a target;
- this one, t=3, m=64 MiB, p=4 (RFC 9106 §4, the second recommended option): ~155 ms, about the
  attacker's work of Django's defaults (passes × memory: 192 against 200 MiB) at less CPU and
  memory for us, and five times OWASP's minimum (38);
- PBKDF2-SHA256 with Django 5.2's 1,000,000 iterations, what accounts had before: ~240 ms.
A login is rare (sessions last hours) and rate-limited per address and account, so ~0.15 s of
CPU per login buys memory-hard hashes without a noticeable share of a web node's time.

The algorithm name stays Django's "argon2": hashes are Django's format, and a hash made with
other parameters (or Django's defaults) verifies and is rehashed with these at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 3
    memory_cost = 64 * 1024  # KiB
    parallelism = 4
