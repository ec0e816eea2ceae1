"""The healed model against the best naive baseline, on validation, before the test read.

A lower validation MSE is not yet a reason to deploy the model instead of the baseline: on a
small validation split a few lucky windows make it. So the verdict is read like a treatment
step, on the same windows:

- **beats**: the paired test (``treatment.paired``, one pre-specified comparison, one-sided
  at 0.05) puts the model's per-window losses below the baseline's; or, where validation is
  too small for that test (the treatment's own "cannot support fine choices", or fewer than
  ``TARGET_EFFECTIVE`` effective windows in the validation split), the model's val MSE is at
  most ``COARSE_FACTOR`` times the baseline's, the rule the treatment applies to its own
  changes there;
- **cannot tell**: a lower val MSE that neither rule confirms;
- **does NOT beat**: a val MSE at or above the baseline's.

Whenever the model is not shown to beat the baseline, the text says how to deploy the
baseline instead (``lstm-doctor predict RUN DATA --baseline ...``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.evaluation.baseline_predict import DEPLOYABLE_BASELINES
from lstm_doctor.evaluation.evaluate import truth_and_baselines
from lstm_doctor.training.inference import predict_windows
from lstm_doctor.treatment.heal import COARSE_FACTOR
from lstm_doctor.treatment.origins import TARGET_EFFECTIVE
from lstm_doctor.treatment.paired import effective_windows, paired_decision

__all__ = ["baseline_verdict", "best_baseline_val", "split_losses", "window_losses"]


def split_losses(
    forecaster: Forecaster, frame: pd.DataFrame, split: str = "val", baselines: tuple[str, ...] = ()
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Per-window MSE on ``split`` (scaled units) of the model (``"model"``) and of each named
    naive baseline, on the same windows, with each window's key: the global row of its first
    target, so that two models with other lookbacks pair on the same targets. The data are
    prepared once and the baselines computed only when asked for."""
    prepared = forecaster._prepare(frame)
    windows = prepared.windows(split)
    starts = windows.starts.numpy()
    rows = starts[:, None] + windows.lookback + np.arange(windows.horizon)[None, :]
    truth = prepared.data.numpy()[rows, : windows.n_targets]
    forecasts = {
        "model": predict_windows(forecaster.model_, windows, forecaster.config_.train.precision)
    }
    if baselines:
        _, found = truth_and_baselines(prepared, windows, forecaster.season_)
        forecasts.update({name: found[name] for name in baselines})
    keys = (starts + windows.lookback).astype(np.int64)
    order = np.argsort(keys, kind="stable")
    losses = {
        name: ((forecast - truth) ** 2).mean(axis=(1, 2)).astype(np.float64)[order]
        for name, forecast in forecasts.items()
    }
    return keys[order], losses


def window_losses(
    forecaster: Forecaster, frame: pd.DataFrame, split: str = "val"
) -> tuple[np.ndarray, np.ndarray]:
    """The model's per-window MSE on ``split`` and the windows' keys (``split_losses``). Heal
    reads only "val"; the heal benchmark reads "test" after the fact, to report."""
    keys, losses = split_losses(forecaster, frame, split)
    return keys, losses["model"]


def best_baseline_val(forecaster: Forecaster) -> tuple[str, float] | None:
    """The baseline with the lowest validation MSE, and that MSE (None without any)."""
    found = {}
    for name, values in forecaster.metrics_["baselines"].items():
        if values is not None:
            found[name] = values["val"]["mse"] if "val" in values else values["mse"]
    if not found:
        return None
    name = min(found, key=found.__getitem__)
    return name, float(found[name])


def baseline_verdict(
    forecaster: Forecaster, frame: pd.DataFrame | None = None, *, small_validation: bool = False
) -> dict[str, Any] | None:
    """Is the model shown to beat the best naive baseline on validation (module docstring)?
    With the numbers and, when it is not, what to deploy instead. Reads validation only
    (call it before ``finish``). Without ``frame`` only the val MSEs are compared."""
    found = best_baseline_val(forecaster)
    if found is None:
        return None
    name, baseline_mse = found
    model_mse = float(forecaster.metrics_["val"]["mse"])
    lower = model_mse < baseline_mse
    ratio = model_mse / baseline_mse if baseline_mse > 0 else float("inf")
    evidence: dict[str, Any] = {"rule": "val MSE only"}
    shown = lower
    if lower and frame is not None:
        shown, evidence = _shown(forecaster, frame, name, ratio, small_validation)
    label = name.replace("_", " ")
    deploy = (
        f"; deploy the baseline with `lstm-doctor predict RUN DATA --baseline {name}`"
        if name in DEPLOYABLE_BASELINES
        else ""
    )
    numbers = f"val MSE {model_mse:.4g} vs {baseline_mse:.4g}"
    if shown:
        text = f"beats {label} on validation: {numbers}"
    elif lower:
        text = (
            f"cannot tell from {label} on validation: {numbers} ({ratio:.2f}x), which "
            f"{evidence['why']}{deploy}, or get more validation data"
        )
    else:
        text = f"does NOT beat {label} on validation: {numbers} ({ratio:.2f}x){deploy}"
    return {
        "beats_best_baseline_on_val": shown,
        "lower_val_mse": lower,
        "best_baseline": name,
        "baseline_val_mse": baseline_mse,
        "model_val_mse": model_mse,
        "ratio_val": ratio,
        "evidence": evidence,
        "text": text,
        "read_test": False,
    }


def _shown(
    forecaster: Forecaster, frame: pd.DataFrame, name: str, ratio: float, small: bool
) -> tuple[bool, dict[str, Any]]:
    """Whether a lower val MSE is confirmed, and the record of how it was judged: the coarse
    rule on the treatment's small validation, or where the main split alone is too small for
    the paired test's power; else the paired test."""
    if not small:
        keys, losses = split_losses(forecaster, frame, baselines=(name,))
        horizon = int(forecaster.config_.data.horizon)
        small = effective_windows(len(keys), horizon) < TARGET_EFFECTIVE
    if small:
        return ratio <= COARSE_FACTOR, {
            "rule": f"small validation: val MSE at most {COARSE_FACTOR:g}x the baseline's",
            "why": f"is not below {COARSE_FACTOR:g}x on a validation split too small for finer "
            "comparisons",
        }
    decision = paired_decision(losses["model"], losses[name], horizon=horizon, n_candidates=1)
    record = {"rule": "paired test, one comparison, one-sided at 0.05", **decision.to_dict()}
    record["why"] = f"the paired interval does not confirm: {decision.describe()}"
    return decision.kept, record
