"""Parse a time column: numbers, dates, dates with (changing) UTC offsets, ambiguous dates.

Timestamps with offsets are converted to UTC (a DST change or a mix of ``+00:00`` and
``+02:00`` is one time axis); the zone is kept so that forecasts are stamped in the zone of the
data's last row. Dates such as ``01/02/1995`` can be read day-first or month-first: when both
readings are valid and differ, the user says which with ``--time-format``.
"""

from __future__ import annotations

import re
import warnings
from datetime import tzinfo
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.errors import DataError

__all__ = ["parse_time"]

# 01/02/1995, 1.2.95, 01-02-1995 13:00 ...: day and month both up to two digits, first.
_NUMERIC_DATE = re.compile(r"\s*\d{1,2}([/.\-])\d{1,2}\1\d{2,4}(\s.*|T.*)?")


def _to_datetime(raw: pd.Series, **options: Any) -> pd.Series:
    with warnings.catch_warnings():  # "could not infer format": we report bad rows ourselves
        warnings.simplefilter("ignore", UserWarning)
        try:
            return pd.to_datetime(raw, errors="coerce", **options)
        except ValueError as exc:  # "Mixed timezones detected": offsets that change
            if "utc" in options or "timezone" not in str(exc).lower():
                raise
            return pd.to_datetime(raw, errors="coerce", utc=True, **options)
        except (TypeError, OverflowError):
            return pd.to_datetime(raw.astype(str), errors="coerce", utc=True, **options)


def _ambiguous_reading(raw: pd.Series, column: str) -> pd.Series | None:
    """The one valid reading of day/month dates; None when they are not of that form.

    Raises:
        DataError: both readings are valid dates and they differ.
    """
    text = raw.dropna()
    if text.empty or not all(isinstance(v, str) and _NUMERIC_DATE.fullmatch(v) for v in text):
        return None
    month_first, day_first = _to_datetime(raw), _to_datetime(raw, dayfirst=True)
    ok_month = not (month_first.isna() & raw.notna()).any()
    ok_day = not (day_first.isna() & raw.notna()).any()
    if ok_month and ok_day and not month_first.equals(day_first):
        sep = _NUMERIC_DATE.fullmatch(str(text.iloc[0]))[1]  # type: ignore[index]
        year = "%Y" if len(re.split(r"[/.\-\s T]", str(text.iloc[0]).strip())[2]) == 4 else "%y"
        example = str(text.iloc[0]).strip()
        raise DataError(
            f"Time column {column!r} holds dates such as {example!r} that read both day-first "
            f"and month-first ({day_first.iloc[0]:%Y-%m-%d} or {month_first.iloc[0]:%Y-%m-%d}); "
            f"say which with --time-format, e.g. '%d{sep}%m{sep}{year}' (day first) or "
            f"'%m{sep}%d{sep}{year}' (month first)."
        )
    if ok_day and not ok_month:
        return day_first
    return month_first


def parse_time(
    raw: pd.Series, column: str, source_rows: np.ndarray, time_format: str | None = None
) -> tuple[np.ndarray, tzinfo | None]:
    """(rows,) float64 numbers or datetime64[ns] UTC-naive times, and the data's zone.

    The zone is None for naive timestamps; for offsets, the zone of the column (or, when the
    offsets change, the fixed offset of the last row).

    Raises:
        DataError: a value that is not a date (naming the row), an empty time, or
            ambiguous day/month dates without ``time_format``.
    """
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        values = raw.to_numpy(dtype=np.float64)
        zone = None
    else:
        if time_format is not None:
            try:
                parsed = _to_datetime(raw, format=time_format)
            except ValueError as exc:
                raise DataError(
                    f"--time-format {time_format!r} cannot parse time column {column!r}: "
                    f"{' '.join(str(exc).split())[:160]}. Fix the format (strftime codes)."
                ) from None
        else:
            parsed = _ambiguous_reading(raw, column)
            if parsed is None:
                parsed = _to_datetime(raw)
        bad = parsed.isna() & raw.notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            hint = "fix --time-format" if time_format else "pass --time-format"
            raise DataError(
                f"Time column {column!r} has a value that is not a date at row "
                f"{int(source_rows[row])}: {raw.iloc[row]!r}. Fix the value, {hint}, or pass "
                "another --time column."
            )
        zone = parsed.dt.tz
        if zone is not None:
            if not isinstance(raw.dtype, pd.DatetimeTZDtype):  # text: the last row's offset
                zone = _last_offset(parsed, raw) or zone
            parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
        values = parsed.to_numpy(dtype="datetime64[ns]")
    missing = pd.isna(values)
    if missing.any():
        row = int(np.flatnonzero(missing)[0])
        raise DataError(
            f"Time column {column!r} is empty at row {int(source_rows[row])}; every row needs a "
            "time."
        )
    return values, zone


def _last_offset(parsed: pd.Series, raw: pd.Series) -> tzinfo | None:
    """The zone of the last row as written (offsets may change along the column)."""
    last = raw.dropna()
    if last.empty or not isinstance(last.iloc[-1], str):
        return None
    try:
        return pd.Timestamp(last.iloc[-1]).tzinfo
    except (ValueError, TypeError):
        return None
