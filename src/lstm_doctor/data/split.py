"""Chronological train/validation/test splits, per series.

A split is three consecutive row ranges of each series: train ``[0, b0)``, val ``[b0, b1)``,
test ``[b1, b2)``. Rows after ``b2`` are unused (as in the ETT protocol). These ranges say
where a window's *targets* may lie; a window's inputs may reach back into earlier rows, as
they would in deployment (see ``windows.window_starts``).
"""

from __future__ import annotations

import itertools

import numpy as np

from lstm_doctor.config.split_spec import SplitSpec, parse_split
from lstm_doctor.errors import DataError

__all__ = ["SPLITS", "SplitSpec", "check_split_dates", "parse_split", "split_bounds"]

SPLITS = ("train", "val", "test")


def check_split_dates(
    spec: SplitSpec, time: np.ndarray | None, offsets: np.ndarray, series_ids: tuple[str, ...]
) -> None:
    """For fitting: validation and test must start before a series ends (an end date may lie
    past it). New data scored with a fitted model may lie anywhere, so this is not checked
    by ``split_bounds``.

    Raises:
        DataError: a start date is after the last timestamp of a series.
    """
    if spec.kind != "dates" or time is None:
        return
    for s, (start, stop) in enumerate(itertools.pairwise(offsets)):
        if stop <= start:
            continue
        last = time[stop - 1]
        where = f" of series {series_ids[s]!r}" if len(series_ids) > 1 else ""
        for name, value in zip(("validation", "test"), spec.values[:2], strict=True):
            if np.datetime64(value, "ns") > last:
                raise DataError(
                    f"The split date {value[:19]} (where {name} starts) is after the last "
                    f"timestamp {str(last)[:19]}{where}: {name} would be empty. Choose dates "
                    "within the data."
                )


def _bounds_of_series(spec: SplitSpec, n_rows: int, time: np.ndarray | None) -> tuple[int, ...]:
    if spec.kind == "fractions":
        f_train, f_val, f_test = spec.values
        n_train, n_val = int(n_rows * f_train), int(n_rows * f_val)
        if abs(f_train + f_val + f_test - 1.0) < 1e-9:  # the test split takes the remainder
            return n_train, n_train + n_val, n_rows
        return n_train, n_train + n_val, n_train + n_val + int(n_rows * f_test)
    if spec.kind == "counts":
        b0 = spec.values[0]
        b1 = b0 + spec.values[1]
        return b0, b1, b0 + spec.values[1] + spec.values[2]
    assert time is not None  # checked by split_bounds
    edges = [np.datetime64(v, "ns") for v in spec.values]
    bounds = [int(np.searchsorted(time, e, side="left")) for e in edges]
    if len(bounds) == 2:
        bounds.append(n_rows)
    return tuple(bounds)


def split_bounds(
    spec: SplitSpec,
    lengths: np.ndarray,
    time: np.ndarray | None,
    offsets: np.ndarray,
    series_ids: tuple[str, ...] | None = None,
) -> np.ndarray:
    """Return (n_series, 3) series-local row bounds ``b0, b1, b2`` of train/val/test targets.

    Raises:
        DataError: a row-count split needs more rows than a series has, or a date split is
            used without a datetime time column.
    """
    if spec.kind == "dates" and (time is None or not np.issubdtype(time.dtype, np.datetime64)):
        raise DataError(
            "A date split needs a datetime time column; pass --time COLUMN or split by "
            "fractions or row counts."
        )
    out = np.empty((len(lengths), 3), dtype=np.int64)
    for s, n_rows in enumerate(lengths):
        series_time = None if time is None else time[offsets[s] : offsets[s + 1]]
        bounds = _bounds_of_series(spec, int(n_rows), series_time)
        if bounds[2] > n_rows:
            raise DataError(
                f"The split {','.join(map(str, spec.values))} needs {bounds[2]} rows but series "
                f"{series_ids[s] if series_ids else s!r} has {int(n_rows)}; lower the counts or "
                "split by fractions."
            )
        out[s] = bounds
    return out
