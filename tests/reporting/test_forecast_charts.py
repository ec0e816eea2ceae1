from __future__ import annotations

import numpy as np
import pytest
from scripted import forecasts

from lstm_doctor.reporting.forecast_charts import (
    acf_chart,
    error_distribution_chart,
    errors_over_time_chart,
    horizon_chart,
    overlay_chart,
    residual_acf,
    shift_chart,
    window_choice,
    windows_chart,
)


@pytest.fixture(scope="module")
def data():
    from lstm_doctor.data import make_demo_frame

    return forecasts(make_demo_frame(n_hours=1200, seed=1))


def test_window_choice_is_best_median_worst_by_mse(data) -> None:
    part = data.splits["test"]
    mse = part.window_mse()
    picks = dict(window_choice(part))
    assert mse[picks["best (lowest MSE)"]] == mse.min()
    assert mse[picks["worst (highest MSE)"]] == mse.max()
    assert mse[picks["median MSE"]] == np.sort(mse)[len(mse) // 2]


def test_residual_acf_is_one_for_a_periodic_series_at_its_period() -> None:
    x = np.tile([1.0, -1.0], 200)
    acf = residual_acf(x, 4)
    assert acf[1] == pytest.approx(1.0, abs=0.01) and acf[0] == pytest.approx(-1.0, abs=0.01)
    assert residual_acf(np.ones(10), 3).tolist() == [0.0, 0.0, 0.0]  # no variance: no structure


def test_forecast_charts_label_their_units_and_choices(data) -> None:
    svg = windows_chart(data)
    for text in (
        "best (lowest MSE)",
        "median MSE",
        "worst (highest MSE)",
        "forecast origin",
        "load (original units)",
        "naive",
    ):
        assert text in svg
    svg = overlay_chart(data)
    assert "one-step-ahead" in svg and "6-step-ahead" in svg
    assert "horizon step" in horizon_chart(data)
    assert "window MSE (scaled units)" in errors_over_time_chart(data)
    assert "forecast − actual, load (original units)" in error_distribution_chart(data)
    assert "95% band of white noise" in acf_chart(data)
    assert "train (" in shift_chart(data, ["temperature"])


def test_long_splits_are_decimated_and_say_so(data, monkeypatch) -> None:
    from lstm_doctor.reporting import figures

    assert "drawn as" not in overlay_chart(data)  # ~230 test rows: nothing dropped
    monkeypatch.setattr(figures, "MAX_POINTS", 50)
    assert "drawn as ~50" in overlay_chart(data)


def test_a_long_series_keeps_every_figure_small() -> None:
    from lstm_doctor.data import make_demo_frame

    long = forecasts(make_demo_frame(n_hours=30_000, seed=2))  # 6,000 test windows
    assert len(long.splits["test"].starts) > 5000
    sizes = {
        "overlay": len(overlay_chart(long)),
        "over_time": len(errors_over_time_chart(long)),
        "distribution": len(error_distribution_chart(long)),
        "acf": len(acf_chart(long)),
    }
    assert max(sizes.values()) < 250_000, sizes  # bytes: bounded by decimation, not by length
