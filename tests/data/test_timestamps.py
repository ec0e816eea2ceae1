from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.data.timestamps import parse_time
from lstm_doctor.errors import DataError


def _parse(values, time_format=None):
    raw = pd.Series(values)
    return parse_time(raw, "date", np.arange(len(raw)), time_format)


def test_offsets_that_change_at_dst_are_one_utc_axis_in_the_last_rows_zone() -> None:
    # Europe/Berlin across the spring change: 01:00+01:00, then 03:00+02:00 is one hour later.
    values, zone = _parse(["2024-03-31 00:00+01:00", "2024-03-31 01:00+01:00",
                           "2024-03-31 03:00+02:00", "2024-03-31 04:00+02:00"])  # fmt: skip
    assert np.all(np.diff(values) == np.timedelta64(1, "h"))
    assert values[0] == np.datetime64("2024-03-30T23:00")
    assert zone.utcoffset(None) == timedelta(hours=2)


def test_mixed_offsets_and_a_tz_aware_column_keep_their_zone() -> None:
    values, zone = _parse(["2024-01-01 00:00+00:00", "2024-01-01 03:00+02:00"])
    assert values[1] - values[0] == np.timedelta64(1, "h") and zone is not None
    aware = pd.Series(pd.date_range("2024-10-27", periods=4, freq="h", tz="Europe/Berlin"))
    values, zone = parse_time(aware, "date", np.arange(4))
    assert str(zone) == "Europe/Berlin" and np.all(np.diff(values) == np.timedelta64(1, "h"))


def test_naive_dates_and_numbers_have_no_zone() -> None:
    assert _parse(["2024-01-01", "2024-01-02"])[1] is None
    values, zone = _parse([1.0, 2.0, 3.0])
    assert zone is None and values.dtype == np.float64


def test_dates_that_read_both_ways_ask_for_a_time_format() -> None:
    monthly_day_first = [f"01/{m:02d}/1995" for m in range(1, 13)]
    with pytest.raises(DataError, match=r"both day-first and month-first.*--time-format"):
        _parse(monthly_day_first)
    values, _ = _parse(monthly_day_first, time_format="%d/%m/%Y")
    assert values[1] == np.datetime64("1995-02-01")


def test_dates_that_read_one_way_only_are_read_that_way() -> None:
    values, _ = _parse(["12/01/1995", "13/01/1995", "14/01/1995"])  # day 13 exists, month not
    assert values[1] == np.datetime64("1995-01-13")


def test_a_bad_value_or_format_names_the_row_and_the_fix() -> None:
    with pytest.raises(DataError, match=r"not a date at row 1: 'soon'.*pass --time-format"):
        _parse(["2024-01-01", "soon"])
    with pytest.raises(DataError, match=r"not a date at row 0.*fix --time-format"):
        _parse(["2024-01-01"], time_format="%d/%m/%Y")
