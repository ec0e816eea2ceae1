"""Tests for lstm_doctor.evaluation.intervals: split conformal half-widths and their coverage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstm_doctor import ConfigError, DataError, Forecaster
from lstm_doctor.evaluation.intervals import (
    check_level,
    conformal_halfwidth,
    coverage,
    interval_columns,
)


def test_halfwidth_is_the_finite_sample_order_statistic():
    errors = np.arange(1.0, 10.0).reshape(9, 1, 1)  # n = 9
    assert conformal_halfwidth(errors, 0.8)[0, 0] == 8.0  # ceil(10 * 0.8) = 8th smallest
    assert conformal_halfwidth(errors, 0.5)[0, 0] == 5.0


def test_each_horizon_step_gets_its_own_halfwidth():
    rng = np.random.default_rng(0)
    errors = np.abs(rng.normal(size=(999, 3, 1)) * np.array([1.0, 2.0, 4.0])[None, :, None])
    half = conformal_halfwidth(errors, 0.9)[:, 0]
    # |N(0, s)| has its 90% quantile at 1.645 s; 999 draws put it within a few percent
    assert half == pytest.approx(1.645 * np.array([1.0, 2.0, 4.0]), rel=0.08)


def test_coverage_on_a_series_with_known_noise_is_the_level_within_tolerance():
    """Known noise, known truth: a forecaster that is the true signal leaves errors that are
    exactly the noise (i.i.d., so exchangeable). Tolerance 0.02: the coverage given 2,000
    calibration errors has a standard deviation of sqrt(0.9 * 0.1 / 2002) = 0.0067, and
    20,000 test targets add 0.0021."""
    rng = np.random.default_rng(1)
    signal = lambda t: np.sin(2 * np.pi * t / 24)  # noqa: E731
    t_cal = rng.integers(0, 10_000, size=(2000, 1))
    steps = np.arange(4)[None, :]
    truth_cal = signal(t_cal + steps) + rng.normal(0, 0.3, (2000, 4))
    half = conformal_halfwidth(np.abs(truth_cal - signal(t_cal + steps))[..., None], 0.9)
    t_test = rng.integers(10_000, 20_000, size=(20_000, 1))
    truth = signal(t_test + steps) + rng.normal(0, 0.3, (20_000, 4))
    result = coverage(truth[..., None], signal(t_test + steps)[..., None], half)
    assert abs(result["coverage"] - 0.9) < 0.02
    assert all(abs(c - 0.9) < 0.03 for c in result["coverage_by_step"])


def test_too_few_calibration_windows_and_bad_levels_are_errors():
    with pytest.raises(DataError, match="4 calibration window"):
        conformal_halfwidth(np.ones((4, 1, 1)), 0.9)
    for bad in (0, 1, 1.5, float("nan"), True, "0.9"):
        with pytest.raises(ConfigError, match="--interval must be a coverage level in"):
            check_level(bad)
    assert interval_columns("OT") == ("OT_lower", "OT_upper")


def _noisy_sine(n: int = 1500, sigma: float = 0.3) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    t = np.arange(n)
    y = 10 + 2 * np.sin(2 * np.pi * t / 24) + rng.normal(0, sigma, n)
    return pd.DataFrame({"t": t, "y": y})


@pytest.mark.slow
def test_backtest_coverage_on_a_stationary_noisy_series_is_near_the_level():
    """End to end: a stationary series (a daily sine plus N(0, 0.3) noise), so validation
    and test errors are close to exchangeable. Three folds of 150 rows, each with ~130
    correlated test windows of 6 steps: tolerance 0.06 on the mean coverage."""
    settings = {"lookback": 24, "horizon": 6, "layers": 1, "units": 16, "epochs": 15,
                "batch_size": 32, "split": "0.5,0.2,0.3", "lr": 3e-3}  # fmt: skip
    result = Forecaster(**settings).backtest(_noisy_sine(), "y", n_folds=3, interval=0.9)
    mean = result["summary"]["interval"]["coverage"]["mean"]
    assert abs(mean - 0.9) < 0.06, [f["interval"]["coverage"] for f in result["folds"]]
