"""Generalization findings: overfitting, underfitting, noisy validation, val below train."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from lstm_doctor.diagnosis.curves import (
    MIN_EPOCHS,
    NOISE_FLOOR,
    OVERFIT_RISE,
    SIGNIFICANT,
    CurveStats,
    RunContext,
    confidence,
    drop_pct,
    first_gap,
    pct,
    setting,
)
from lstm_doctor.diagnosis.findings import Finding, Remedy

__all__ = ["NOISY_JUMP", "beyond_jumps", "generalization_findings", "jumpiness", "noisy_reading"]


# "Stalls": the val/train gap at the end at least twice that at the best epoch (a 25%
# widening called healthy runs overfitting on the real-log corpus; 2x is the stated rule).
STALL_WIDENING = math.log(2.0)


# A rising val is overfitting when the model went on fitting the training rows meanwhile:
# train fell at least 20% after val's best (the training half of the definition; a val that
# rises over a flat train is a drift between the splits, or noise, not memorization).
TRAIN_FALL = -math.log(0.8)


# The end of the raw val curve: the mean of its last epochs (one epoch is one noisy draw).
END_EPOCHS = 3


def _plateau_start(stats: CurveStats) -> int:
    """The first epoch after which the smoothed val never gets more than its noise (3
    sigma) lower: where val stopped improving. At or before the smoothed minimum, which
    noise may put at any epoch of a long flat stretch (even the last)."""
    later_min = np.minimum.accumulate(stats.smooth_val[::-1])[::-1]
    band = SIGNIFICANT * stats.noise_val
    return int(np.flatnonzero(stats.smooth_val <= later_min + band)[0])


def _raw_rise(stats: CurveStats) -> tuple[float, float, int]:
    """The rise of the raw val from its lowest epoch to the mean of its last epochs, and
    how far train fell meanwhile (log units), with the epochs after the lowest. The smoothed
    curve misses a rise that starts a few epochs before the end (early stopping: a running
    median reaches back before the minimum at the edge), the raw end does not."""
    best = stats.best_index
    after = stats.n_epochs - 1 - best
    if after < END_EPOCHS:
        return 0.0, 0.0, after
    log_val, log_train = np.log(stats.val), np.log(stats.train)
    rise = float(np.mean(log_val[-END_EPOCHS:]) - log_val[best])
    train_drop = float(log_train[best] - np.mean(log_train[-END_EPOCHS:]))
    return rise, train_drop, after


def _overfitting(stats: CurveStats, settings: dict[str, Any]) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS:
        return None
    best_smooth = int(np.argmin(stats.smooth_val))
    after = stats.n_epochs - 1 - best_smooth
    val_rise = float(stats.smooth_val[-1] - stats.smooth_val[best_smooth])
    train_drop = float(stats.smooth_train[best_smooth] - stats.smooth_train[-1])
    gap_best = float(stats.smooth_val[best_smooth] - stats.smooth_train[best_smooth])
    gap_end = float(stats.smooth_val[-1] - stats.smooth_train[-1])
    rise_threshold = max(SIGNIFICANT * stats.noise_val, OVERFIT_RISE)
    train_falls = train_drop > SIGNIFICANT * stats.noise_train
    fit_on = max(SIGNIFICANT * stats.noise_train, TRAIN_FALL)  # see TRAIN_FALL
    rising = after >= 3 and val_rise > rise_threshold and train_drop > fit_on  # 3: to turn up
    if not rising:  # the same test on the raw curve's end
        raw_rise, raw_drop, raw_after = _raw_rise(stats)
        # The lowest of n noisy epochs sits about sqrt(2 ln n) sigma below the curve's
        # level (the expected maximum of n normal draws): a raw rise must clear that too.
        lowest_by_chance = stats.noise_val * math.sqrt(2 * math.log(stats.n_epochs))
        raw_threshold = rise_threshold + lowest_by_chance
        if raw_rise > raw_threshold and raw_drop > fit_on:
            rising, val_rise, train_drop, after = True, raw_rise, raw_drop, raw_after
            best_smooth, rise_threshold = stats.best_index, raw_threshold
    # "Stalls": val flat while train keeps falling and the gap widens 2x (beyond noise),
    # from the smoothed minimum, or from where val stopped improving: the gap then widens
    # by train's fall less the most val gained after (the gap at val's best, not its end).
    widening = gap_end - gap_best
    stall_limit = max(STALL_WIDENING, SIGNIFICANT * stats.noise_val)
    stalling = train_falls and after >= 5 and widening > stall_limit
    start = _plateau_start(stats)
    # Only a val that stopped improving in the first half of the run (it never improved
    # after its first epochs): a late flattening is the end of a converging run.
    if not (rising or stalling) and 2 * start < stats.n_epochs and stats.n_epochs - start > 5:
        fell = float(stats.smooth_train[start] - stats.smooth_train[-1])
        gained = float(stats.smooth_val[start] - stats.smooth_val[start:].min())
        if fell > SIGNIFICANT * stats.noise_train and fell - gained > stall_limit:
            stalling, widening, train_drop = True, fell - gained, fell
            best_smooth, after = start, stats.n_epochs - 1 - start
            gap_best = float(stats.smooth_val[start] - stats.smooth_train[start])
    if not (rising or stalling):
        return None
    units = int(setting(settings, "units", 64))
    weight_decay = float(setting(settings, "weight_decay", 0.0) or 0.0)
    if int(setting(settings, "layers", 2)) > 1:
        dropout = float(setting(settings, "dropout", 0.0))
        regularize = Remedy(
            {"dropout": round(min(dropout + 0.2, 0.5), 2)},
            "Dropout between layers makes the network rely on no single path.",
        )
    else:  # dropout acts between stacked layers only: regularize the recurrence instead
        weight_drop = float(setting(settings, "weight_drop", 0.0))
        regularize = Remedy(
            {"weight_drop": round(min(weight_drop + 0.2, 0.5), 2)},
            "DropConnect on the recurrent weights regularizes a single layer.",
        )
    remedies = [
        regularize,
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
            f"overfitting: val loss rose {pct(val_rise)}% after epoch "
            f"{int(stats.epochs[best_smooth])} while train loss fell {drop_pct(train_drop):.1f}%"
            if rising
            else f"overfitting: val loss stalled after epoch {int(stats.epochs[best_smooth])} "
            f"while train loss fell {drop_pct(train_drop):.1f}% and the gap grew"
        ),
        {
            "pattern": "rise" if rising else "stall",
            "best_epoch": int(stats.epochs[stats.best_index]),  # the lowest val epoch
            "epochs_after_best": stats.n_epochs - 1 - stats.best_index,
            "val_rise_pct": pct(val_rise),
            "train_drop_pct": drop_pct(train_drop),
            "gap_at_best": round(math.exp(gap_best), 3),
            "gap_at_end": round(math.exp(gap_end), 3),
            "val_noise_pct": pct(stats.noise_val),
            "threshold": f"val rise > {SIGNIFICANT:g} x val noise, train drop > "
            f"{SIGNIFICANT:g} x train noise",
            # The epoch the rise or stall is measured from (the smoothed minimum, or where
            # val stopped improving; the sentence names it) and the epochs after it.
            "measured_from_epoch": int(stats.epochs[best_smooth]),
            "epochs_measured": after,
        },
        tuple(remedies),
        confidence(statistic, rise_threshold if rising else STALL_WIDENING),
    )


# Underfitting needs train and val close: a val loss over 1.25x the train loss is a gap (the
# overfitting side), not a model too weak for both.
MAX_GAP_FOR_UNDERFIT = 1.25
# At least a tenth of the remaining training error predictable from past errors: structure
# the model left on the table (white-noise residuals score 0 after the adjustment).
RESIDUAL_STRUCTURE = 0.10
# Less than a 10% improvement over the best trivial rule on the very data it trains on.
BASELINE_RATIO = 0.9


# Two epoch-mean losses this close (relative) are the same number written twice: a float32
# loss carries ~7 digits, and a model whose weights still move changes its epoch mean far
# more than that.
SAME_LOSS = 1e-6


def _frozen_epochs(curve: np.ndarray) -> int:
    """How many of the last epochs repeat the same loss to the last digits, when at least
    ``MIN_EPOCHS`` do and the loss is above zero (an error of exactly 0 is a perfect fit
    that cannot move, not a stuck model); else 0."""
    if len(curve) < MIN_EPOCHS or not float(curve[-1]) > 1e-12:
        return 0
    same = np.abs(curve - curve[-1]) <= SAME_LOSS * abs(float(curve[-1]))
    moved = np.flatnonzero(~same)
    run = len(curve) - (int(moved[-1]) + 1 if len(moved) else 0)
    return run if run >= MIN_EPOCHS else 0


def _end_level(curve: np.ndarray) -> float:
    """The level a loss curve ended at: the median of its last 3 epochs (the smoothed
    curve's last value is the raw last epoch, one noisy draw)."""
    return float(np.median(curve[-END_EPOCHS:]))


def train_over_best_baseline(stats: CurveStats, context: RunContext) -> tuple[str, float] | None:
    """The best trivial predictor on the training data (known for our runs and with
    ``--baseline-loss``) and the model's final training loss over its loss; None unknown."""
    if not context.baselines_train:
        return None
    name = min(context.baselines_train, key=context.baselines_train.__getitem__)
    return name, _end_level(stats.train) / context.baselines_train[name]


def _underfitting(stats: CurveStats, context: RunContext) -> Finding | None:
    if stats.n_epochs < 2:
        return None
    settings = context.settings
    best_val = float(stats.val[stats.best_index])
    train_end = _end_level(stats.train)
    gap = best_val / float(stats.train[stats.best_index])
    evidence: dict[str, Any] = {
        "train_loss_end": train_end,
        "val_loss_best": best_val,
        "val_over_train_at_best": round(gap, 3),
        "max_gap": MAX_GAP_FOR_UNDERFIT,
    }
    # Only a gap that training opened argues against underfitting (it is the overfitting
    # side). A gap already there at the first epoch, before the model fit anything, is a
    # difference between the splits (val data harder than train): it stays whatever the
    # model learns, so the gap is judged against it. (A first-epoch train mean above the
    # rest, the initial descent, makes that gap small: no excuse for a gap is made then.)
    opened = gap / first_gap(stats)
    evidence["val_over_train_at_start"] = round(first_gap(stats), 3)
    # Weights that stopped moving leave both curves frozen (a val that still changes means
    # the model does too): the shorter run of repeats counts.
    frozen = min(_frozen_epochs(stats.train), _frozen_epochs(stats.val))
    if gap > MAX_GAP_FOR_UNDERFIT and opened > MAX_GAP_FOR_UNDERFIT and not frozen:
        return None
    reasons, statistics = [], []
    if frozen:  # whatever the gap: a model that stopped moving learns nothing more
        evidence.update(frozen_epochs=frozen, frozen_train_loss=float(stats.train[-1]))
        reasons.append(
            f"the model stopped learning: train and val loss stayed exactly the same for the "
            f"last {frozen} epochs (a constant prediction, or dead units)"
        )
        statistics.append(confidence(frozen, MIN_EPOCHS))
    against_baseline = train_over_best_baseline(stats, context)
    if against_baseline is not None:
        name, ratio = against_baseline
        evidence.update(
            best_train_baseline=name,
            train_over_baseline=round(ratio, 3),
            baseline_threshold=BASELINE_RATIO,
        )
        if ratio >= BASELINE_RATIO:
            reasons.append(f"train loss is {ratio:.2f}x that of {name.replace('_', ' ')}")
            statistics.append(confidence(ratio, BASELINE_RATIO))
    if context.residual_r2 is not None and math.isfinite(context.residual_r2):
        evidence.update(
            residual_r2=round(context.residual_r2, 3), residual_threshold=RESIDUAL_STRUCTURE
        )
        if context.residual_r2 > RESIDUAL_STRUCTURE:
            reasons.append(
                f"{100 * context.residual_r2:.0f}% of its training error is predictable from "
                "its own past errors"
            )
            statistics.append(confidence(context.residual_r2, RESIDUAL_STRUCTURE))
    curves_only = against_baseline is None and context.residual_r2 is None
    if curves_only:
        # Curves alone (anyone's logs): a training loss that barely moved after its first
        # epoch (whose mean holds the drop from a random start to the mean predictor).
        start = 1 if stats.n_epochs >= MIN_EPOCHS else 0
        drop = float(stats.smooth_train[start]) - math.log(_end_level(stats.train))
        evidence.update(
            train_drop_pct=drop_pct(drop), threshold="train drop < 10% after the first epoch"
        )
        if stats.n_epochs >= MIN_EPOCHS and drop < math.log(1.1):
            reasons.append(
                f"train loss fell only {drop_pct(drop):.1f}% after the first of its "
                f"{stats.n_epochs} epochs"
            )
            statistics.append(0.5)
    if not reasons:
        return None
    # Curves alone cannot tell a model that never learnt from one that learnt all it could
    # in its first epoch (many batches an epoch): a flat training loss after it is a note,
    # which withholds good_fit but yields to what the curves show directly (a val below
    # train, a rise). A frozen model, or a known trivial predictor's loss, is evidence.
    level_free = curves_only and not frozen
    units = int(setting(settings, "units", 64))
    layers = int(setting(settings, "layers", 2))
    lr = setting(settings, "lr", None)
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
        "info" if level_free else "warning",
        ("underfitting: " if frozen else "underfitting: train and val loss are close and high: ")
        + "; ".join(reasons),
        evidence,
        tuple(remedies),
        max(statistics),
    )


# A val curve whose typical epoch-to-epoch move is this large (8%) is noisy...
NOISY_JUMP = math.log(1.08)


def jumpiness(log_values: np.ndarray) -> float:
    """The median epoch-to-epoch move of a log-loss curve (from epoch 2) beyond its trend:
    how far each epoch lands from the straight line through its two neighbours, scaled
    so that pure noise scores what its plain median |change| would (x sqrt(2 / 1.5)). A
    curve that falls or rises steadily is not noisy, however fast it moves."""
    values = log_values[1:]
    if len(values) < 3:
        moves = np.abs(np.diff(values))
        return max(float(np.median(moves)), NOISE_FLOOR) if len(moves) else NOISE_FLOOR
    off_line = np.abs(values[1:-1] - 0.5 * (values[:-2] + values[2:]))
    return max(float(np.median(off_line)) * math.sqrt(2 / 1.5), NOISE_FLOOR)


def _noisy_validation(stats: CurveStats) -> Finding | None:
    if stats.n_epochs < MIN_EPOCHS:
        return None
    # Epoch-to-epoch val moves of over 8% (and 3x those of train) make picking the best epoch
    # a lottery: differences between epochs are mostly noise. The median move, not a robust
    # spread around a running median: a val curve that jumps every few epochs (a handful of
    # val rows) is what this is about, and a running median follows such jumps.
    jump_val = jumpiness(np.log(stats.val))
    jump_train = jumpiness(np.log(stats.train))
    limit = max(NOISY_JUMP, SIGNIFICANT * jump_train)
    if jump_val <= limit:
        return None
    return Finding(
        "noisy_validation",
        "warning",
        f"noisy validation: val loss moves {pct(jump_val)}% from epoch to epoch (median), "
        f"train {pct(jump_train)}%",
        {
            "val_median_move_pct": pct(jump_val),
            "train_median_move_pct": pct(jump_train),
            "val_noise_pct": pct(stats.noise_val),
            "threshold_pct": pct(limit),
        },
        (Remedy({"split": "0.6,0.2,0.2"}, "A larger validation split averages out the noise."),),
        confidence(jump_val, limit),
    )


# "Most epochs": val under train in over half of them.
PERSISTENT = 0.5


def _val_below_train(stats: CurveStats, context: RunContext) -> Finding | None:
    if stats.n_epochs < 1:
        return None
    best = stats.best_index
    ratio = float(stats.val[best] / stats.train[best])
    # 10% or 3 noise sigmas, whichever is larger, below the training loss of the same epoch.
    limit = min(math.exp(-SIGNIFICANT * max(stats.noise_val, stats.noise_train)), 0.9)
    if ratio >= limit:
        return None
    # The lowest epoch of a noisy val curve is a draw from its low tail, so one epoch's
    # val under train says little: the gap must persist, val under train in most epochs.
    below = float(np.mean(stats.val < stats.train))
    if below <= PERSISTENT:
        return None
    settings = context.settings
    evidence: dict[str, Any] = {
        "val_over_train_at_best": round(ratio, 3),
        "threshold": round(limit, 3),
        "share_of_epochs_val_below_train": round(below, 3),
    }
    reasons = []
    if float(setting(settings, "dropout", 0.0)) > 0 and int(setting(settings, "layers", 1)) > 1:
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
        "val_below_train", severity, summary, evidence, remedies, confidence(limit, ratio)
    )


# The median of 5 epochs (the smoothed curve) of a curve whose epochs scatter by s scatters
# by about 0.56 s (1.2533 / sqrt(5)): the noise of a rise read between two smoothed epochs.
MEDIAN_OF_5 = 0.56


def beyond_jumps(log_change: float, noisy: Finding) -> bool:
    """A change of the val curve (between smoothed epochs, log units) that the jumps of a
    noisy val curve do not explain: over ``SIGNIFICANT`` x sqrt(2) x ``MEDIAN_OF_5``
    typical epoch-to-epoch moves (for pure noise the median move is about one per-epoch
    standard deviation)."""
    jump = math.log1p(noisy.evidence["val_median_move_pct"] / 100)
    return log_change > SIGNIFICANT * math.sqrt(2) * MEDIAN_OF_5 * jump


def _rise_beyond_jumps(overfitting: Finding, noisy: Finding) -> bool:
    """A val rise that a noisy val curve's jumps do not explain (``beyond_jumps``). (A rise
    is only ever read while train fell ``TRAIN_FALL`` or more, the training half of the
    definition.)"""
    if overfitting.evidence.get("pattern") != "rise":
        return False
    return beyond_jumps(math.log1p(overfitting.evidence["val_rise_pct"] / 100), noisy)


def noisy_reading(finding: Finding) -> Finding:
    """``finding`` as a note: a reading of a val curve too noisy to assert it."""
    return replace(
        finding,
        severity="info",
        summary=f"possible {finding.summary} (read off a noisy val curve)",
    )


def generalization_findings(
    stats: CurveStats, context: RunContext, *, converged: bool
) -> list[Finding | None]:
    """Each generalization finding, or None where it does not apply.

    ``converged=False`` (the loss was still falling steadily) rules out underfitting: the
    level of a loss that has not converged says nothing yet about the model's capacity.
    """
    overfitting, noisy = _overfitting(stats, context.settings), _noisy_validation(stats)
    memorized = overfitting is not None and (
        overfitting.evidence["train_drop_pct"] >= drop_pct(STALL_WIDENING)
    )
    if overfitting is not None and noisy is not None and not memorized:
        memorized = _rise_beyond_jumps(overfitting, noisy)
    if overfitting is not None and noisy is not None and not memorized:
        # A val curve too noisy to pick its best epoch from is too noisy to read a rise
        # off: then only the training curve (measured on far more rows) can show
        # memorization, by halving after val's best. Short of that, measuring validation
        # comes first and the overfitting stays as a note.
        overfitting = noisy_reading(overfitting)
    return [
        overfitting,
        _underfitting(stats, context) if converged else None,
        noisy,
        _val_below_train(stats, context),
    ]
