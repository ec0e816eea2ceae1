"""How near its thresholds a run's label was decided: the label's margin.

The label rules (``labels.py``) are thresholds on the recorded numbers: a run whose val rose
14% after its best epoch is a good fit, one whose val rose 16% is overfitting. Near a
threshold the answer key is a coin toss that no reading of the curves can match except the
rules themselves. So each threshold is moved, one at a time, by a quarter of its effect
size either way, and the run is relabelled:

- a ratio threshold r (1.15: val 15% above its minimum; 0.8: train 20% below) is moved in
  log space, to r ** 0.75 and r ** 1.25 (1.15 -> 1.11 and 1.19; 0.8 -> 0.85 and 0.76);
- a share or a jump (0.10 of the range, 0.8 of the epochs, a 0.08 median jump) is scaled by
  0.75 and 1.25 (a share of epochs is capped at 1).

A run whose primary label changes under any of these moves is **borderline**; every other run
is **clear**. The rule was written down before the sixth held-out set was measured, and is
computed from the labels and recorded numbers only, never from the diagnosis.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from labels import THRESHOLDS, label_run

__all__ = ["MOVE", "borderline_thresholds", "moved_threshold", "moved_thresholds"]

# A quarter of each threshold's effect size, either way.
MOVE = 0.25
# Thresholds that are ratios (compared as multiples, so moved in log space); the others
# are shares and jumps, scaled.
RATIOS = frozenset(
    {
        "spike_rise",
        "ended_over_min",
        "blow_up",
        "slow_fall",
        "no_learning_of_baseline",
        "no_learning_of_first",
        "val_rise",
        "train_fall",
        "noisy_over_train",
        "below_ratio",
    }
)


def moved_threshold(name: str, share: float) -> float:
    """Threshold ``name`` moved by ``share`` of its effect size (-0.25: a quarter down): in
    log space for a ratio, scaled for a share or a jump (a share of epochs capped at 1)."""
    value, scale = THRESHOLDS[name], 1.0 + share
    moved = math.exp(math.log(value) * scale) if name in RATIOS else value * scale
    return min(moved, 1.0) if name == "below_share" else moved


def moved_thresholds() -> list[tuple[str, dict[str, float]]]:
    """(name, thresholds with that one moved), two per threshold."""
    return [
        (name, {**THRESHOLDS, name: moved_threshold(name, sign * MOVE)})
        for name in THRESHOLDS
        for sign in (-1.0, 1.0)
    ]


MOVED = moved_thresholds()


def borderline_thresholds(entry: dict[str, Any]) -> list[str]:
    """The thresholds whose move changes the run's primary label (empty: a clear label)."""
    names = []
    for name, thresholds in MOVED:
        with np.errstate(divide="ignore", invalid="ignore"):  # NaN epochs, as when labelled
            label = label_run(entry["series"], entry.get("label_baseline"), thresholds)["label"]
        if label != entry["label"] and name not in names:
            names.append(name)
    return names
