"""Read the learning curves: overfitting, underfitting, instability, slow or early stops.

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

from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.history import History

__all__ = ["CurveStats", "RunContext", "curve_stats", "diagnose_curves"]

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


def _confidence(statistic: float, threshold: float) -> float:
    """0.5 at the threshold, 1.0 at twice the threshold or more."""
    if threshold <= 0 or not math.isfinite(statistic):
        return 1.0
    return float(min(1.0, max(0.0, 0.5 * statistic / threshold)))


def _pct(log_change: float) -> float:
    """A log-loss increase as a percentage (log(1.2) -> 20.0)."""
    return round(100.0 * math.expm1(log_change), 1)


def _drop_pct(log_drop: float) -> float:
    """A log-loss decrease as a percentage of the earlier value (log(1/0.8) -> 20.0)."""
    return round(-100.0 * math.expm1(-log_drop), 1)


def _get(settings: dict[str, Any], name: str, default: Any) -> Any:
    value = settings.get(name)
    return default if value is None else value


# ------------------------------------------------------------------------------- findings
def _diverging(stats: CurveStats, history: History, settings: dict[str, Any]) -> Finding | None:
    events = [e for e in history.events if e.get("kind") == "nonfinite_loss"]
    n_bad = max(stats.n_nonfinite, len(events))
    exploded = False
    if stats.n_epochs >= 2:
        # Training loss that ends far above its own minimum (beyond noise) is blowing up.
        rise = float(np.log(stats.train[-1]) - np.log(stats.train.min()))
        exploded = rise > math.log(2.0) and rise > SIGNIFICANT * stats.noise_train
    if not (n_bad or exploded):
        return None
    lr = _get(settings, "lr", None)
    change = {"lr": lr * 0.3} if lr else {"lr": "x0.3"}
    evidence: dict[str, Any] = {"nonfinite_epochs": n_bad}
    if stats.n_epochs:
        evidence.update(train_min=float(stats.train.min()), train_last=float(stats.train[-1]))
    return Finding(
        "diverging",
        "critical",
        f"training diverged: {n_bad} non-finite epoch(s)"
        + (
            f", train loss ended {stats.train[-1] / stats.train.min():.1f}x its minimum"
            if exploded
            else ""
        ),
        evidence,
        (
            Remedy(change, "The learning rate is too high for this loss surface; lower it."),
            Remedy({"clip": 1.0}, "Clip the gradient norm so one bad batch cannot explode."),
        ),
        1.0,
    )


def _unstable(stats: CurveStats, settings: dict[str, Any]) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS:
        return None
    jumps = np.diff(np.log(stats.train))
    # A spike: the epoch-mean training loss rising by over 10% in one epoch. An epoch mean
    # averages many batches, so once past the first epochs it falls or wobbles by a few
    # percent; a 10% rise means the optimizer was thrown out of its basin: steps too long.
    # (The curve's own noise is no yardstick here: oscillation is what inflates it.)
    threshold = SPIKE
    spikes = np.flatnonzero(jumps > threshold) + 1
    spikes = spikes[spikes >= WARMUP_EPOCHS]
    if len(spikes) < 2:
        return None
    lr = _get(settings, "lr", None)
    return Finding(
        "unstable",
        "warning",
        f"unstable optimization: the training loss jumped up {len(spikes)} times",
        {
            "spike_epochs": [int(stats.epochs[i]) for i in spikes[:10]],
            "largest_jump_pct": _pct(float(jumps.max())),
            "threshold_pct": _pct(threshold),
            "train_noise_pct": _pct(stats.noise_train),
        },
        (
            Remedy(
                {"lr": lr * 0.3} if lr else {"lr": "x0.3"},
                "Spikes in the training loss mean steps that are too long.",
            ),
            Remedy({"clip": 1.0}, "Clip gradients to bound each step."),
        ),
        _confidence(len(spikes), 2),
    )


def _overfitting(stats: CurveStats, settings: dict[str, Any]) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS:
        return None
    best_smooth = int(np.argmin(stats.smooth_val))
    after = stats.n_epochs - 1 - best_smooth
    if after < 3:  # val has not had the time to turn up
        return None
    val_rise = float(stats.smooth_val[-1] - stats.smooth_val[best_smooth])
    train_drop = float(stats.smooth_train[best_smooth] - stats.smooth_train[-1])
    gap_best = float(stats.smooth_val[best_smooth] - stats.smooth_train[best_smooth])
    gap_end = float(stats.smooth_val[-1] - stats.smooth_train[-1])
    rise_threshold = max(SIGNIFICANT * stats.noise_val, MATERIAL)
    train_falls = train_drop > SIGNIFICANT * stats.noise_train
    rising = val_rise > rise_threshold and train_falls
    # "Stalls": val flat while train keeps falling and the gap widens by > 25% (beyond noise).
    widening = gap_end - gap_best
    stalling = (
        train_falls and after >= 5 and widening > max(math.log(1.25), SIGNIFICANT * stats.noise_val)
    )
    if not (rising or stalling):
        return None
    dropout = float(_get(settings, "dropout", 0.0))
    units = int(_get(settings, "units", 64))
    weight_decay = float(_get(settings, "weight_decay", 0.0) or 0.0)
    remedies = [
        Remedy(
            {"dropout": round(min(dropout + 0.2, 0.5), 2)},
            "Dropout between layers makes the network rely on no single path.",
        ),
        Remedy(
            {"weight_decay": max(weight_decay * 10, 1e-4)},
            "Weight decay shrinks weights the data does not support.",
        ),
        Remedy(
            {"units": max(units // 2, 4)},
            "A smaller model has less room to memorize the training windows.",
        ),
    ]
    statistic = val_rise if rising else widening
    return Finding(
        "overfitting",
        "warning",
        (
            f"overfitting: val loss rose {_pct(val_rise)}% after epoch "
            f"{int(stats.epochs[best_smooth])} while train loss fell {_drop_pct(train_drop):.1f}%"
            if rising
            else f"overfitting: val loss stalled after epoch {int(stats.epochs[best_smooth])} "
            f"while train loss fell {_drop_pct(train_drop):.1f}% and the gap grew"
        ),
        {
            "best_epoch": int(stats.epochs[stats.best_index]),
            "epochs_after_best": after,
            "val_rise_pct": _pct(val_rise),
            "train_drop_pct": _drop_pct(train_drop),
            "gap_at_best": round(math.exp(gap_best), 3),
            "gap_at_end": round(math.exp(gap_end), 3),
            "val_noise_pct": _pct(stats.noise_val),
            "threshold": f"val rise > {SIGNIFICANT:g} x val noise, train drop > "
            f"{SIGNIFICANT:g} x train noise",
        },
        tuple(remedies),
        _confidence(statistic, rise_threshold if rising else math.log(1.25)),
    )


# Underfitting needs train and val close: a val loss over 1.25x the train loss is a gap (the
# overfitting side), not a model too weak for both.
MAX_GAP_FOR_UNDERFIT = 1.25
# At least a tenth of the remaining training error predictable from past errors: structure
# the model left on the table (white-noise residuals score 0 after the adjustment).
RESIDUAL_STRUCTURE = 0.10
# Less than a 10% improvement over the best trivial rule on the very data it trains on.
BASELINE_RATIO = 0.9


def _underfitting(stats: CurveStats, context: RunContext) -> Finding | None:
    if stats.n_epochs < 2:
        return None
    settings = context.settings
    best_val = float(stats.val[stats.best_index])
    train_end = float(np.exp(stats.smooth_train[-1]))
    gap = best_val / float(stats.train[stats.best_index])
    evidence: dict[str, Any] = {
        "train_loss_end": train_end,
        "val_loss_best": best_val,
        "val_over_train_at_best": round(gap, 3),
        "max_gap": MAX_GAP_FOR_UNDERFIT,
    }
    if gap > MAX_GAP_FOR_UNDERFIT:
        return None
    reasons, statistics = [], []
    if context.baselines_train:
        name = min(context.baselines_train, key=context.baselines_train.__getitem__)
        ratio = train_end / context.baselines_train[name]
        evidence.update(
            best_train_baseline=name,
            train_over_baseline=round(ratio, 3),
            baseline_threshold=BASELINE_RATIO,
        )
        if ratio >= BASELINE_RATIO:
            reasons.append(f"train loss is {ratio:.2f}x that of {name.replace('_', ' ')}")
            statistics.append(_confidence(ratio, BASELINE_RATIO))
    if context.residual_r2 is not None and math.isfinite(context.residual_r2):
        evidence.update(
            residual_r2=round(context.residual_r2, 3), residual_threshold=RESIDUAL_STRUCTURE
        )
        if context.residual_r2 > RESIDUAL_STRUCTURE:
            reasons.append(
                f"{100 * context.residual_r2:.0f}% of its training error is predictable from "
                "its own past errors"
            )
            statistics.append(_confidence(context.residual_r2, RESIDUAL_STRUCTURE))
    if not context.baselines_train and context.residual_r2 is None:
        # Curves alone (anyone's logs): a training loss that barely moved at all.
        drop = float(stats.smooth_train[0] - stats.smooth_train[-1])
        evidence.update(train_drop_pct=_drop_pct(drop), threshold="train drop < 10%")
        if stats.n_epochs >= MIN_EPOCHS and drop < math.log(1.1):
            reasons.append(
                f"train loss fell only {_drop_pct(drop):.1f}% in {stats.n_epochs} epochs"
            )
            statistics.append(0.5)
    if not reasons:
        return None
    units = int(_get(settings, "units", 64))
    layers = int(_get(settings, "layers", 2))
    lr = _get(settings, "lr", None)
    remedies = [
        Remedy({"units": units * 2}, "More units give the model room for the signal."),
        Remedy({"layers": layers + 1}, "Another layer lets it compose patterns."),
        Remedy(
            {"lr": lr * 3} if lr else {"lr": "x3"},
            "A larger step helps when the loss has barely moved.",
        ),
    ]
    return Finding(
        "underfitting",
        "warning",
        "underfitting: train and val loss are close and high: " + "; ".join(reasons),
        evidence,
        tuple(remedies),
        max(statistics),
    )


def _still_improving(stats: CurveStats, upto: int) -> tuple[float, float, int]:
    """Drop of the smoothed val curve over the last k epochs up to ``upto`` and its threshold."""
    k = max(3, (upto + 1) // 5)
    k = min(k, upto)
    drop = float(stats.smooth_val[upto - k] - stats.smooth_val[upto]) if k > 0 else 0.0
    return drop, SIGNIFICANT * stats.noise_val, k


def _slow_convergence(
    stats: CurveStats, history: History, settings: dict[str, Any]
) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS or history.stop_reason == "early_stopping":
        return None
    if history.stop_reason not in (None, "max_epochs"):
        return None
    last = stats.n_epochs - 1
    drop, threshold, k = _still_improving(stats, last)
    if drop <= max(threshold, MATERIAL):
        return None
    epochs = int(_get(settings, "epochs", stats.n_epochs))
    lr = _get(settings, "lr", None)
    return Finding(
        "slow_convergence",
        "warning",
        f"slow convergence: val loss was still falling ({_drop_pct(drop):.1f}% over the last "
        f"{k} epochs) when training stopped at epoch {int(stats.epochs[-1])}",
        {
            "val_drop_last_epochs_pct": _drop_pct(drop),
            "window_epochs": k,
            "threshold_pct": _pct(threshold),
            "stop_reason": history.stop_reason,
        },
        (
            Remedy(
                {"lr": lr * 3} if lr else {"lr": "x3"},
                "A steadily falling loss at the end means steps that are too short.",
            ),
            Remedy({"epochs": epochs * 2}, "Or give it more epochs to finish."),
        ),
        _confidence(drop, threshold),
    )


def _stopped_too_early(
    stats: CurveStats, history: History, settings: dict[str, Any]
) -> Finding | None:
    if history.stop_reason != "early_stopping" or stats.n_epochs < MIN_EPOCHS:
        return None
    best = stats.best_index
    after = stats.n_epochs - 1 - best
    rise = float(stats.smooth_val[-1] - stats.smooth_val[min(best, stats.n_epochs - 1)])
    if rise > SIGNIFICANT * stats.noise_val or best < 3:
        return None  # val really turned up (overfitting), or too little history before it
    drop, threshold, k = _still_improving(stats, best)
    if drop <= threshold:
        return None
    # To see the trend again beyond the noise takes about noise / slope epochs; patience
    # shorter than twice that stops on noise.
    slope = drop / k
    needed = math.ceil(2 * SIGNIFICANT * stats.noise_val / slope)
    patience = int(_get(settings, "patience", after))
    if patience >= needed:
        return None
    return Finding(
        "stopped_too_early",
        "warning",
        f"stopped too early: val loss was still trending down ({_drop_pct(drop):.1f}% over "
        f"{k} epochs) when a noisy plateau triggered early stopping after {after} epochs",
        {
            "best_epoch": int(stats.epochs[best]),
            "patience": patience,
            "patience_needed": needed,
            "val_noise_pct": _pct(stats.noise_val),
            "val_slope_pct_per_epoch": _drop_pct(slope),
        },
        (Remedy({"patience": needed}, "Patience must outlast the noise of the val curve."),),
        _confidence(needed, patience),
    )


def _noisy_validation(stats: CurveStats) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS:
        return None
    # Epoch-to-epoch val noise above 10% (and 3x the train noise) makes picking the best
    # epoch a lottery: differences between epochs are mostly noise.
    limit = max(math.log(1.10), SIGNIFICANT * stats.noise_train)
    if stats.noise_val <= limit:
        return None
    return Finding(
        "noisy_validation",
        "warning",
        f"noisy validation: val loss wobbles {_pct(stats.noise_val)}% from epoch to epoch",
        {
            "val_noise_pct": _pct(stats.noise_val),
            "train_noise_pct": _pct(stats.noise_train),
            "threshold_pct": _pct(limit),
        },
        (Remedy({"split": "0.6,0.2,0.2"}, "A larger validation split averages out the noise."),),
        _confidence(stats.noise_val, limit),
    )


def _val_below_train(stats: CurveStats, context: RunContext) -> Finding | None:
    if stats.n_epochs < 1:
        return None
    best = stats.best_index
    ratio = float(stats.val[best] / stats.train[best])
    # 10% or 3 noise sigmas, whichever is larger, below the training loss of the same epoch.
    limit = min(math.exp(-SIGNIFICANT * max(stats.noise_val, stats.noise_train)), 0.9)
    if ratio >= limit:
        return None
    settings = context.settings
    evidence: dict[str, Any] = {
        "val_over_train_at_best": round(ratio, 3),
        "threshold": round(limit, 3),
    }
    reasons = []
    if float(_get(settings, "dropout", 0.0)) > 0 and int(_get(settings, "layers", 1)) > 1:
        reasons.append("dropout is active while the train loss is measured, not for val")
    reasons.append("the train loss is averaged over the epoch while the weights still improve")
    severity = "info"
    if context.baselines_train and context.baselines_val:
        name = min(context.baselines_val, key=context.baselines_val.__getitem__)
        easier = context.baselines_val[name] / context.baselines_train[name]
        evidence.update(baseline=name, baseline_val_over_train=round(easier, 3))
        if easier < 1.0:
            reasons.append(f"the val period is easier: {name} also scores {easier:.2f}x there")
        else:
            severity = "warning"
    else:
        severity = "warning" if len(reasons) == 1 else "info"
    summary = f"val loss is {ratio:.2f}x the train loss: " + "; ".join(reasons)
    remedies: tuple[Remedy, ...] = ()
    if severity == "warning":
        summary += "; if none of this explains it, check for leakage (lstm-doctor check)"
        remedies = (Remedy({}, "Run `lstm-doctor check` on the data to rule out leakage."),)
    return Finding(
        "val_below_train", severity, summary, evidence, remedies, _confidence(limit, ratio)
    )


def diagnose_curves(history: History, context: RunContext | None = None) -> list[Finding]:
    """Every curve finding that applies to ``history`` (unranked)."""
    context = context or RunContext()
    stats = curve_stats(history)
    settings = context.settings
    slow = _slow_convergence(stats, history, settings)
    found = [
        _diverging(stats, history, settings),
        _unstable(stats, settings),
        _overfitting(stats, settings),
        # A loss still falling steadily has not converged: its level says nothing yet about
        # the model's capacity, so slow convergence rules out an underfitting verdict.
        None if slow else _underfitting(stats, context),
        slow,
        _stopped_too_early(stats, history, settings),
        _noisy_validation(stats),
        _val_below_train(stats, context),
    ]
    return [f for f in found if f is not None]
