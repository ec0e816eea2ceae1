from __future__ import annotations

import numpy as np
import pytest

from lstm_doctor.errors import DataError
from lstm_doctor.reporting.forecast_data import forecast_data


def test_forecasts_reproduce_the_runs_metrics(fitted) -> None:
    forecaster, path = fitted
    data = forecast_data(forecaster, path)
    for split in ("val", "test"):
        part = data.splits[split]
        assert part.model.shape == part.truth.shape == (len(part.starts), 6, 1)
        mse = float(np.mean((part.model - part.truth) ** 2))
        assert mse == pytest.approx(forecaster.metrics_[split]["mse"], rel=1e-5)
        naive = float(np.mean((part.baselines["naive"] - part.truth) ** 2))
        assert naive == pytest.approx(
            forecaster.metrics_["baselines"]["naive"]["mse"]
            if split == "test"
            else forecaster.metrics_["baselines"]["naive"]["val"]["mse"],
            rel=1e-5,
        )
        mae = float(np.mean(np.abs(part.model_original - part.truth_original)))
        original = forecaster.metrics_["original_units"]["metrics"][split]["mae"]
        assert mae == pytest.approx(original, rel=1e-5)
    assert data.target_names == ("load",) and data.has_datetime()


def test_other_data_gets_the_runs_one_line_error(fitted, tmp_path) -> None:
    forecaster, path = fitted
    import pandas as pd

    pd.read_csv(path).drop(columns="load").to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(DataError, match="'load'"):
        forecast_data(forecaster, tmp_path / "x.csv")
