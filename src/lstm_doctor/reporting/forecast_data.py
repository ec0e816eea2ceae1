"""What the forecast sections of a report plot: the model's and the baselines' forecasts on
the validation and test windows, the truth, and the split, recomputed from a fitted model
and its data with the run's own (training-split) scaler. Nothing is refitted."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import Prepared, prepare
from lstm_doctor.data.validate import validate_frame
from lstm_doctor.evaluation.evaluate import truth_and_baselines
from lstm_doctor.training.inference import predict_windows

__all__ = ["ForecastData", "SplitForecast", "forecast_data"]

BASELINE_NAMES = {"naive": "naive", "seasonal_naive": "seasonal naive", "mean": "mean"}


@dataclass
class SplitForecast:
    """Forecasts of one split: arrays are (windows, horizon, targets), scaled and original."""

    split: str
    starts: np.ndarray  # absolute row of each window's first input
    series: np.ndarray  # series index of each window
    truth: np.ndarray
    model: np.ndarray
    baselines: dict[str, np.ndarray] = field(default_factory=dict)
    truth_original: np.ndarray | None = None
    model_original: np.ndarray | None = None
    baselines_original: dict[str, np.ndarray] = field(default_factory=dict)

    def window_mse(self) -> np.ndarray:
        """Each window's MSE over its horizon and targets (scaled units)."""
        return ((self.model - self.truth) ** 2).mean(axis=(1, 2))


@dataclass
class ForecastData:
    """The prepared data (split and scaled as in the run) and each split's forecasts."""

    prepared: Prepared
    lookback: int
    horizon: int
    season: int | None
    splits: dict[str, SplitForecast]

    @property
    def target_names(self) -> tuple[str, ...]:
        panel = self.prepared.panel
        return panel.columns[: panel.n_targets]

    def times(self) -> np.ndarray:
        """(rows,) the time column, or the row number within the file when there is none."""
        panel = self.prepared.panel
        if panel.time is not None:
            return np.asarray(panel.time)
        return np.arange(len(panel.values))

    def has_datetime(self) -> bool:
        return self.prepared.panel.time is not None and np.issubdtype(
            np.asarray(self.prepared.panel.time).dtype, np.datetime64
        )


def forecast_data(
    forecaster, data: pd.DataFrame | str, splits: tuple[str, ...] = ("val", "test")
) -> ForecastData:
    """Forecasts of a fitted ``Forecaster`` on ``data``'s val and test windows."""
    config = forecaster.config_
    prepared = prepare(
        validate_frame(read_table(data), config.data), config.data, scaler=forecaster.scaler_
    )
    out: dict[str, SplitForecast] = {}
    for split in splits:
        windows = prepared.windows(split)
        starts, series, n_targets = (
            windows.starts.numpy(),
            windows.series.numpy(),
            windows.n_targets,
        )
        truth, baselines = truth_and_baselines(prepared, windows, forecaster.season_)
        model = predict_windows(forecaster.model_, windows, config.train.precision)
        scaler_rows = prepared.scaler_index[series]

        def original(array: np.ndarray, rows=scaler_rows, k=n_targets) -> np.ndarray:
            return prepared.scaler.inverse_transform(array, rows, list(range(k)))

        kept = {k: v for k, v in baselines.items() if v is not None}
        out[split] = SplitForecast(
            split,
            starts,
            series,
            truth,
            model,
            kept,
            original(truth),
            original(model),
            {k: original(v) for k, v in kept.items()},
        )
    return ForecastData(
        prepared, config.data.lookback, config.data.horizon, forecaster.season_, out
    )
