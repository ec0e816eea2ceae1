"""Tests of the naive baselines and of season detection."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstm_doctor.diagnosis.baselines import BASELINES, baseline_forecasts, detect_season

LOOKBACK, HORIZON, N_TARGETS = 4, 3, 2


@pytest.fixture
def data() -> np.ndarray:
    """(rows, features): targets t and 100 + 10 t, then a covariate that must never be read."""
    t = np.arange(12, dtype=np.float64)
    return np.stack([t, 100 + 10 * t, np.full(12, -1.0)], axis=1)


def forecasts(data: np.ndarray, season: int | None, lookback: int = LOOKBACK):
    return baseline_forecasts(
        data,
        starts=np.array([0, 3]),
        series=np.array([0, 1]),
        train_means=np.array([[0.5, 5.0], [-2.0, 20.0]]),
        lookback=lookback,
        horizon=HORIZON,
        n_targets=N_TARGETS,
        season=season,
    )


def test_every_baseline_is_returned():
    assert BASELINES == ("naive", "seasonal_naive", "mean")


def test_naive_repeats_the_last_input_row(data):
    # Window 0 reads rows 0..3, window 1 rows 3..6.
    expected = np.array([[[3.0, 130.0]] * 3, [[6.0, 160.0]] * 3])
    np.testing.assert_array_equal(forecasts(data, None)["naive"], expected)


def test_mean_repeats_the_training_mean_of_each_windows_series(data):
    expected = np.array([[[0.5, 5.0]] * 3, [[-2.0, 20.0]] * 3])
    np.testing.assert_array_equal(forecasts(data, None)["mean"], expected)


def test_seasonal_naive_repeats_the_last_season(data):
    # Season 2: window 0 repeats rows 2, 3 -> 2, 3, 2; window 1 rows 5, 6 -> 5, 6, 5.
    expected = np.array(
        [
            [[2.0, 120.0], [3.0, 130.0], [2.0, 120.0]],
            [[5.0, 150.0], [6.0, 160.0], [5.0, 150.0]],
        ]
    )
    np.testing.assert_array_equal(forecasts(data, 2)["seasonal_naive"], expected)


def test_seasonal_naive_with_a_season_of_the_whole_lookback(data):
    # Season 4 = lookback: window 0 reads rows 0, 1, 2 of its input.
    result = forecasts(data, 4)["seasonal_naive"]
    np.testing.assert_array_equal(result[0, :, 0], [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(result[1, :, 0], [3.0, 4.0, 5.0])


def test_seasonal_naive_with_season_one_is_naive(data):
    result = forecasts(data, 1)
    np.testing.assert_array_equal(result["seasonal_naive"], result["naive"])


@pytest.mark.parametrize("season", [None, LOOKBACK + 1, 24])
def test_seasonal_naive_is_none_without_a_season_that_fits_the_lookback(data, season):
    result = forecasts(data, season)
    assert result["seasonal_naive"] is None
    assert result["naive"] is not None and result["mean"] is not None


def test_baselines_have_the_shape_of_the_model_output(data):
    for name, forecast in forecasts(data, 2).items():
        assert forecast.shape == (2, HORIZON, N_TARGETS), name


# --- detect_season ----------------------------------------------------------------------------


def hourly_daily_sine(rng: np.random.Generator, n_days: int = 60) -> np.ndarray:
    t = np.arange(24 * n_days)
    return np.sin(2 * np.pi * t / 24) + 0.01 * t + 0.3 * rng.standard_normal(len(t))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("max_lag", [48, 96])
def test_detect_season_finds_a_day_in_a_noisy_hourly_series_with_trend(seed, max_lag):
    rng = np.random.default_rng(seed)
    assert detect_season([hourly_daily_sine(rng)], max_lag=max_lag) == 24


@pytest.mark.parametrize("seed", range(5))
def test_detect_season_finds_a_week_in_a_daily_series(seed):
    rng = np.random.default_rng(seed)
    t = np.arange(2 * 365)
    weekly = np.where(t % 7 >= 5, 2.0, 0.0) + np.sin(2 * np.pi * t / 7)  # weekends differ
    series = 10 + 0.002 * t + weekly + 0.5 * rng.standard_normal(len(t))
    assert detect_season([series], max_lag=30) == 7


def test_detect_season_averages_over_series():
    rng = np.random.default_rng(5)
    t = np.arange(300)
    series = [
        level + np.sin(2 * np.pi * (t + phase) / 12) + 0.5 * rng.standard_normal(len(t))
        for level, phase in ((0.0, 0), (50.0, 3), (-7.0, 7))
    ]
    assert detect_season(series, max_lag=40) == 12


@pytest.mark.parametrize("seed", range(5))
def test_detect_season_finds_nothing_in_white_noise(seed):
    rng = np.random.default_rng(seed)
    assert detect_season([rng.standard_normal(24 * 60)], max_lag=48) is None


@pytest.mark.parametrize("seed", range(5))
def test_detect_season_finds_nothing_in_a_random_walk(seed):
    rng = np.random.default_rng(seed)
    assert detect_season([np.cumsum(rng.standard_normal(24 * 60))], max_lag=48) is None


@pytest.mark.parametrize(
    "series",
    [[], [np.ones(3)], [np.zeros(500)], [np.arange(500.0)], [np.full(500, 4.0)]],
    ids=["no-series", "too-short", "zeros", "straight-line", "constant"],
)
def test_detect_season_finds_nothing_without_variation(series):
    assert detect_season(series, max_lag=24) is None


def test_detect_season_lowers_max_lag_to_a_third_of_a_short_series():
    # Period 20 fits max_lag 48 but not a third of 45 rows: it cannot be claimed.
    t = np.arange(45)
    result = detect_season([np.sin(2 * np.pi * t / 20)], max_lag=48)
    assert result is None or result <= 45 // 3


# --- detect_season on the real benchmark data (skipped where ../shared/data is absent) -----
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.mark.parametrize(
    ("file", "column", "n_train", "max_lag", "expected"),
    [
        ("ETTh1.csv", "OT", 8640, 96, 24),  # hourly: a day
        ("ETTm1.csv", "OT", 34560, 96, 96),  # 15-minute: a day
        ("EuStockMarkets.csv", "DAX", 1302, 60, None),  # an index level: no season
    ],
)
def test_detect_season_on_real_series(file, column, n_train, max_lag, expected):
    path = SHARED / file
    if not path.exists():
        pytest.skip(f"{path} is not here")
    values = pd.read_csv(path, usecols=[column])[column].to_numpy()[:n_train]
    assert detect_season([values], max_lag=max_lag) == expected
