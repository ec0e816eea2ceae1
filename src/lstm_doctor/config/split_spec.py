"""The ``--split`` setting, parsed: fractions, row counts per series, or start dates.

It lives with the settings (``DataConfig`` checks its string when built); ``data.split``
turns a parsed spec into row ranges.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from lstm_doctor.errors import ConfigError

__all__ = ["SplitSpec", "parse_split"]


@dataclass(frozen=True)
class SplitSpec:
    """A parsed ``--split``: ``kind`` is ``fractions``, ``counts`` or ``dates``."""

    kind: str
    values: tuple


def _fail(text: str, why: str) -> ConfigError:
    return ConfigError(
        f"The 'split' setting {text!r} {why}. Use fractions like 0.7,0.1,0.2, row counts per "
        "series like 8640,2880,2880, or the dates where validation and test start like "
        "2017-06-26,2017-10-24."
    )


def parse_split(text: str) -> SplitSpec:
    """Parse a ``--split`` string into a ``SplitSpec``.

    Raises:
        ConfigError: the string is none of the three forms, or its numbers are out of range.
    """
    if not isinstance(text, str):
        raise _fail(repr(text), "is not a string")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise _fail(text, "is empty")
    if all(p.isdecimal() for p in parts):  # isdigit() also accepts "²", which int() rejects
        counts = tuple(int(p) for p in parts)
        if len(counts) != 3 or min(counts) < 1:
            raise _fail(text, "must have three positive row counts")
        return SplitSpec("counts", counts)
    try:
        fractions = tuple(float(p) for p in parts)
    except ValueError:
        fractions = None
    if fractions is not None:
        in_range = all(f > 0 for f in fractions) and sum(fractions) <= 1 + 1e-9  # NaN fails
        if len(fractions) != 3 or not in_range:
            raise _fail(text, "must have three fractions > 0 that sum to at most 1")
        return SplitSpec("fractions", fractions)
    if len(parts) not in (2, 3):
        raise _fail(text, "must have two or three dates")
    try:
        dates = tuple(np.datetime64(p, "ns") for p in parts)
    except ValueError as exc:
        raise _fail(text, f"has a value that is not a date ({exc})") from None
    if any(b <= a for a, b in itertools.pairwise(dates)):
        raise _fail(text, "must list dates in increasing order")
    return SplitSpec("dates", tuple(str(d) for d in dates))
