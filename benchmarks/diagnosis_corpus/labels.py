"""Label rules for the diagnosis corpus, written before the diagnosis was run on any of it.

A label is computed from the per-epoch numbers a generator recorded while the framework
trained (``series``: the epoch-mean training loss and the validation loss, lower is better;
for an accuracy-only log, the error 1 - accuracy) and, where the generator knows it, the
loss of a trivial predictor on the training data (``baseline``: the MSE of predicting the
training mean, or the cross-entropy of predicting the class frequencies). The rules never
look at lstm-doctor's diagnosis: they are the answer key it is scored against.

Rules, first that fires wins (the second that fires, if any, is the ``acceptable`` label):

1. ``too_short``: fewer than 5 epochs.
2. ``no_validation``: no validation value in any epoch.
3. ``unstable``: a non-finite training loss; or the last training loss at least 2x the
   lowest one and above it by > 10% of the training loss's range (max - min); or at least
   2 epochs (from the third on) whose training loss rose > 25% over the epoch before and
   by > 10% of that range; or a training loss that rose (after the first epoch) to 10x the
   lowest value before it, by > 10% of that range. (Ordinary minibatch noise of a small
   dataset moves an epoch mean by 10-20%; a rise of a loss already near zero moves nothing.)
4. ``slow_convergence``: the last 3 epochs' mean val loss is <= 0.95x the mean of the 3
   epochs that end max(3, n // 5) epochs earlier, and the val minimum lies in the last 3
   epochs (still falling: too early to call it underfitting).
5. ``underfitting`` (no learning): the mean training loss of the last 3 epochs is at least
   0.9x the trivial predictor's loss; without a baseline, at least 0.95x the first epoch's.
6. ``overfitting``: the val minimum is at epoch k with >= 3 epochs after it, the mean val
   loss of the last 3 epochs is >= 1.15x that minimum, and the mean train loss of the last 3
   epochs is <= 0.8x the train loss at k.
7. ``noisy_validation``: the median |epoch-to-epoch change| of log val (from the third epoch
   on) is >= 0.08 and >= 3x that of log train. (Before val-below-train: the level of a val
   curve that jumps like that says little.)
8. ``val_below_train``: val below train in >= 80% of the epochs, and the median val/train
   ratio <= 0.9.
9. ``good_fit``: none of the above.

A run whose losses go below zero (a Gaussian negative log-likelihood) is a log-scale loss:
the rules read it as exp(loss - lowest loss), so a ratio there is a difference of NLL. (The
first version said "zero or below", which read an error rate of exactly 0 as a likelihood;
fixed after the dev half had been diagnosed, see docs/diagnosis_corpus.md.)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["LABELS", "label_run"]

LABELS = (
    "too_short",
    "no_validation",
    "unstable",
    "slow_convergence",
    "underfitting",
    "overfitting",
    "noisy_validation",
    "val_below_train",
    "good_fit",
)

MIN_EPOCHS = 5
# The thresholds of the rules above, by name (``label_margin.py`` moves each one to ask how
# near its threshold a run's label was decided).
THRESHOLDS: dict[str, float] = {
    "material_share_of_range": 0.10,  # 3. a rise counts when > this share of the range
    "spike_rise": 1.25,  # 3. an epoch-to-epoch rise of the training loss
    "ended_over_min": 2.0,  # 3. the last training loss over its minimum
    "blow_up": 10.0,  # 3. a training loss over the lowest before it
    "slow_fall": 0.95,  # 4. the late val mean over the earlier one
    "no_learning_of_baseline": 0.9,  # 5. the training loss over the trivial predictor's
    "no_learning_of_first": 0.95,  # 5. ... over the first epoch's, without a baseline
    "val_rise": 1.15,  # 6. the late val mean over its minimum
    "train_fall": 0.8,  # 6. the late train mean over the train loss at val's minimum
    "noisy_jump": 0.08,  # 7. the median |change| of log val
    "noisy_over_train": 3.0,  # 7. ... over that of log train
    "below_share": 0.8,  # 8. the share of epochs with val below train
    "below_ratio": 0.9,  # 8. the median val/train ratio
}


def _tail_mean(values: np.ndarray, k: int = 3) -> float:
    return float(np.mean(values[-k:]))


def _rules(
    train: np.ndarray,
    val: np.ndarray | None,
    baseline: float | None,
    t: dict[str, float] = THRESHOLDS,
) -> dict[str, Any]:
    """Each rule's verdict and the numbers behind it (``t``: the thresholds)."""
    n = len(train)
    out: dict[str, Any] = {"epochs": n}
    finite_train = train[np.isfinite(train)]
    fired: list[str] = []
    if n < MIN_EPOCHS:
        fired.append("too_short")
    has_val = val is not None and bool(np.isfinite(val).any())
    if not has_val:
        fired.append("no_validation")
    # 3. unstable
    nonfinite = int((~np.isfinite(train)).sum())
    out["train_nonfinite"] = nonfinite
    if len(finite_train) >= 2:
        ratio_last_min = (
            float(finite_train[-1] / finite_train.min()) if finite_train.min() > 0 else 1.0
        )
        rises = np.diff(np.log(np.clip(finite_train, 1e-300, None)))
        span = float(finite_train.max() - finite_train.min())
        least = t["material_share_of_range"] * span
        material = np.diff(finite_train) > least
        spikes = int(((rises > math.log(t["spike_rise"])) & material)[1:].sum())  # epoch 3 on
        ended_high = finite_train[-1] - finite_train.min() > least
        running_min = np.minimum.accumulate(finite_train)[:-1]
        high = finite_train[1:] >= t["blow_up"] * np.clip(running_min, 1e-300, None)
        blew_up = bool((high & (finite_train[1:] - running_min > least)).any())
    else:
        ratio_last_min, spikes, ended_high, blew_up = 1.0, 0, False, False
    out.update(train_last_over_min=round(ratio_last_min, 4), train_spikes=spikes)
    out["train_blew_up"] = blew_up
    if (
        nonfinite
        or (ratio_last_min >= t["ended_over_min"] and ended_high)
        or spikes >= 2
        or blew_up
    ):
        fired.append("unstable")
    if n >= 3 and len(finite_train) == n:
        # 4. underfitting / no learning
        end = _tail_mean(train)
        if baseline is not None and baseline > 0:
            out["train_end_over_baseline"] = round(end / baseline, 4)
            no_learning = end >= t["no_learning_of_baseline"] * baseline
        else:
            out["train_end_over_first"] = round(end / train[0], 4) if train[0] > 0 else None
            no_learning = train[0] > 0 and end >= t["no_learning_of_first"] * train[0]
        if no_learning:
            fired.append("underfitting")
        if has_val and val is not None and np.isfinite(val).all():
            # 5. overfitting
            k = int(np.argmin(val))
            after = n - 1 - k
            val_rise = _tail_mean(val) / val[k]
            train_after = _tail_mean(train) / train[k]
            out.update(
                val_min_epoch=k + 1,
                epochs_after_val_min=after,
                val_end_over_min=round(float(val_rise), 4),
                train_end_over_train_at_val_min=round(float(train_after), 4),
            )
            if after >= 3 and val_rise >= t["val_rise"] and train_after <= t["train_fall"]:
                fired.append("overfitting")
            # 6. val below train
            below = float(np.mean(val < train))
            ratio = float(np.median(val / train))
            out.update(share_val_below_train=round(below, 3), median_val_over_train=round(ratio, 4))
            if below >= t["below_share"] and ratio <= t["below_ratio"]:
                fired.append("val_below_train")
            # 7. noisy validation
            if n >= 5 and (val > 0).all() and (train > 0).all():
                jv = float(np.median(np.abs(np.diff(np.log(val[1:])))))
                jt = float(np.median(np.abs(np.diff(np.log(train[1:])))))
                out.update(val_jump=round(jv, 4), train_jump=round(jt, 4))
                if jv >= t["noisy_jump"] and jv >= t["noisy_over_train"] * jt:
                    fired.append("noisy_validation")
            # 8. slow convergence
            if n >= 6:
                w = max(3, n // 5)
                earlier = float(np.mean(val[n - w - 3 : n - w]))
                late = _tail_mean(val)
                out.update(val_end_over_earlier=round(late / earlier, 4), window=w)
                if late <= t["slow_fall"] * earlier and k >= n - 3:
                    fired.append("slow_convergence")
    fired.append("good_fit")
    # keep rule order, drop duplicates
    ordered = [lab for lab in LABELS if lab in fired]
    out["fired"] = ordered
    return out


def label_run(
    series: dict[str, Any], baseline: float | None = None, thresholds: dict[str, float] = THRESHOLDS
) -> dict[str, Any]:
    """``{"label", "acceptable", "numbers"}`` for one run's recorded per-epoch series.

    ``series`` has ``train`` (list) and optionally ``val`` (list, or None/absent when the
    run had no validation data); NaN/inf are allowed.
    """
    train = np.asarray([float(v) for v in series["train"]], dtype=float)
    raw_val = series.get("val")
    val = None if raw_val is None else np.asarray([float(v) for v in raw_val], dtype=float)
    both = np.concatenate([train, val if val is not None else []])
    finite = both[np.isfinite(both)]
    if len(finite) and finite.min() < 0:  # log-scale loss (NLL): compare exp(loss - min)
        train = np.exp(train - finite.min())
        val = None if val is None else np.exp(val - finite.min())
    numbers = _rules(train, val, baseline, thresholds)
    fired = numbers.pop("fired")
    acceptable = fired[1] if len(fired) > 1 and fired[1] != "good_fit" else None
    return {"label": fired[0], "acceptable": acceptable, "numbers": numbers, "fired": fired}
