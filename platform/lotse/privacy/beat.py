SCHEDULE = {
    "privacy: retention of accounts and proposals": (
        "lotse.privacy.tasks.apply_retention",
        {"minute": "45", "hour": "3"},
    ),
}
