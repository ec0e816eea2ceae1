"""What a fitted Forecaster gives back: forecasts after the end of each series (from the
model, a baseline or an exported ONNX file, with conformal intervals) and the ONNX export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.config import DataConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.data.prepare import apply_scaler
from lstm_doctor.data.validate import Panel, validate_frame
from lstm_doctor.data.windows import Windows
from lstm_doctor.errors import ArtifactError, ConfigError, DataError
from lstm_doctor.evaluation.baseline_predict import baseline_forecast
from lstm_doctor.evaluation.intervals import conformal_halfwidth, interval_columns
from lstm_doctor.export.onnx import OnnxModule, export_forecaster, load_session
from lstm_doctor.training.inference import predict_windows

if TYPE_CHECKING:
    from lstm_doctor.api.forecaster import Forecaster

__all__ = ["export_forecaster_onnx", "forecast_frame", "last_windows", "predict_forecast"]


def predict_forecast(
    forecaster: Forecaster,
    data: pd.DataFrame | str | Path,
    baseline: str | None = None,
    *,
    interval: float | None = None,
    onnx: str | Path | None = None,
) -> pd.DataFrame:
    """``Forecaster.predict`` of a fitted ``forecaster`` (its docstring says what comes back)."""
    config = forecaster.config_.data
    panel = validate_frame(read_table(data, encoding=config.encoding), config)
    lookback, horizon = config.lookback, config.horizon
    short = np.flatnonzero(panel.series_lengths() < lookback)
    if short.size:
        raise DataError(
            f"Series {panel.series_ids[short[0]]!r} has {panel.series_lengths()[short[0]]} "
            f"rows; predict needs the last {lookback} (the lookback)."
        )
    if baseline is not None:
        if interval is not None or onnx is not None:
            raise ConfigError(
                "baseline= gives a baseline's forecasts; it takes no interval or onnx file. "
                "Drop one of them."
            )
        values = baseline_forecast(
            panel, baseline, horizon=horizon, season=forecaster.season_, lookback=lookback
        )
        series_all = np.arange(panel.n_series)
        return forecast_frame(panel, config, values, series_all, horizon)
    half = None
    if interval is not None:
        if getattr(forecaster, "calibration_", None) is None:
            raise ArtifactError(
                "This model has no calibration errors (it was saved by an lstm-doctor "
                "without intervals); refit it to get --interval."
            )
        half = conformal_halfwidth(forecaster.calibration_, interval)
    data, scaler_index = apply_scaler(panel, forecaster.scaler_)
    windows = last_windows(panel, data, lookback, horizon)
    model = forecaster.model_ if onnx is None else OnnxModule(onnx_session(forecaster, Path(onnx)))
    forecast = predict_windows(model, windows, forecaster.config_.train.precision)
    series = windows.series.numpy()
    targets = list(range(panel.n_targets))
    original = forecaster.scaler_.inverse_transform(forecast, scaler_index[series], targets)
    frame = forecast_frame(panel, config, original, series, horizon)
    if half is not None:  # scaled half-widths times each series' scale
        scale = forecaster.scaler_.scale[scaler_index[series]][:, targets]
        spread = half[None, :, :] * scale[:, None, :]
        for j, name in enumerate(config.target):
            at = frame.columns.get_loc(name) + 1  # lower and upper right after the target
            for offset, (column, sign) in enumerate(
                zip(interval_columns(name), (-1, 1), strict=True)
            ):
                values = original[:, :, j] + sign * spread[:, :, j]
                frame.insert(at + offset, column, values.reshape(-1))
    return frame


def onnx_session(forecaster: Forecaster, path: Path) -> Any:
    """One onnxruntime session per file (reloaded when the file changes), with as many
    threads as torch uses (``--threads``)."""
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.is_file() else None)
    cache = forecaster.__dict__.setdefault("_onnx_sessions", {})
    if key not in cache:
        cache.clear()
        cache[key] = load_session(path, threads=torch.get_num_threads())
    return cache[key]


def export_forecaster_onnx(forecaster: Forecaster, path: str | Path) -> Path:
    """``Forecaster.export_onnx`` of a fitted ``forecaster``."""
    config = forecaster.config_.data
    metadata = {
        "kind": "forecaster",
        "lookback": config.lookback,
        "horizon": config.horizon,
        "inputs": list(forecaster.scaler_.columns),
        "targets": list(config.target),
        "units": "scaled: (value - center) / scale, center and scale from the run's "
        "scaler.json (per series id and column); the forecast maps back with "
        "value = scaled * scale + center of the target columns",
        "scaler": forecaster.scaler_.to_dict(),
    }
    return export_forecaster(
        forecaster.model_, path, lookback=config.lookback, n_inputs=forecaster.model_.n_inputs,
        metadata=metadata,
    )  # fmt: skip


def last_windows(panel: Panel, data: torch.Tensor, lookback: int, horizon: int) -> Windows:
    """One window per series whose inputs are its last ``lookback`` rows (targets unknown)."""
    # Pad ``horizon`` rows after the data so the strided view reaches the last inputs; the
    # pad only fills the target slots of these windows, which nobody reads.
    padded = torch.cat([data, data.new_zeros(horizon, data.shape[1])])
    starts = torch.from_numpy(panel.offsets[1:] - lookback)
    series = torch.arange(panel.n_series)
    return Windows(padded, starts, series, lookback, horizon, panel.n_targets)


def forecast_frame(
    panel: Panel, config: DataConfig, values: np.ndarray, series: np.ndarray, horizon: int
) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    if config.id is not None:
        columns[config.id] = np.repeat([panel.series_ids[s] for s in series], horizon)
    columns["step"] = np.tile(np.arange(1, horizon + 1), len(series))
    if config.time is not None and panel.time is not None:
        times = []
        for s in series:
            t = panel.time[panel.offsets[s] : panel.offsets[s + 1]]
            if len(t) > 1:
                times.append(t[-1] + (t[-1] - t[-2]) * np.arange(1, horizon + 1))
            else:
                times.append(np.full(horizon, t[-1]))
        stamps = np.concatenate(times)
        if panel.time_zone is not None:  # the time is UTC inside; stamp in the data's zone
            stamps = pd.DatetimeIndex(stamps).tz_localize("UTC").tz_convert(panel.time_zone)
        columns[config.time] = stamps
    for j, name in enumerate(config.target):
        columns[name] = values[:, :, j].reshape(-1)
    return pd.DataFrame(columns)
