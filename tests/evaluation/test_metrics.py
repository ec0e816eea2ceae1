"""Tests of the forecast metrics against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_doctor.evaluation.metrics import forecast_metrics, mase_scale


def as_windows(values: list[float]) -> np.ndarray:
    """(2 windows, 2 steps, 1 target) from four values."""
    return np.array(values, dtype=np.float32).reshape(2, 2, 1)


def test_forecast_metrics_by_hand():
    truth = as_windows([1.0, 2.0, 0.0, 4.0])
    prediction = as_windows([1.0, 3.0, 0.0, 2.0])
    # errors 0, 1, 0, -2
    # sMAPE terms 2|e| / (|y| + |p|): 0/2, 2/5, 0/0 -> 0, 4/6

    metrics = forecast_metrics(prediction, truth, scale=0.5)

    assert metrics == pytest.approx(
        {
            "mse": 5 / 4,
            "mae": 3 / 4,
            "rmse": math.sqrt(5 / 4),
            "smape": 100 * (2 / 5 + 4 / 6) / 4,
            "mase": (3 / 4) / 0.5,
        }
    )
    assert all(type(v) is float for v in metrics.values())


def test_smape_counts_zero_over_zero_as_no_error():
    zeros = np.zeros((3, 2, 2))
    metrics = forecast_metrics(zeros, zeros, scale=1.0)
    assert metrics == {"mse": 0.0, "mae": 0.0, "rmse": 0.0, "smape": 0.0, "mase": 0.0}


def test_smape_is_200_when_one_side_is_zero():
    truth = as_windows([1.0, 2.0, 3.0, 4.0])
    assert forecast_metrics(np.zeros_like(truth), truth, 1.0)["smape"] == pytest.approx(200.0)


def test_metrics_average_over_windows_steps_and_targets():
    truth = np.zeros((2, 3, 2))
    prediction = np.zeros((2, 3, 2))
    prediction[1, 2, 1] = 6.0  # one error of 6 among 12 elements
    metrics = forecast_metrics(prediction, truth, 2.0)
    assert metrics["mse"] == pytest.approx(36 / 12)
    assert metrics["mae"] == pytest.approx(6 / 12)
    assert metrics["mase"] == pytest.approx(6 / 12 / 2.0)


def test_mase_is_nan_without_a_scale():
    truth = as_windows([1.0, 2.0, 3.0, 4.0])
    assert math.isnan(forecast_metrics(truth + 1, truth, math.nan)["mase"])


def test_metrics_are_computed_in_float64():
    truth = np.full((1, 1, 1), 1e8, dtype=np.float32)
    prediction = truth + np.float32(8.0)
    assert forecast_metrics(prediction, truth, 1.0)["mse"] == 64.0


def test_mase_scale_without_season_is_the_mean_lag_one_difference():
    assert mase_scale([np.array([[1.0], [2.0], [4.0], [7.0]])], None) == pytest.approx(2.0)


def test_mase_scale_with_season_uses_that_lag():
    # lag 2: |4 - 1|, |7 - 2|
    assert mase_scale([np.array([[1.0], [2.0], [4.0], [7.0]])], 2) == pytest.approx(4.0)


def test_mase_scale_never_differences_across_series():
    first = np.array([[0.0], [1.0]])  # difference 1
    second = np.array([[10.0], [13.0], [19.0]])  # differences 3, 6; crossing would add 9
    assert mase_scale([first, second], None) == pytest.approx((1 + 3 + 6) / 3)


def test_mase_scale_pools_every_target():
    targets = np.array([[0.0, 0.0], [1.0, 10.0], [3.0, 30.0]])  # 1, 2 and 10, 20
    assert mase_scale([targets], None) == pytest.approx(33 / 4)


def test_mase_scale_skips_series_shorter_than_the_season():
    short = np.array([[100.0], [0.0]])
    longer = np.array([[1.0], [2.0], [3.0], [5.0]])  # lag 3: |5 - 1|
    assert mase_scale([short, longer], 3) == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("targets", "season"),
    [([np.array([[1.0], [2.0]])], 5), ([np.full((10, 1), 3.0)], None), ([], None)],
    ids=["too-short", "constant", "no-series"],
)
def test_mase_scale_is_nan_when_there_is_nothing_to_scale_by(targets, season):
    assert math.isnan(mase_scale(targets, season))
