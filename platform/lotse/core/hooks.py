"""A hook: one function an app lends the layers below it (docs/architecture.md, "When something
lower needs something higher").

The lower app declares the hook and calls it; the upper app registers its function in its
AppConfig.ready(). Calling a hook nobody registered is a configuration error, never a silent
default: a missing open-concern check must not read as "no concern".
"""

from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

F = TypeVar("F")


class Hook(Generic[F]):
    def __init__(self, what: str, *, registered_by: str):
        self.what = what
        self.registered_by = registered_by
        self.registered: F | None = None

    def register(self, function: F) -> None:
        """Install the upper app's function (registering again replaces it)."""
        self.registered = function

    def get(self) -> F:
        if self.registered is None:
            raise ImproperlyConfigured(
                f"No {self.what}: {self.registered_by} registers it in AppConfig.ready()."
            )
        return self.registered

    def __call__(self, *args, **kwargs):
        return self.get()(*args, **kwargs)  # type: ignore[operator]
