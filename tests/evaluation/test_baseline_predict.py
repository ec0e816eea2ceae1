"""Deployable baselines: hand-computed naive and seasonal-naive forecasts."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_doctor.data.validate import Panel
from lstm_doctor.errors import ConfigError
from lstm_doctor.evaluation.baseline_predict import baseline_forecast


def _panel() -> Panel:
    """Two series (rows 0-6 and 7-11) of one target and one covariate."""
    values = np.column_stack([np.arange(12.0), -np.arange(12.0)])
    offsets = np.array([0, 7, 12])
    return Panel(values=values, columns=("y", "x"), n_targets=1, offsets=offsets,
                 series_ids=("a", "b"), time=None, source_rows=np.arange(12))  # fmt: skip


def test_naive_repeats_each_series_last_value() -> None:
    out = baseline_forecast(_panel(), "naive", horizon=3, season=None, lookback=4)
    assert out.shape == (2, 3, 1)
    assert out[:, :, 0].tolist() == [[6.0, 6.0, 6.0], [11.0, 11.0, 11.0]]


def test_seasonal_naive_repeats_the_last_season() -> None:
    out = baseline_forecast(_panel(), "seasonal_naive", horizon=5, season=2, lookback=4)
    assert out[:, :, 0].tolist() == [[5, 6, 5, 6, 5], [10, 11, 10, 11, 10]]


def test_unknown_or_impossible_baselines_are_refused() -> None:
    with pytest.raises(ConfigError, match="--baseline must be one of naive, seasonal_naive"):
        baseline_forecast(_panel(), "mean", horizon=3, season=2, lookback=4)
    with pytest.raises(ConfigError, match=r"no seasonal naive baseline \(season None"):
        baseline_forecast(_panel(), "seasonal_naive", horizon=3, season=None, lookback=4)
