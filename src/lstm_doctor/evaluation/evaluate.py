"""Score a model and the naive baselines on the same windows, in scaled and original units."""

from __future__ import annotations

from typing import Any

import numpy as np
from torch import nn

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.data.windows import Windows
from lstm_doctor.diagnosis.baselines import baseline_forecasts
from lstm_doctor.evaluation.metrics import forecast_metrics, mase_scale
from lstm_doctor.training.inference import predict_windows

__all__ = [
    "baseline_mse",
    "evaluate_split",
    "merge_results",
    "skill_summary",
    "truth_and_baselines",
]


def truth_and_baselines(
    prepared: Prepared, windows: Windows, season: int | None
) -> tuple[np.ndarray, dict[str, np.ndarray | None]]:
    """Targets (windows, horizon, targets) of ``windows`` and each baseline's forecast."""
    starts, series = windows.starts.numpy(), windows.series.numpy()
    data = prepared.data.numpy()
    lookback, horizon, n_targets = windows.lookback, windows.horizon, windows.n_targets
    target_rows = starts[:, None] + lookback + np.arange(horizon)[None, :]
    train_means = np.stack([t.mean(axis=0) for t in prepared.train_targets(scaled=True)])
    forecasts = baseline_forecasts(
        data,
        starts,
        series,
        train_means,
        lookback=lookback,
        horizon=horizon,
        n_targets=n_targets,
        season=season,
    )
    return data[target_rows, :n_targets], forecasts


def baseline_mse(prepared: Prepared, split: str, season: int | None) -> dict[str, float]:
    """Scaled MSE of every computable baseline on the windows of ``split`` (no model)."""
    truth, forecasts = truth_and_baselines(prepared, prepared.windows(split), season)
    return {
        name: float(np.mean((forecast - truth) ** 2))
        for name, forecast in forecasts.items()
        if forecast is not None
    }


def evaluate_split(
    model: nn.Module, prepared: Prepared, split: str, season: int | None, precision: str = "fp32"
) -> dict[str, Any]:
    """Metrics of the model and of every baseline on the windows of ``split``.

    Returns ``{"n_windows", "model", "baselines", "original_units": {"model", "baselines"}}``;
    a baseline that cannot be computed (seasonal naive without a season) is None.
    """
    windows = prepared.windows(split)
    series, n_targets = windows.series.numpy(), windows.n_targets
    truth, baselines = truth_and_baselines(prepared, windows, season)
    forecasts = {"model": predict_windows(model, windows, precision), **baselines}
    scale_scaled = mase_scale(prepared.train_targets(scaled=True), season)
    scale_original = mase_scale(prepared.train_targets(scaled=False), season)
    scaler_rows = prepared.scaler_index[series]
    target_columns = list(range(n_targets))

    def original(values: np.ndarray) -> np.ndarray:
        return prepared.scaler.inverse_transform(values, scaler_rows, target_columns)

    truth_original = original(truth)
    scaled, in_original = {}, {}
    for name, forecast in forecasts.items():
        if forecast is None:
            scaled[name] = in_original[name] = None
            continue
        scaled[name] = forecast_metrics(forecast, truth, scale_scaled)
        in_original[name] = forecast_metrics(original(forecast), truth_original, scale_original)
    model_scaled, model_original = scaled.pop("model"), in_original.pop("model")
    return {
        "n_windows": len(windows),
        "model": model_scaled,
        "baselines": scaled,
        "original_units": {"model": model_original, "baselines": in_original},
    }


def skill_summary(result: dict[str, Any]) -> dict[str, Any]:
    """The best baseline by MSE and the model's skill over it: ``1 - mse_model / mse_best``.

    Skill > 0 means the model beats every baseline; <= 0 means a naive rule does as well.
    """
    candidates = {k: v["mse"] for k, v in result["baselines"].items() if v is not None}
    best = min(candidates, key=candidates.__getitem__)
    best_mse = candidates[best]
    skill = 1.0 - result["model"]["mse"] / best_mse if best_mse > 0 else float("nan")
    return {"best_baseline": best, "best_baseline_mse": best_mse, "skill": skill}


def merge_results(results: dict[str, dict[str, Any]], season: int | None) -> dict[str, Any]:
    """Merge ``evaluate_split`` results of several splits into one report.

    The last split is the headline: ``report[split]`` holds the model's metrics per split;
    ``report["baselines"][name]`` holds a baseline's headline metrics with the other splits
    nested under their names (``None`` for a baseline that could not be computed); the same
    again under ``report["original_units"]``; and the model's ``skill`` on the headline.
    """
    splits = list(results)
    headline = splits[-1]

    def baselines(units: str) -> dict[str, Any]:
        def view(split: str) -> dict[str, Any]:
            result = results[split]
            return result if units == "scaled" else result["original_units"]

        merged: dict[str, Any] = {}
        for name, metrics in view(headline)["baselines"].items():
            if metrics is None:
                merged[name] = None
                continue
            others = {s: view(s)["baselines"][name] for s in splits if s != headline}
            merged[name] = {**metrics, **others}
        return merged

    return {
        **{s: results[s]["model"] for s in splits},
        "n_windows": {s: results[s]["n_windows"] for s in splits},
        "season": season,
        "baselines": baselines("scaled"),
        "original_units": {
            "metrics": {s: results[s]["original_units"]["model"] for s in splits},
            "baselines": baselines("original"),
        },
        "skill": skill_summary(results[headline]),
    }
