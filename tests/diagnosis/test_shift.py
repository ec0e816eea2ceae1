from __future__ import annotations

import numpy as np
import pandas as pd

from lstm_doctor.config import DataConfig
from lstm_doctor.data import validate_frame
from lstm_doctor.data.prepare import prepare
from lstm_doctor.diagnosis.shift import diagnose_shift, split_statistics


def prepared_with(y: np.ndarray):
    config = DataConfig(target="y", lookback=12, horizon=4, split="0.6,0.2,0.2")
    frame = pd.DataFrame({"y": y})
    return prepare(validate_frame(frame, config), config)


def stationary(n: int = 1000, seed: int = 0) -> np.ndarray:
    t = np.arange(n)
    return np.sin(2 * np.pi * t / 24) + 0.3 * np.random.default_rng(seed).standard_normal(n)


def test_no_shift_on_a_stationary_series() -> None:
    assert diagnose_shift(prepared_with(stationary())) == []


def test_a_level_break_at_the_test_split_is_critical() -> None:
    y = stationary()
    y[800:] += 10
    (finding,) = diagnose_shift(prepared_with(y))
    assert finding.kind == "distribution_shift" and finding.severity == "critical"
    assert finding.evidence["split"] == "test" and finding.evidence["level_shift_sd"] > 3
    assert finding.evidence["column"] == "y" and finding.evidence["role"] == "target"
    assert finding.remedies[0].change == {"normalization": "revin"}


def test_a_spread_change_is_a_warning() -> None:
    y = stationary()
    y[600:800] *= 0.3  # val spread 0.3x: beyond the 2x threshold, inside the range
    findings = diagnose_shift(prepared_with(y))
    assert [(f.evidence["split"], f.severity) for f in findings] == [("val", "warning")]


def test_statistics_are_in_training_units() -> None:
    y = stationary()
    y[800:] += 2 * y[:600].std()
    stats = split_statistics(prepared_with(y), ("val", "test"))
    assert abs(stats["val"]["level_shift_sd"][0]) < 0.2
    assert abs(stats["test"]["level_shift_sd"][0] - 2) < 0.2
    assert abs(stats["test"]["spread_ratio"][0] - 1) < 0.2


def test_can_leave_the_test_split_alone() -> None:
    y = stationary()
    y[800:] += 10
    assert diagnose_shift(prepared_with(y), splits=("val",)) == []


def test_a_drifting_covariate_is_named_with_a_drop_remedy() -> None:
    config = DataConfig(target="y", covariates=("temp",), lookback=12, horizon=4,
                        split="0.6,0.2,0.2")  # fmt: skip
    n = 1000
    frame = pd.DataFrame({"y": stationary(n), "temp": np.linspace(0, 30, n)})
    findings = diagnose_shift(prepare(validate_frame(frame, config), config))
    assert {(f.evidence["column"], f.evidence["role"]) for f in findings} == {("temp", "covariate")}
    assert findings[0].remedies[0].change == {"covariates": []}
