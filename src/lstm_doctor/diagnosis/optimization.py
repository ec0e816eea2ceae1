"""Optimization findings: diverging, unstable, slow convergence, stopped too early."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from lstm_doctor.diagnosis.curves import (
    MATERIAL,
    MIN_EPOCHS,
    SIGNIFICANT,
    SPIKE,
    SPIKE_OF_RANGE,
    WARMUP_EPOCHS,
    CurveStats,
    RunContext,
    confidence,
    drop_pct,
    first_gap,
    pct,
    setting,
)
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.diagnosis.generalization import (
    BASELINE_RATIO,
    MAX_GAP_FOR_UNDERFIT,
    train_over_best_baseline,
)
from lstm_doctor.history import History

__all__ = ["optimization_findings"]


def _diverging(stats: CurveStats, history: History, context: RunContext) -> Finding | None:
    settings = context.settings
    events = [e for e in history.events if e.get("kind") == "nonfinite_loss"]
    n_bad = max(stats.n_nonfinite, len(events))
    train = stats.train_only
    exploded = False
    if len(train) >= 2:
        # Training loss that ends far above its own minimum (beyond noise) is blowing up.
        rise = float(np.log(train[-1]) - np.log(train.min()))
        noise = stats.noise_train if math.isfinite(stats.noise_train) else 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            material = float(train[-1] - train.min()) > SPIKE_OF_RANGE * _span(train, context)
        exploded = rise > math.log(2.0) and rise > SIGNIFICANT * noise and material
    if not (n_bad or exploded):
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        ended = float(train[-1] / train.min()) if exploded else math.nan
    lr = setting(settings, "lr", None)
    change = {"lr": lr * 0.3} if _number(lr) else {"lr": "x0.3"}
    evidence: dict[str, Any] = {"nonfinite_epochs": n_bad}
    if len(train):
        evidence.update(train_min=float(train.min()), train_last=float(train[-1]))
    return Finding(
        "diverging",
        "critical",
        (
            f"training diverged: {n_bad} epoch(s) with a NaN/inf loss"
            if n_bad
            else "training diverged"
        )
        + (f", train loss ended {ended:.1f}x its minimum" if exploded else ""),
        evidence,
        (
            Remedy(change, "The learning rate is too high for this loss surface; lower it."),
            Remedy({"clip": 1.0}, "Clip the gradient norm so one bad batch cannot explode."),
        ),
        1.0,
    )


# See _unstable: a training loss at this many times its earlier minimum has blown up.
BLOW_UP = 10.0


def _span(train: np.ndarray, context: RunContext) -> float:
    """The scale a rise of the training loss is material against: its whole range (a
    jump of a loss already near the bottom of a deep descent undoes little of the fit),
    but never more than a trivial predictor's training loss where that is known (a rise
    by a tenth of what predicting the mean scores is material however high the first
    epoch's mean was: a model thrown about at that level has not learnt to fit)."""
    span = float(train.max() - train.min())
    if context.baselines_train:
        span = min(span, min(context.baselines_train.values()))
    return span


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _unstable(stats: CurveStats, context: RunContext) -> Finding | None:
    settings = context.settings
    train = stats.train_only
    if len(train) < MIN_EPOCHS:
        return None
    jumps = np.diff(np.log(train))
    # A spike: the epoch-mean training loss rising by over 25% (SPIKE) in one epoch. An
    # epoch mean averages many batches, so once past the first epochs it falls or wobbles
    # by 10-20% at most on small data; a larger rise means the optimizer was thrown out of
    # its basin: steps too long. (The curve's own noise is no yardstick here: oscillation
    # is what inflates it.) Only the training loss counts: a jumpy val over a smooth train
    # is noise or overfitting. A rise must also be material (SPIKE_OF_RANGE of ``_span``).
    threshold = SPIKE
    least_rise = SPIKE_OF_RANGE * _span(train, context)
    with np.errstate(over="ignore", invalid="ignore"):
        material = np.diff(train) > least_rise
    spikes = np.flatnonzero((jumps > threshold) & material) + 1
    spikes = spikes[spikes >= WARMUP_EPOCHS]
    # A blow-up: once past the first epoch, the loss at 10x the lowest value before it.
    with np.errstate(over="ignore", invalid="ignore"):
        floor = np.minimum.accumulate(train)[:-1]
        blown = (train[1:] >= BLOW_UP * floor) & (train[1:] - floor > least_rise)
    blow_ups = np.flatnonzero(blown) + 1
    if len(spikes) < 2 and not len(blow_ups):
        return None
    lr = setting(settings, "lr", None)
    summary = f"unstable optimization: the training loss jumped up {len(spikes)} times"
    if len(blow_ups):
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            factors = train[blow_ups] / floor[blow_ups - 1]
        worst = int(np.argmax(factors))
        summary = (
            f"unstable optimization: the training loss blew up to {factors[worst]:.3g}x its "
            f"earlier minimum at epoch {int(stats.epochs_train[blow_ups[worst]])}"
        )
    return Finding(
        "unstable",
        "warning",
        summary,
        {
            "spike_epochs": [int(stats.epochs_train[i]) for i in spikes[:10]],
            "largest_jump_pct": pct(float(jumps.max())) if math.isfinite(jumps.max()) else None,
            "blow_up_epochs": [int(stats.epochs_train[i]) for i in blow_ups[:10]],
            "threshold_pct": pct(threshold),
            "train_noise_pct": pct(stats.noise_train) if math.isfinite(stats.noise_train) else None,
        },
        (
            Remedy(
                {"lr": lr * 0.3} if _number(lr) else {"lr": "x0.3"},
                "Spikes in the training loss mean steps that are too long.",
            ),
            Remedy({"clip": 1.0}, "Clip gradients to bound each step."),
        ),
        1.0 if len(blow_ups) else confidence(len(spikes), 2),
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
    if stats.best_index < last - 2:  # the lowest val is not among the last 3 epochs
        return None
    drop, threshold, k = _still_improving(stats, last)
    if drop <= max(threshold, MATERIAL):
        return None
    epochs = int(setting(settings, "epochs", stats.n_epochs))
    lr = setting(settings, "lr", None)
    return Finding(
        "slow_convergence",
        "warning",
        f"slow convergence: val loss was still falling ({drop_pct(drop):.1f}% over the last "
        f"{k} epochs) when training stopped at epoch {int(stats.epochs[-1])}",
        {
            "val_drop_last_epochs_pct": drop_pct(drop),
            "window_epochs": k,
            "threshold_pct": pct(threshold),
            "stop_reason": history.stop_reason,
        },
        (
            Remedy(
                {"lr": lr * 3} if lr else {"lr": "x3"},
                "A steadily falling loss at the end means steps that are too short.",
            ),
            Remedy({"epochs": epochs * 2}, "Or give it more epochs to finish."),
        ),
        confidence(drop, threshold),
    )


# A val loss at twice the train loss or more: the model does far worse on unseen data.
WIDE_GAP = 2.0
# A curve has bent towards its floor once its fall over the last epochs is under half its
# average fall over the run. A converging run decelerates (an exponential approach falls
# ever slower: a few time constants in, its late rate is a small share of its mean rate);
# a run still falling at half its average rate or more has shown no sign of its floor yet.
UNBENT = 0.5


def _fall_rates(stats: CurveStats, last: int, drop: float, k: int) -> tuple[float, float]:
    """Per-epoch fall of the smoothed val curve: over the last ``k`` epochs, and on average
    from the first epoch to ``last`` (log units; positive while falling)."""
    mean_rate = float(stats.smooth_val[0] - stats.smooth_val[last]) / last if last else 0.0
    return drop / k if k else 0.0, mean_rate


def _unsettled(stats: CurveStats, history: History, context: RunContext) -> Finding | None:
    """No verdict, or an underfitting note, for a run still creeping down (beyond noise,
    under ``MATERIAL``) at the end, when either

    - its val loss was ``WIDE_GAP`` x its train loss or more from the first epochs to the
      last: a gap the training did not open is a difference between the splits that hides
      whether the model learnt anything; or
    - its val curve has not bent: it still falls at ``UNBENT`` x its average rate or more,
      so the run shows no sign of converging (a learning rate too small for the epochs, or a
      model that barely learns: from the curves alone they look alike).

    Either way the run is not converged, so "good fit" is not shown. A wide gap alone gets
    "cannot judge, train longer". An unbent curve is a model still far from its own floor: as it
    stands it has not fit what it can, which is underfitting whatever its cause (steps too
    short for the epochs, or a model that barely learns), and the remedy is the same: larger
    steps or more epochs. Only when a trivial predictor's training loss is known and the
    model is already well below it (it learnt) is that withheld: then "still improving"."""
    if stats.n_epochs < MIN_EPOCHS or history.stop_reason not in (None, "max_epochs"):
        return None
    last = stats.n_epochs - 1
    if stats.best_index < last - 2:
        return None
    drop, threshold, k = _still_improving(stats, last)
    if drop <= threshold or drop > max(threshold, MATERIAL):
        return None  # converged, or slow_convergence's (material) case
    gap = float(np.exp(stats.smooth_val[-1] - stats.smooth_train[-1]))
    start = first_gap(stats)
    recent_rate, mean_rate = _fall_rates(stats, last, drop, k)
    wide = min(gap, start) >= WIDE_GAP
    unbent = mean_rate > 0 and recent_rate >= UNBENT * mean_rate
    if not (wide or unbent):
        return None
    # A gap that training opened is the overfitting side, judged by its own check: that
    # model fit the training data, so it is not called underfit (as in ``_underfitting``).
    opened = gap > MAX_GAP_FOR_UNDERFIT and gap / start > MAX_GAP_FOR_UNDERFIT
    learnt = opened or _well_below_baseline(stats, context)
    if wide and not unbent:
        summary = (
            f"cannot judge the fit: val loss is {gap:.1f}x the train loss and was still "
            f"creeping down ({drop_pct(drop):.1f}% over the last {k} epochs) when training "
            "stopped; train longer (or compare with a trivial predictor) before trusting "
            "this model"
        )
    else:
        still = (
            f"val loss was still falling ({drop_pct(drop):.1f}% over the last {k} epochs, "
            f"{recent_rate / mean_rate:.0%} of its average rate) when training stopped"
        )
        summary = (
            f"still improving: {still}; train longer before judging the fit"
            if learnt
            else f"underfitting: the model is still far from its floor: {still}"
        )
    evidence = {
        "val_over_train_at_start": round(start, 3),
        "val_over_train_at_end": round(gap, 3),
        "val_drop_last_epochs_pct": drop_pct(drop),
        "window_epochs": k,
        "noise_threshold_pct": pct(threshold),
        "wide_gap": WIDE_GAP,
        "recent_over_mean_fall_rate": round(recent_rate / mean_rate, 3) if mean_rate > 0 else None,
        "unbent_ratio": UNBENT,
    }
    if learnt or not unbent:
        return Finding("cannot_judge", "info", summary, evidence, (), confidence(drop, threshold))
    lr = setting(context.settings, "lr", None)
    epochs = int(setting(context.settings, "epochs", stats.n_epochs))
    # A note, not a warning: read off the curve's shape alone, it yields to any finding
    # the curves show directly (a val below train, an overfitting rise).
    return Finding(
        "underfitting",
        "info",
        summary,
        evidence,
        (
            Remedy(
                {"lr": lr * 3} if _number(lr) else {"lr": "x3"},
                "A curve still falling at its average pace means steps too short to arrive.",
            ),
            Remedy({"epochs": epochs * 2}, "Or give it the epochs to reach its floor."),
        ),
        # A judgement from the curve's shape alone: the raw confidence of the no-baseline
        # underfitting reading of ``generalization._underfitting`` (calibration maps it).
        0.5,
    )


def _well_below_baseline(stats: CurveStats, context: RunContext) -> bool:
    """The training loss ends under ``BASELINE_RATIO`` x the best trivial predictor's (known
    for our runs and ``--baseline-loss``): the model did learn."""
    against_baseline = train_over_best_baseline(stats, context)
    return against_baseline is not None and against_baseline[1] < BASELINE_RATIO


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
    patience = int(setting(settings, "patience", after))
    if patience >= needed:
        return None
    return Finding(
        "stopped_too_early",
        "warning",
        f"stopped too early: val loss was still trending down ({drop_pct(drop):.1f}% over "
        f"{k} epochs) when a noisy plateau triggered early stopping after {after} epochs",
        {
            "best_epoch": int(stats.epochs[best]),
            "patience": patience,
            "patience_needed": needed,
            "val_noise_pct": pct(stats.noise_val),
            "val_slope_pct_per_epoch": drop_pct(slope),
        },
        (Remedy({"patience": needed}, "Patience must outlast the noise of the val curve."),),
        confidence(needed, patience),
    )


def optimization_findings(
    stats: CurveStats, history: History, context: RunContext
) -> list[Finding | None]:
    """Each optimization finding, or None where it does not apply."""
    settings = context.settings
    return [
        _diverging(stats, history, context),
        _unstable(stats, context),
        _slow_convergence(stats, history, settings),
        _stopped_too_early(stats, history, settings),
        _unsettled(stats, history, context),
    ]
