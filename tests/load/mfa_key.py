"""The Fernet key that encrypts the load data's TOTP secrets at rest (LOTSE_MFA_KEYS): the build
and the load test's servers, each with a random SECRET_KEY, must share it. Synthetic data only."""

LOAD_MFA_KEY = "bG90c2UtbG9hZC10ZXN0LW1mYS1rZXktMzJieXRlcyE="  # noqa: S105
