from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.config import DataConfig
from lstm_doctor.data.prepare import prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.diagnosis.spacing import check_irregular_spacing


def _prepared(time, **settings):
    frame = pd.DataFrame({"t": time, "y": np.sin(np.arange(len(time)) / 3.0)})
    config = DataConfig(target=("y",), time="t", lookback=4, horizon=2, **settings)
    return prepare(validate_frame(frame, config), config)


def test_missing_days_are_reported_with_step_count_largest_and_windows() -> None:
    days = pd.date_range("2024-01-01", periods=120, freq="D")
    kept = days.delete([30, 31, 32, 70])  # a 4-day gap and a 2-day gap
    (finding,) = check_irregular_spacing(_prepared(kept))
    evidence = finding.evidence
    assert evidence["step"] == "1 day" and evidence["n_gaps"] == 2
    assert evidence["largest_gap"] == "4 days"
    assert evidence["largest_gap_before"] == {"series": "0", "row": 30}
    # 5 differences per window: a gap at difference j is in windows j-4..j: 5 windows each.
    assert evidence["windows_spanning_a_gap"] == pytest.approx(10 / 111, rel=1e-4)
    assert "irregular" in finding.summary and finding.severity == "warning"


def test_regular_axes_are_not_reported() -> None:
    assert check_irregular_spacing(_prepared(pd.date_range("2024", periods=60, freq="h"))) == []
    months = pd.date_range("2000-01-01", periods=60, freq="MS")  # 28 to 31 days: regular
    assert check_irregular_spacing(_prepared(months)) == []
    utc_dst = pd.date_range("2024-03-30", periods=60, freq="h", tz="Europe/Berlin")
    assert check_irregular_spacing(_prepared(utc_dst)) == []
    assert check_irregular_spacing(_prepared(np.arange(60.0))) == []


def test_a_numeric_time_with_a_gap() -> None:
    (finding,) = check_irregular_spacing(_prepared(np.r_[np.arange(30.0), np.arange(40.0, 70.0)]))
    assert finding.evidence["step"] == "1" and finding.evidence["largest_gap"] == "11"


def test_steps_read_in_their_unit() -> None:
    hours = pd.date_range("2024", periods=40, freq="15min").delete([10, 11])
    assert check_irregular_spacing(_prepared(hours))[0].evidence["largest_gap"] == "45 min"
