"""Rolling-origin backtest: fit and score the same settings on K consecutive test periods.

One test split is one sample of the future; a model can look good or bad on it by the luck
of that period. ``backtest`` cuts K folds (``data.folds.plan_folds``), and for each fold
splits, scales (on that fold's training rows only), trains and scores the model next to the
naive baselines on the same test windows, exactly as ``Forecaster.fit`` does for one split.
It then summarizes the folds and says whether the model's gap comes from one period.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstm_doctor.config import RunConfig
from lstm_doctor.data.folds import plan_folds
from lstm_doctor.data.prepare import Prepared, apply_scaler
from lstm_doctor.data.scale import Scaler, fit_scaler
from lstm_doctor.data.split import parse_split, split_bounds
from lstm_doctor.data.validate import Panel, validate_frame
from lstm_doctor.data.windows import Windows
from lstm_doctor.diagnosis.baselines import detect_season
from lstm_doctor.diagnosis.pipeline_checks import check_scaler_not_train_only
from lstm_doctor.errors import ConfigError, DataError, LstmDoctorError
from lstm_doctor.evaluation.evaluate import evaluate_split
from lstm_doctor.evaluation.intervals import (
    check_level,
    conformal_halfwidth,
    coverage,
    window_truth,
)
from lstm_doctor.models.lstm import build_model
from lstm_doctor.models.segment_lstm import default_segment_length
from lstm_doctor.models.warm_start import load_weights
from lstm_doctor.training.device import resolve_device
from lstm_doctor.training.inference import predict_windows
from lstm_doctor.training.trainer import train

__all__ = ["backtest", "diagnose_folds", "parse_refit", "summarize"]

log = logging.getLogger(__name__)

FoldCallback = Callable[[dict[str, Any]], None]


def parse_refit(refit: str | int) -> int:
    """``every`` -> 1, ``first`` -> 0 (never again), ``N`` -> N: refit at folds k % N == 0.

    Raises:
        ConfigError: anything else.
    """
    if refit == "every":
        return 1
    if refit == "first":
        return 0
    text = str(refit)
    if not isinstance(refit, bool) and text.isdecimal() and int(text) >= 1:
        return int(text)
    raise ConfigError(f"--refit must be every, first or a number of folds >= 1. Got {refit!r}.")


def _slice_panel(panel: Panel, first: np.ndarray, last: np.ndarray) -> Panel:
    """The rows ``[first[s], last[s])`` of every series ``s`` (series-local rows)."""
    rows = np.concatenate(
        [
            np.arange(panel.offsets[s] + first[s], panel.offsets[s] + last[s])
            for s in range(len(first))
        ]
    )
    lengths = np.asarray(last) - np.asarray(first)
    return Panel(
        values=panel.values[rows],
        columns=panel.columns,
        n_targets=panel.n_targets,
        offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        series_ids=panel.series_ids,
        time=None if panel.time is None else panel.time[rows],
        source_rows=panel.source_rows[rows],
    )


def _fold_prepared(panel: Panel, config: RunConfig, rows: np.ndarray, scaler: Scaler | None):
    """The fold's Prepared: its rows cut out, its scaler fitted on its training rows (or the
    given scaler of an earlier fold, when the model is not refitted)."""
    sub = _slice_panel(panel, rows[:, 0], rows[:, 3])
    bounds = rows[:, 1:] - rows[:, :1]
    if scaler is None:
        scaler = fit_scaler(
            config.data.scaler, sub.values, sub.offsets, bounds[:, 0], sub.columns, sub.series_ids
        )
    data, scaler_index = apply_scaler(sub, scaler)
    return Prepared(sub, config.data, bounds, scaler, data, scaler_index)


def _stamp(panel: Panel, s: int, row: int) -> Any:
    if panel.time is None:
        return row
    value = panel.time[panel.offsets[s] + row]
    return str(pd.Timestamp(value)) if np.issubdtype(panel.time.dtype, np.datetime64) else value


def _ranges(panel: Panel, rows: np.ndarray, embargo: int, s: int = 0) -> dict[str, Any]:
    """Row ranges (half-open, series-local in the whole data) and first/last target dates."""
    start, val, test, end = (int(r) for r in rows[s])
    ranges = {"train": [start, val], "val": [val, test], "test": [test, end]}
    out: dict[str, Any] = {"rows": ranges}
    if panel.time is not None:
        first = {"train": start, "val": val + embargo, "test": test + embargo}
        out["dates"] = {
            k: [_stamp(panel, s, first[k]), _stamp(panel, s, hi - 1)]
            for k, (_, hi) in ranges.items()
        }
    return out


def _check_windows(prepared: Prepared, k: int) -> dict[str, Windows]:
    try:
        return {split: prepared.windows(split) for split in ("train", "val", "test")}
    except DataError as exc:
        raise DataError(f"Fold {k}: {exc}") from None


def backtest(
    frame: pd.DataFrame,
    config: RunConfig,
    *,
    n_folds: int,
    fold_size: int | None = None,
    refit: str | int = "every",
    window: str = "expanding",
    warm_start: bool = False,
    interval: float | None = 0.9,
    on_fold: FoldCallback | None = None,
) -> dict[str, Any]:
    """Rolling-origin backtest of ``config`` on ``frame``; returns ``{"folds", "summary",
    "diagnosis", "settings"}`` (see the module docstring and docs/backtest_and_export.md).

    ``refit`` is ``every``, ``first`` or N (refit at folds 0, N, 2N, ...); a fold that is not
    refitted scores the last fitted model, with that model's scaler, on its own test block.
    ``warm_start`` starts each refit from the previous fitted weights instead of a fresh
    initialization. ``interval`` is the level of the split conformal intervals calibrated on
    each fold's validation windows (None: no intervals).

    Raises:
        ConfigError: a bad fold setting. DataError: a fold too short for its windows.
    """
    every = parse_refit(refit)
    level = None if interval is None else check_level(interval)
    panel = validate_frame(frame, config.data)
    bounds = split_bounds(
        parse_split(config.data.split),
        panel.series_lengths(),
        panel.time,
        panel.offsets,
        panel.series_ids,
    )
    plan = plan_folds(
        bounds, n_folds=n_folds, fold_size=fold_size, window=window, series_ids=panel.series_ids
    )
    device = resolve_device(config.train.device)
    precision = config.train.precision
    folds: list[dict[str, Any]] = []
    model = previous = None
    scaler, season, fitted_in = None, None, 0
    for k in range(n_folds):
        do_refit = k == 0 or (every > 0 and k % every == 0)
        prepared = _fold_prepared(panel, config, plan[k], None if do_refit else scaler)
        windows = _check_windows(prepared, k)
        started = perf_counter()
        training: dict[str, Any] = {
            "refit": do_refit,
            "model_from_fold": k if do_refit else fitted_in,
        }
        if do_refit:
            leaks = check_scaler_not_train_only(prepared)
            if leaks:  # cannot happen unless the fold cutting is broken: say so loudly
                raise LstmDoctorError(f"Fold {k}: {leaks[0].summary}")
            scaler, fitted_in = prepared.scaler, k
            season = config.data.season or detect_season(
                [t[:, 0] for t in prepared.train_targets(scaled=True)],
                max_lag=config.data.lookback,
            )
            model_config = config.model
            if model_config.architecture == "segment" and model_config.segment_length is None:
                segment = default_segment_length(config.data.lookback, season)  # as fit does
                model_config = dataclasses.replace(model_config, segment_length=segment)
            torch.manual_seed(config.train.seed)
            n_inputs, n_targets = len(panel.columns), panel.n_targets
            model = build_model(
                model_config, n_inputs, n_targets, config.data.horizon, config.data.lookback
            )
            if warm_start and previous is not None:
                load_weights(model, previous, same="network")
            model = model.to(device)
            history = train(model, windows["train"], windows["val"], config.train)
            model = previous = model.cpu()
            training.update(
                epochs=len(history), best_epoch=history.best_epoch, stop_reason=history.stop_reason
            )
        training["seconds"] = perf_counter() - started
        fitted_rows = plan[fitted_in, 0]
        fold_scaler = {
            "fitted_in_fold": fitted_in,
            "train_rows": [int(fitted_rows[0]), int(fitted_rows[1])],
            "center": prepared.scaler.center.tolist(),
            "scale": prepared.scaler.scale.tolist(),
        }
        training["scaler_check"] = (
            "passed: fitted on this fold's training rows only"
            if do_refit
            else f"the scaler of fold {fitted_in}, fitted on its training rows only"
        )
        result = evaluate_split(model, prepared, "test", season, precision)  # fold 0 fitted one
        fold = {
            "fold": k,
            **_ranges(panel, plan[k], config.data.embargo),
            "n_windows": {s: len(w) for s, w in windows.items()},
            "season": season,
            "metrics": result["model"],
            "baselines": result["baselines"],
            "original_units": result["original_units"],
            "training": training,
            "scaler": fold_scaler,
        }
        if panel.n_series > 1:
            fold["rows_by_series"] = {
                sid: _ranges(panel, plan[k], config.data.embargo, s)["rows"]
                for s, sid in enumerate(panel.series_ids)
            }
        fold["test_start"] = fold.get("dates", fold["rows"])["test"][0]
        fold["test_end"] = fold.get("dates", fold["rows"])["test"][1]
        val_forecast = predict_windows(model, windows["val"], precision)
        val_errors = np.abs(val_forecast - window_truth(prepared, windows["val"]))
        fold["val_mse"] = float(np.mean(val_errors**2))
        if level is not None:
            half = conformal_halfwidth(val_errors, level)
            test_forecast = predict_windows(model, windows["test"], precision)
            scale = prepared.scaler.scale[prepared.scaler_index[windows["test"].series.numpy()]]
            fold["interval"] = {
                "level": level,
                "calibration_windows": len(windows["val"]),
                **coverage(window_truth(prepared, windows["test"]), test_forecast, half),
                "mean_halfwidth_original": float(
                    np.mean(half[None] * scale[:, None, : panel.n_targets])
                ),
            }
        folds.append(fold)
        if on_fold is not None:
            on_fold(fold)
    return {
        "settings": {
            "folds": n_folds,
            "fold_size": int(plan[0, 0, 3] - plan[0, 0, 2]),
            "refit": refit,
            "window": window,
            "warm_start": warm_start,
            "interval": level,
            "embargo": config.data.embargo,
        },
        "folds": folds,
        "summary": summarize(folds),
        "diagnosis": diagnose_folds(folds),
    }


def _spread(values: list[float]) -> dict[str, float]:
    array = np.asarray(values, dtype=np.float64)
    return {
        "mean": float(array.mean()),
        "std": float(array.std(ddof=1)) if len(array) > 1 else 0.0,
        "min": float(array.min()),
        "max": float(array.max()),
    }


def summarize(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean and spread of the model's test MSE/MAE, its worst fold, and in how many folds it
    beats each baseline (by test MSE, on the same windows)."""
    mse = [f["metrics"]["mse"] for f in folds]
    worst = int(np.argmax(mse))
    beats = {
        name: sum(
            f["baselines"][name] is not None and f["metrics"]["mse"] < f["baselines"][name]["mse"]
            for f in folds
        )
        for name in folds[0]["baselines"]
    }
    baselines = {
        name: _spread([f["baselines"][name]["mse"] for f in folds])
        for name in folds[0]["baselines"]
        if all(f["baselines"][name] is not None for f in folds)
    }
    summary: dict[str, Any] = {
        "mse": _spread(mse),
        "mae": _spread([f["metrics"]["mae"] for f in folds]),
        "mse_original": _spread([f["original_units"]["model"]["mse"] for f in folds]),
        "worst_fold": {"fold": worst, "test_start": folds[worst]["test_start"], "mse": mse[worst]},
        "baselines_mse": baselines,
        "model_beats": {name: f"{n}/{len(folds)}" for name, n in beats.items()},
        "seconds": float(sum(f["training"]["seconds"] for f in folds)),
        "epochs": int(sum(f["training"].get("epochs", 0) for f in folds)),
    }
    if "interval" in folds[0]:
        summary["interval"] = {
            "level": folds[0]["interval"]["level"],
            "coverage": _spread([f["interval"]["coverage"] for f in folds]),
        }
    return summary


def diagnose_folds(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Does the model's shortfall come from one period? Counted, not thresholded.

    Per fold: the model's skill over the best baseline of that fold (``1 - mse / best``).
    ``consistent``: it beats the best baseline in every fold; ``never``: in none;
    ``one_period``: it loses in exactly one fold (named, with its dates) and wins elsewhere;
    ``several_periods``: it loses in more than one. ``worst_fold_share`` is the worst fold's
    share of the model's summed test MSE (1/K when the folds are equally hard).
    """
    skills, losing = [], []
    for f in folds:
        computed = {k: v["mse"] for k, v in f["baselines"].items() if v is not None}
        best = min(computed, key=computed.__getitem__)
        skill = 1.0 - f["metrics"]["mse"] / computed[best] if computed[best] > 0 else float("nan")
        skills.append(skill)
        if not skill > 0:
            losing.append({"fold": f["fold"], "test_start": f["test_start"], "best_baseline": best})
    mse = np.array([f["metrics"]["mse"] for f in folds])
    worst = int(np.argmax(mse))
    n = len(folds)
    if not losing:
        verdict, text = "consistent", f"The model beats the best baseline in all {n} folds."
    elif len(losing) == n:
        verdict = "never"
        text = f"The model does not beat the best baseline in any of the {n} folds."
    elif len(losing) == 1:
        verdict = "one_period"
        text = (
            f"The model loses to {losing[0]['best_baseline']} only in fold {losing[0]['fold']} "
            f"(test from {losing[0]['test_start']}) and wins in the other {n - 1}: the gap comes "
            "from that period."
        )
    else:
        verdict = "several_periods"
        text = f"The model loses to the best baseline in {len(losing)} of {n} folds."
    return {
        "verdict": verdict,
        "text": text,
        "skill_by_fold": [round(s, 4) for s in skills],
        "losing_folds": losing,
        "worst_fold_share": float(mse[worst] / mse.sum()) if mse.sum() > 0 else None,
        "test_over_val_by_fold": [round(f["metrics"]["mse"] / f["val_mse"], 4) for f in folds],
    }
