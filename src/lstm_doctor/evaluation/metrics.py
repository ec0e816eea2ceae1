"""Forecast error metrics over (windows, horizon, targets) arrays."""

from __future__ import annotations

import numpy as np

__all__ = ["forecast_metrics", "mase_scale"]


def mase_scale(train_targets: list[np.ndarray], season: int | None) -> float:
    """Mean absolute seasonal difference of the training targets (the MASE denominator).

    ``train_targets`` holds one (rows, targets) array per series; differences never cross
    series. ``season=None`` falls back to lag 1 (the non-seasonal MASE of Hyndman & Koehler).
    """
    lag = season or 1
    diffs = [np.abs(t[lag:] - t[:-lag]).ravel() for t in train_targets if len(t) > lag]
    if not diffs:
        return float("nan")
    scale = float(np.concatenate(diffs).mean())
    return scale if scale > 0 else float("nan")


def forecast_metrics(prediction: np.ndarray, truth: np.ndarray, scale: float) -> dict[str, float]:
    """MSE, MAE, RMSE, sMAPE (percent, 0..200) and MASE, averaged over every element.

    sMAPE counts an element where both truth and prediction are 0 as 0 error; it is only
    meaningful in original units of a positive quantity.
    """
    error = prediction.astype(np.float64) - truth.astype(np.float64)
    mse = float(np.mean(error**2))
    mae = float(np.mean(np.abs(error)))
    denominator = np.abs(truth) + np.abs(prediction)
    ratio = np.divide(
        2.0 * np.abs(error), denominator, out=np.zeros_like(error), where=denominator > 0
    )
    return {
        "mse": mse,
        "mae": mae,
        "rmse": float(np.sqrt(mse)),
        "smape": float(100.0 * np.mean(ratio)),
        "mase": mae / scale if np.isfinite(scale) else float("nan"),
    }
