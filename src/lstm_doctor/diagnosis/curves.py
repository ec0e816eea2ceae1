"""The learning curves as numbers: smoothed, with their noise, and the run's context.

Every test here is relative to the noise of the curve itself, measured in log-loss units
(so "3 sigma" means "three times the typical epoch-to-epoch relative wobble of this very
curve"), on a running-median-smoothed curve, and only once enough epochs exist to tell a
trend from noise. No threshold depends on the scale of the loss or on a dataset.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lstm_doctor.history import History

__all__ = [
    "CurveStats",
    "RunContext",
    "confidence",
    "curve_stats",
    "drop_pct",
    "pct",
    "setting",
]

# A change counts as real when it exceeds this many noise standard deviations: for Gaussian
# noise, 3 sigma is exceeded by chance in ~0.3% of single comparisons.
SIGNIFICANT = 3.0
# Fewer epochs than this cannot separate a trend from noise (a 5-wide median needs 5).
MIN_EPOCHS = 5
# A relative noise floor (0.5%): curves of float32 losses are never smoother than this, and
# a perfectly smooth curve must not make every tiny wiggle "significant".
NOISE_FLOOR = 0.005
# Practical significance: a val-loss change under 5% is within the seed-to-seed spread of
# the same model on the same data, so it is no reason to change the model even when the
# curve is smooth enough to make it statistically significant.
MATERIAL = math.log(1.05)
# See _unstable: a rise of the epoch-mean training loss this large is a spike...
SPIKE = math.log(1.10)
# ...once past the first epochs, where big moves are normal.
WARMUP_EPOCHS = 2


@dataclass(frozen=True)
class RunContext:
    """What is known about the run besides its curves (all optional).

    ``settings``: the flat resolved settings (lr, dropout, units, layers, patience, ...).
    ``baselines_train`` / ``baselines_val`` / ``baselines_test``: MSE of each naive baseline
    on those windows, in the units of the loss curves; ``model_val`` / ``model_test``: the
    selected model's MSE there. Leave the test entries out where the test split must not be
    looked at (the treatment loop). ``residual_r2``: how predictable the model's one-step
    training errors are from their own past (0 for white noise).
    """

    settings: dict[str, Any] = field(default_factory=dict)
    baselines_train: dict[str, float] | None = None
    baselines_val: dict[str, float] | None = None
    baselines_test: dict[str, float] | None = None
    model_val: float | None = None
    model_test: float | None = None
    residual_r2: float | None = None  # see residuals.residual_predictability


@dataclass(frozen=True)
class CurveStats:
    """Numbers read off the curves (log-loss units unless named otherwise)."""

    n_epochs: int
    train: np.ndarray  # finite-epoch losses, natural units
    val: np.ndarray
    epochs: np.ndarray
    smooth_train: np.ndarray  # log units
    smooth_val: np.ndarray
    noise_train: float  # robust std of log-loss residuals around the smooth curve
    noise_val: float
    best_index: int  # index (into the finite epochs) of the lowest val loss
    n_nonfinite: int


def _smooth(values: np.ndarray) -> np.ndarray:
    """Running median of width 5 (3 for short curves); edges use the window that fits."""
    width = 5 if len(values) >= 10 else 3
    half = width // 2
    padded = np.pad(values, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    return np.median(windows, axis=1)


def _noise(log_values: np.ndarray, smooth: np.ndarray) -> float:
    """Robust (MAD-based) std of the residuals around the smooth curve, with a floor."""
    residual = log_values - smooth
    mad = float(np.median(np.abs(residual - np.median(residual))))
    return max(1.4826 * mad, NOISE_FLOOR)


def curve_stats(history: History) -> CurveStats:
    """Smooth the finite part of the curves and measure their noise."""
    train = np.asarray(history.column("train_loss"), dtype=np.float64)
    val = np.asarray(history.column("val_loss"), dtype=np.float64)
    epochs = np.asarray(history.column("epoch"), dtype=np.float64)
    finite = np.isfinite(train) & np.isfinite(val) & (train > 0) & (val > 0)
    train, val, epochs = train[finite], val[finite], epochs[finite]
    if len(val) == 0:
        empty = np.empty(0)
        return CurveStats(
            0, empty, empty, empty, empty, empty, math.nan, math.nan, -1, int((~finite).sum())
        )
    log_train, log_val = np.log(train), np.log(val)
    smooth_train, smooth_val = _smooth(log_train), _smooth(log_val)
    return CurveStats(
        n_epochs=len(val),
        train=train,
        val=val,
        epochs=epochs,
        smooth_train=smooth_train,
        smooth_val=smooth_val,
        noise_train=_noise(log_train, smooth_train),
        noise_val=_noise(log_val, smooth_val),
        best_index=int(np.argmin(val)),
        n_nonfinite=int((~finite).sum()),
    )


def confidence(statistic: float, threshold: float) -> float:
    """0.5 at the threshold, 1.0 at twice the threshold or more."""
    if threshold <= 0 or not math.isfinite(statistic):
        return 1.0
    return float(min(1.0, max(0.0, 0.5 * statistic / threshold)))


def pct(log_change: float) -> float:
    """A log-loss increase as a percentage (log(1.2) -> 20.0)."""
    return round(100.0 * math.expm1(log_change), 1)


def drop_pct(log_drop: float) -> float:
    """A log-loss decrease as a percentage of the earlier value (log(1/0.8) -> 20.0)."""
    return round(-100.0 * math.expm1(-log_drop), 1)


def setting(settings: dict[str, Any], name: str, default: Any) -> Any:
    """``settings[name]`` unless it is missing or None."""
    value = settings.get(name)
    return default if value is None else value
