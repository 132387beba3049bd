"""The one error a placement adds to Django's: a conflict with its current state (HTTP 409)."""


class PlacementConflict(Exception):
    """The placement's state, the need's capacity or a concurrent decision forbids this."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
