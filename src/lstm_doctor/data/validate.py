"""Check a DataFrame against the data settings and turn it into a ``Panel`` of float arrays.

Every problem is a ``DataError`` that names the column and the row (0-based data row, header
excluded, as ``df.iloc`` counts) or the timestamp, and says what to do.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
import pandas as pd

from lstm_doctor.config import DataConfig
from lstm_doctor.data.magnitude import check_magnitude
from lstm_doctor.data.timestamps import parse_time
from lstm_doctor.errors import DataError

__all__ = ["Panel", "validate_frame"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Panel:
    """One or more series stacked row-wise, in time order within each series.

    Attributes:
        values: (rows, columns) float64; targets first, then covariates.
        columns: names of the value columns, in that order.
        n_targets: how many leading columns are targets.
        offsets: (n_series + 1,) row where each series starts; the last entry is ``rows``.
        series_ids: one label per series (``"0"`` when there is no id column).
        time: (rows,) timestamps or numbers of the time column, or None.
        source_rows: (rows,) the row of the input frame each row came from (for messages).
        time_zone: the zone of timestamps given with UTC offsets (forecasts are stamped in
            it), else None.
    """

    values: np.ndarray
    columns: tuple[str, ...]
    n_targets: int
    offsets: np.ndarray
    series_ids: tuple[str, ...]
    time: np.ndarray | None
    source_rows: np.ndarray
    time_zone: tzinfo | None = None  # of the time column as given; ``time`` is UTC

    @property
    def n_series(self) -> int:
        return len(self.series_ids)

    def series_lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def series_of_rows(self) -> np.ndarray:
        """(rows,) index of the series that holds each row."""
        return np.repeat(np.arange(self.n_series), self.series_lengths())


def _check_columns(frame: pd.DataFrame, config: DataConfig) -> None:
    roles = [(c, "target") for c in config.target] + [(c, "covariate") for c in config.covariates]
    roles += [(config.time, "time"), (config.id, "id")]
    available = ", ".join(map(str, frame.columns))
    for column, role in roles:
        if column is not None and column not in frame.columns:
            raise DataError(
                f"{role.capitalize()} column {column!r} is not in the data. "
                f"Available columns: {available}. Fix the --{'id' if role == 'id' else role} flag."
            )


def _to_numeric(frame: pd.DataFrame, column: str, source_rows: np.ndarray) -> np.ndarray:
    raw = frame[column]
    if pd.api.types.is_bool_dtype(raw):
        return raw.to_numpy(dtype=np.float64)
    numeric = pd.to_numeric(raw, errors="coerce")
    bad = numeric.isna() & raw.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataError(
            f"Column {column!r} must be numeric, but row {int(source_rows[row])} holds "
            f"{raw.iloc[row]!r} "
            f"({int(bad.sum())} non-numeric value(s) in all). Clean the column or drop it."
        )
    return numeric.to_numpy(dtype=np.float64)


def _group_rows(frame: pd.DataFrame, column: str | None) -> tuple[np.ndarray, list[str]]:
    """Row order that puts each series together (first appearance order, stable inside)."""
    if column is None:
        return np.arange(len(frame)), ["0"]
    ids = frame[column]
    if ids.isna().any():
        row = int(np.flatnonzero(ids.isna().to_numpy())[0])
        raise DataError(f"Id column {column!r} is empty at row {row}; every row needs a series id.")
    codes, uniques = pd.factorize(ids, sort=False)
    order = np.argsort(codes, kind="stable")
    return order, [str(u) for u in uniques]


def _check_time_order(
    time: np.ndarray, offsets: np.ndarray, source_rows: np.ndarray, ids: list[str], column: str
) -> None:
    for s, (start, stop) in enumerate(itertools.pairwise(offsets)):
        t = time[start:stop]
        if len(t) < 2:
            continue
        step = t[1:] > t[:-1]
        if step.all():
            continue
        i = int(np.flatnonzero(~step)[0])
        row_a, row_b = int(source_rows[start + i]), int(source_rows[start + i + 1])
        where = f" in series {ids[s]!r}" if len(ids) > 1 else ""
        if t[i] == t[i + 1]:
            raise DataError(
                f"Time column {column!r} has a duplicate timestamp {t[i]}{where} at rows "
                f"{row_a} and {row_b}. Remove or aggregate duplicates (or pass --id if the file "
                "holds several series)."
            )
        raise DataError(
            f"Time column {column!r} is not increasing{where}: row {row_a} ({t[i]}) comes "
            f"before row {row_b} ({t[i + 1]}). Sort the data by time before fitting."
        )


def _repair_missing(
    values: np.ndarray,
    offsets: np.ndarray,
    columns: tuple[str, ...],
    source_rows: np.ndarray,
    fill: str | None,
) -> np.ndarray:
    bad = ~np.isfinite(values)
    if not bad.any():
        return values
    if fill is None:
        row, col = (int(x) for x in np.argwhere(bad)[0])
        kind = "NaN" if np.isnan(values[row, col]) else "inf"
        raise DataError(
            f"Column {columns[col]!r} has a missing or infinite value ({kind}) at row "
            f"{int(source_rows[row])} ({int(bad[:, col].sum())} in that column). Clean the data, "
            "or repair it explicitly with --fill ffill or --fill interpolate."
        )
    frame = pd.DataFrame(np.where(bad, np.nan, values))
    parts = []
    for start, stop in itertools.pairwise(offsets):
        part = frame.iloc[start:stop]
        if fill == "ffill":
            part = part.ffill()
        else:
            part = part.interpolate(method="linear", limit_direction="both")
        parts.append(part)
    repaired = pd.concat(parts).to_numpy(dtype=np.float64)
    still = np.isnan(repaired)
    if still.any():
        row, col = (int(x) for x in np.argwhere(still)[0])
        if fill == "interpolate":  # only a column with no value at all in a series is left
            raise DataError(
                f"Column {columns[col]!r} has no values at all in the series that holds row "
                f"{int(source_rows[row])}; --fill cannot repair it. Drop that column or series."
            )
        raise DataError(
            f"Column {columns[col]!r} starts with missing values (row {int(source_rows[row])}) "
            "that --fill ffill cannot fill; drop those leading rows or use --fill interpolate."
        )
    return repaired


def validate_frame(frame: pd.DataFrame, config: DataConfig) -> Panel:
    """Check ``frame`` against ``config`` and return its values as a ``Panel``.

    Raises:
        DataError: a missing or non-numeric column, NaN/inf without ``fill``, an unparsable,
            unsorted or duplicate timestamp, or a constant target.
    """
    _check_columns(frame, config)
    columns = tuple(config.target) + tuple(config.covariates)
    order, ids = _group_rows(frame, config.id)
    frame = frame.iloc[order].reset_index(drop=True)
    source_rows = order.astype(np.int64)
    if config.id is None:
        offsets = np.array([0, len(frame)], dtype=np.int64)
    else:
        codes = pd.factorize(frame[config.id], sort=False)[0]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        offsets = np.r_[starts, len(frame)].astype(np.int64)

    time, zone = None, None
    if config.time is not None:
        time, zone = parse_time(frame[config.time], config.time, source_rows, config.time_format)
        _check_time_order(time, offsets, source_rows, ids, config.time)

    for name in config.target:
        if pd.api.types.is_bool_dtype(frame[name]):
            log.warning(
                "Target column %r is boolean: it is forecast as numbers 0/1 (a value between "
                "is a probability-like score), with MSE as the loss.",
                name,
            )
    values = np.column_stack([_to_numeric(frame, c, source_rows) for c in columns])
    check_magnitude(values, columns)
    values = _repair_missing(values, offsets, columns, source_rows, config.fill)

    for s, (start, stop) in enumerate(itertools.pairwise(offsets)):
        for j, name in enumerate(config.target):
            column = values[start:stop, j]
            where = f" in series {ids[s]!r}" if len(ids) > 1 else ""
            if column.size < 2:
                raise DataError(
                    f"The data has {column.size} row{where}: too short to forecast (each split "
                    "needs at least lookback + horizon rows). Pass a longer file."
                )
            if np.all(column == column[0]):
                raise DataError(
                    f"Target column {name!r} is constant ({column[0]:g}){where}: there is "
                    "nothing to forecast. Drop that series or choose another target."
                )
    return Panel(
        values=np.ascontiguousarray(values),
        columns=columns,
        n_targets=len(config.target),
        offsets=offsets,
        series_ids=tuple(ids),
        time=time,
        source_rows=source_rows,
        time_zone=zone,
    )
