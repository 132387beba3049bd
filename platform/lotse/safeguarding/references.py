"""Reference codes a person can read, write down and type back: `K7QF-3M9X-ABCD-EFGH`.

Pure Python (no Django): the service draws a code, the status lookup (page and API alike,
through `selectors.concern_by_reference`) normalises what was typed with `reference_normalised`.
"""

import math
import re
import secrets
import unicodedata

# No 0/O and no 1/I/L: none of the characters people confuse on paper occurs in a code.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16
GROUP = 4
MAX_TYPED = 64  # a code spaced out as people write it fits; longer input is refused
# 16 × log2(31) ≈ 79.3 bits, more than the 72 bits (9 random bytes) of the old codes.
ENTROPY_BITS = LENGTH * math.log2(len(ALPHABET))

# Codes issued before this format: secrets.token_urlsafe(9), 12 characters, case-sensitive.
LEGACY_CODE = re.compile(r"[A-Za-z0-9_-]{12}")
# Cyrillic capitals that look exactly like a Latin one of the alphabet (a Ukrainian or Russian
# keyboard types them); each maps to the letter it is drawn as, never to a different letter.
_LOOKALIKES = str.maketrans("АВЕКМНРСТХ", "ABEKMHPCTX")
_SEPARATORS = {"_", ".", "/"}


def reference_new() -> str:
    """A fresh code in its canonical form (no dashes), drawn with `secrets`."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def reference_grouped(code: str) -> str:
    """The form shown to people: blocks of four joined by dashes."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def _is_separator(char: str) -> bool:
    # Spaces of every kind, dashes of every kind, and invisible marks such as the
    # left-to-right mark a copy from a right-to-left page brings along.
    return char.isspace() or char in _SEPARATORS or unicodedata.category(char) in ("Pd", "Cf")


def _plain(char: str) -> str:
    """The same character in ASCII where there is one: ٣ or ۳ → 3, Cyrillic К → K."""
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    return char.translate(_LOOKALIKES)


def reference_normalised(typed: str) -> str | None:
    """The canonical code a person meant, or None when what they typed cannot be a code.

    Case, spaces, dashes, full-width forms and other scripts' digits do not matter. A typed
    0, O, 1, I or L is not guessed into another character: it never occurs in a code, so
    the input is no code of this format (at most an old code, looked up as typed).
    """
    if not typed or len(typed) > MAX_TYPED:
        return None
    folded = unicodedata.normalize("NFKC", typed).upper()
    code = "".join(_plain(c) for c in folded if not _is_separator(c))
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def reference_legacy(typed: str) -> str | None:
    """An old code exactly as typed (only surrounding whitespace removed), if it can be one."""
    code = (typed or "").strip()
    return code if LEGACY_CODE.fullmatch(code) else None
