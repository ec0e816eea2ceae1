"""Refuse values the float32 model cannot hold: a column whose values or spread overflow it.

The model computes in float32 (largest value about 3.4e38); a column holding ±1e308, or whose
range (max - min) is beyond float32, would turn into inf or lose all precision after scaling,
and every loss and baseline built on it would be inf or NaN.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from lstm_doctor.errors import DataError

__all__ = ["FLOAT32_MAX", "check_magnitude"]

FLOAT32_MAX = float(np.finfo(np.float32).max)


def check_magnitude(values: np.ndarray, columns: Sequence[str], source: str = "data") -> None:
    """Check every column of ``values`` (rows, columns), finite entries only.

    Raises:
        DataError: a column's largest absolute value or its spread exceeds float32's range;
            the message names the column and the values, and the fix (rescale the column).
    """
    flat = np.asarray(values, dtype=np.float64).reshape(-1, len(columns))
    if flat.size == 0:
        return
    finite = np.where(np.isfinite(flat), flat, np.nan)
    with warnings.catch_warnings(), np.errstate(over="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # a column with no finite value: NaN
        low, high = np.nanmin(finite, axis=0), np.nanmax(finite, axis=0)
        spread = high - low
    for j, name in enumerate(columns):
        if np.isnan(low[j]):
            continue
        if max(abs(low[j]), abs(high[j])) > FLOAT32_MAX or spread[j] > FLOAT32_MAX:
            raise DataError(
                f"Column {name!r} of the {source} spans {low[j]:.3g} to {high[j]:.3g}, beyond "
                f"the float32 range of the model (about ±{FLOAT32_MAX:.2g}); rescale it (for "
                "example, divide by a power of ten) or drop it."
            )
