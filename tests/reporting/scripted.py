"""Scripted run data for the report's tests: Histories, findings, metrics, heal steps and
tune trials written by hand, and forecasts built without training."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor import Forecaster
from lstm_doctor.history import History
from lstm_doctor.reporting.forecast_data import ForecastData, SplitForecast


def history(
    n: int = 12, *, val: bool = True, nan_epoch: int | None = None, decades: bool = False
) -> History:
    """Train falls; val falls then rises after epoch n//2 (overfitting); lr halves once."""
    h = History()
    for epoch in range(1, n + 1):
        train = 10.0 ** (-epoch / 3) + 0.01 if decades else 0.3 + 0.5 / epoch
        v = 0.5 / min(epoch, n // 2 or 1) + 0.02 * max(0, epoch - n // 2) if val else math.nan
        if epoch == nan_epoch:
            train = v = math.nan
        lr = 1e-3 if epoch <= n // 2 else 5e-4
        h.append(epoch=epoch, train_loss=train, val_loss=v, lr=lr, grad_norm=1.0, seconds=0.1)
    h.best_epoch = max(1, n // 2) if val else None
    h.stop_reason = "early_stopping" if val else "max_epochs"
    if nan_epoch is not None:
        h.events.append({"epoch": nan_epoch, "kind": "nonfinite_loss", "lr_after": 5e-4})
    return h


def findings() -> list[dict[str, Any]]:
    return [
        {
            "kind": "overfitting",
            "severity": "warning",
            "summary": "overfitting: val loss rose 60.0% after epoch 6 while train loss fell",
            "evidence": {"best_epoch": 6, "val_rise_pct": 60.0},
            "confidence": 1.0,
            "remedies": [
                {"change": {"dropout": 0.2}, "reason": "Dropout <helps>.", "available": True}
            ],
        },
        {
            "kind": "distribution_shift",
            "severity": "critical",
            "summary": "distribution shift: covariate 'temperature' in test sits 3.1 SDs below",
            "evidence": {"split": "test", "column": "temperature", "level_shift_sd": -3.1},
            "confidence": 1.0,
            "remedies": [],
        },
    ]


def metrics(beats: bool = False, test: bool = True) -> dict[str, Any]:
    model_test = 0.03 if beats else 2.3
    out: dict[str, Any] = {
        "val": {"mse": 0.12, "mae": 0.28},
        "n_windows": {"val": 500, "test": 1000},
        "season": 24,
        "baselines": {
            "naive": {"mse": 2.9, "mae": 1.4, "val": {"mse": 1.7, "mae": 1.0}},
            "seasonal_naive": {"mse": 0.21, "mae": 0.35, "val": {"mse": 0.16, "mae": 0.32}},
            "mean": None,
        },
        "original_units": {
            "metrics": {"val": {"mae": 0.7}, "test": {"mae": 3.3}},
            "baselines": {"naive": {"mae": 3.2, "val": {"mae": 2.5}}, "seasonal_naive": None},
        },
        "skill": {
            "best_baseline": "seasonal_naive",
            "best_baseline_mse": 0.21,
            "skill": 1 - model_test / 0.21,
        },
    }
    if test:
        out["test"] = {"mse": model_test, "mae": 1.4}
    else:
        del out["skill"]
    return out


def treatment() -> dict[str, Any]:
    step = {
        "finding": "underfitting",
        "summary": "s",
        "evidence": {},
        "before": {},
        "warm_start": False,
        "error": None,
        "seconds": 12.5,
    }
    return {
        "stop_reason": "budget",
        "lr_find": {
            "lrs": list(np.geomspace(1e-6, 1, 50)),
            "losses": list(np.linspace(1, 0.2, 50)),
            "smoothed": list(np.linspace(1, 0.2, 50)),
            "suggestion": 3e-3,
            "rule": "steepest fall",
        },
        "start_val_mse": 0.055,
        "final_val_mse": 0.050,
        "steps": [
            {
                **step,
                "step": 1,
                "change": {"units": 64},
                "val_before": 0.055,
                "val_after": 0.050,
                "kept": True,
            },
            {
                **step,
                "step": 2,
                "change": {"dropout": 0.2},
                "val_before": 0.050,
                "val_after": 0.058,
                "kept": False,
            },
            {
                **step,
                "step": 3,
                "change": {"lookback": 9999},
                "val_before": 0.050,
                "val_after": None,
                "kept": False,
                "error": "lookback longer than the data",
            },
        ],
        "comparison": [
            {"model": "healed", "val_mse": 0.05, "test_mse": 0.027},
            {"model": "naive", "val_mse": 0.07, "test_mse": 0.034},
        ],
    }


def trials() -> list[dict[str, Any]]:
    return [
        {"number": 0, "state": "complete", "value": 0.8},
        {"number": 1, "state": "pruned", "value": 1.3},
        {"number": 2, "state": "complete", "value": 0.7},
        {"number": 3, "state": "failed", "value": None},
    ]


def forecasts(frame: pd.DataFrame, error: float = 0.3, seed: int = 0) -> ForecastData:
    """ForecastData of the demo frame whose 'model' is the truth plus seeded noise."""
    settings = {"lookback": 24, "horizon": 6}
    prepared = Forecaster(**settings).prepare(
        frame, target="load", time="time", covariates="temperature"
    )
    rng = np.random.default_rng(seed)
    values = prepared.data.numpy()
    splits = {}
    for split in ("val", "test"):
        windows = prepared.windows(split)
        starts, series = windows.starts.numpy(), windows.series.numpy()
        rows = starts[:, None] + 24 + np.arange(6)[None, :]
        truth = values[rows, :1]
        model = truth + rng.normal(0, error, truth.shape)
        naive = np.repeat(values[starts + 23, None, :1], 6, axis=1)
        scaler_rows = prepared.scaler_index[series]

        def original(a, rows=scaler_rows):
            return prepared.scaler.inverse_transform(a, rows, [0])

        splits[split] = SplitForecast(
            split,
            starts,
            series,
            truth,
            model,
            {"naive": naive},
            original(truth),
            original(model),
            {"naive": original(naive)},
        )
    return ForecastData(prepared, 24, 6, 24, splits)
