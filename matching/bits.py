"""A week as 672 quarter-hour bits (7 days x 96), stored in 11 unsigned 64-bit words."""

import numpy as np

QUARTER = 15
QUARTERS_PER_DAY = 24 * 60 // QUARTER
WEEK_BITS = 7 * QUARTERS_PER_DAY
WORDS = -(-WEEK_BITS // 64)
_WORD_MASK = (1 << 64) - 1


def week_bits(spans: list[tuple[int, int, int]]) -> np.ndarray:
    """Bits for (day, start_minute, end_minute) spans, as an array of WORDS uint64."""
    return int_to_words(week_int(spans))


def week_int(spans: list[tuple[int, int, int]]) -> int:
    value = 0
    for day, start, end in spans:
        first = day * QUARTERS_PER_DAY + start // QUARTER
        count = (end - start) // QUARTER
        value |= ((1 << count) - 1) << first
    return value


def int_to_words(value: int) -> np.ndarray:
    words = [(value >> (64 * index)) & _WORD_MASK for index in range(WORDS)]
    return np.array(words, dtype=np.uint64)


def words_to_int(words: np.ndarray) -> int:
    return int.from_bytes(np.asarray(words, dtype="<u8").tobytes(), "little")


def popcount(values: np.ndarray) -> np.ndarray:
    """Number of set bits per element of a uint64 array."""
    return _popcount(np.asarray(values, dtype=np.uint64))


def _lookup_popcount(values: np.ndarray) -> np.ndarray:
    # numpy < 2.0 has no bitwise_count: count byte by byte through a 256-entry table.
    as_bytes = values.view(np.uint8).reshape(*values.shape, 8)
    return _BYTE_COUNTS[as_bytes].sum(axis=-1, dtype=np.uint8)


_BYTE_COUNTS = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.uint8)
_popcount = getattr(np, "bitwise_count", _lookup_popcount)


def day_runs(value: int, day: int) -> list[tuple[int, int]]:
    """Maximal runs of set bits on one day of a week integer, as (start, end) minutes."""
    day_bits = (value >> (day * QUARTERS_PER_DAY)) & ((1 << QUARTERS_PER_DAY) - 1)
    runs: list[tuple[int, int]] = []
    quarter = 0
    while day_bits:
        skip = (day_bits & -day_bits).bit_length() - 1
        day_bits >>= skip
        quarter += skip
        length = (~day_bits & (day_bits + 1)).bit_length() - 1
        runs.append((quarter * QUARTER, (quarter + length) * QUARTER))
        day_bits >>= length
        quarter += length
    return runs
