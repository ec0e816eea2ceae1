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
    "first_gap",
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
# Overfitting needs more: val 15% above its minimum (5% is within the wobble of a val curve
# that has flattened, on small data; tuned on the dev half of the real-log corpus).
OVERFIT_RISE = math.log(1.15)
# See _unstable: a rise of the epoch-mean training loss this large is a spike (minibatch
# noise of a small dataset moves an epoch mean by 10-20%, so 25%)...
SPIKE = math.log(1.25)
# ...once past the first epochs, where big moves are normal, and only when the rise is over
# this share of the training loss's whole range (a 25% wobble near zero is no spike).
WARMUP_EPOCHS = 2
SPIKE_OF_RANGE = 0.10


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
    n_nonfinite: int  # epochs whose training loss is NaN/inf (or val loss inf)
    # The training curve alone (every epoch with a finite train loss, val or not): what
    # the optimization checks read. Natural units, like ``train``.
    train_only: np.ndarray = field(default_factory=lambda: np.empty(0))
    epochs_train: np.ndarray = field(default_factory=lambda: np.empty(0))
    has_val: bool = False
    # True when a loss went to zero or below (a negative log-likelihood): the curves are
    # then read as exp(loss - lowest loss), so ratios are differences of the loss.
    log_scale: bool = False


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


# Losses are compared on a log scale; values this close to zero or beyond float range are
# clipped there so a log or a ratio of them stays finite (1e-300 and 1e300 are losses too).
_TINY, _HUGE = 1e-300, 1e300


def _positive(train: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Both curves made positive: a log-scale loss (any finite value < 0) as exp(x - min)."""
    both = np.concatenate([train, val])
    finite = both[np.isfinite(both)]
    if len(finite) and float(finite.min()) < 0:
        low = float(finite.min())
        with np.errstate(over="ignore", invalid="ignore"):
            shift = lambda x: np.exp(np.clip(x - low, -700.0, 690.0))  # noqa: E731
            train = np.where(np.isfinite(train), shift(train), train)
            val = np.where(np.isfinite(val), shift(val), val)
        return train, val, True
    with np.errstate(invalid="ignore"):
        return np.clip(train, _TINY, _HUGE), np.clip(val, _TINY, _HUGE), False


def curve_stats(history: History) -> CurveStats:
    """Smooth the finite part of the curves and measure their noise."""
    raw_train = np.asarray(history.column("train_loss"), dtype=np.float64)
    raw_val = np.asarray(history.column("val_loss"), dtype=np.float64)
    epochs = np.asarray(history.column("epoch"), dtype=np.float64)
    epochs = np.where(np.isfinite(epochs), epochs, np.arange(1, len(epochs) + 1))
    has_train = bool(np.isfinite(raw_train).any())
    has_val = bool(np.isfinite(raw_val).any())
    if has_train:
        n_nonfinite = int((~np.isfinite(raw_train)).sum())
    elif has_val:  # a log with no training loss column: only an inf is a bad epoch
        n_nonfinite = int(np.isinf(raw_train).sum())
    else:  # nothing finite in any epoch: it diverged from the start
        n_nonfinite = len(raw_train)
    n_nonfinite += int(np.isinf(raw_val).sum())
    train_all, val_all, log_scale = _positive(raw_train, raw_val)
    ok_train = np.isfinite(train_all)
    train_only, epochs_train = train_all[ok_train], epochs[ok_train]
    finite = ok_train & np.isfinite(val_all)
    train, val, epochs = train_all[finite], val_all[finite], epochs[finite]
    if len(val) == 0:
        empty = np.empty(0)
        return CurveStats(
            0, empty, empty, empty, empty, empty, math.nan, math.nan, -1, n_nonfinite,
            train_only, epochs_train, has_val, log_scale,
        )  # fmt: skip
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
        n_nonfinite=n_nonfinite,
        train_only=train_only,
        epochs_train=epochs_train,
        has_val=has_val,
        log_scale=log_scale,
    )


def confidence(statistic: float, threshold: float) -> float:
    """0.5 at the threshold, 1.0 at twice the threshold or more."""
    if threshold <= 0 or not math.isfinite(statistic):
        return 1.0
    return float(min(1.0, max(0.0, 0.5 * statistic / threshold)))


def first_gap(stats: CurveStats) -> float:
    """val/train over the first two epochs: the gap before the model fit anything (a
    difference between the splits), or, when the first train mean holds a steep initial
    descent, a small value that excuses no later gap."""
    head = min(2, stats.n_epochs)
    return float(np.exp(np.mean(np.log(stats.val[:head]) - np.log(stats.train[:head]))))


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
