"""Errors the engine raises for input a person or a client can get wrong."""


class ParseError(ValueError):
    """A code, availability or schedule text that cannot be read; the message names the part."""


class NeedNotRankable(ValueError):
    """A need that cannot be matched at all (no schedule, no location, already over)."""
