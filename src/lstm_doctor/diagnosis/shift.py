"""Distribution shift between splits: a column's level or spread moves out of its range.

The classic cause of a test gap on financial and sensor data: a model trained on one level
(or one spread) meets another. A covariate that drifts (a temperature over the seasons) does
the same to the inputs. Measured in training-split units on the scaled columns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_doctor.data.prepare import Prepared
from lstm_doctor.diagnosis.findings import Finding, Remedy

__all__ = ["diagnose_shift", "split_statistics"]

# A split whose mean target lies more than one training standard deviation from the training
# mean, or whose spread is over 2x (or under half) the training spread, puts most of the
# model's inputs where it saw few training windows: a warning. Three standard deviations (or
# half the values outside the training range) is out of range altogether: critical.
LEVEL_WARNING, LEVEL_CRITICAL = 1.0, 3.0
SPREAD_RATIO = 2.0
OUTSIDE_WARNING, OUTSIDE_CRITICAL = 0.2, 0.5


def _rows(prepared: Prepared, k: int) -> np.ndarray:
    """Scaled values of every column in split k (0 train, 1 val, 2 test), all series."""
    offsets, bounds = prepared.panel.offsets, prepared.bounds
    data = prepared.data.numpy()
    parts = []
    for s in range(prepared.panel.n_series):
        low = 0 if k == 0 else bounds[s, k - 1]
        parts.append(data[offsets[s] + low : offsets[s] + bounds[s, k]])
    return np.concatenate(parts)


def split_statistics(prepared: Prepared, splits: tuple[str, ...]) -> dict[str, Any]:
    """Per column (targets first): each split's mean and std in training-std units and the
    share of its values outside the training range."""
    train = _rows(prepared, 0).astype(np.float64)
    mean, std = train.mean(axis=0), np.where(train.std(axis=0) > 0, train.std(axis=0), 1.0)
    low, high = train.min(axis=0), train.max(axis=0)
    out: dict[str, Any] = {}
    for split in splits:
        values = _rows(prepared, ("train", "val", "test").index(split)).astype(np.float64)
        outside = ((values < low) | (values > high)).mean(axis=0)
        out[split] = {
            "level_shift_sd": ((values.mean(axis=0) - mean) / std).tolist(),
            "spread_ratio": (values.std(axis=0) / std).tolist(),
            "outside_train_range": outside.tolist(),
        }
    return out


def _remedies(role: str, name: str, prepared: Prepared) -> tuple[Remedy, ...]:
    if role == "covariate":
        others = [c for c in prepared.config.covariates if c != name]
        return (
            Remedy(
                {"covariates": others},
                f"Drop {name!r}: the model would extrapolate from values it never saw.",
            ),
            Remedy(
                {"normalization": "revin"},
                "Or normalize each window by its own level and spread (RevIN).",
            ),
        )
    return (
        Remedy(
            {"normalization": "revin"},
            "Normalize each window by its own level and spread (RevIN), so a new level "
            "is not a new input.",
        ),
        Remedy({"normalization": "last_value"}, "Or forecast the change from the last value."),
        Remedy({"normalization": "difference"}, "Or model first differences instead of levels."),
    )


def diagnose_shift(prepared: Prepared, splits: tuple[str, ...] = ("val", "test")) -> list[Finding]:
    """One finding per split and column whose distribution moved away from the training one."""
    findings = []
    n_targets = prepared.panel.n_targets
    for split, stats in split_statistics(prepared, splits).items():
        for j, name in enumerate(prepared.panel.columns):
            role = "target" if j < n_targets else "covariate"
            shift = stats["level_shift_sd"][j]
            level, spread = abs(shift), stats["spread_ratio"][j]
            outside = stats["outside_train_range"][j]
            spread_off = max(spread, 1 / spread if spread > 0 else np.inf)
            if level <= LEVEL_WARNING and spread_off <= SPREAD_RATIO and outside <= OUTSIDE_WARNING:
                continue
            critical = level > LEVEL_CRITICAL or outside > OUTSIDE_CRITICAL
            direction = "above" if shift > 0 else "below"
            summary = (
                f"distribution shift: {role} {name!r} in {split} sits {level:.1f} training SDs "
                f"{direction} its training mean, spread {spread:.2f}x, "
                f"{100 * outside:.0f}% of values outside the training range"
            )
            evidence = {
                "split": split,
                "column": name,
                "role": role,
                "level_shift_sd": round(shift, 3),
                "spread_ratio": round(spread, 3),
                "outside_train_range": round(outside, 3),
                "thresholds": {
                    "level_sd": [LEVEL_WARNING, LEVEL_CRITICAL],
                    "spread_ratio": SPREAD_RATIO,
                    "outside": [OUTSIDE_WARNING, OUTSIDE_CRITICAL],
                },
            }
            confidence = min(1.0, 0.5 * max(level / LEVEL_WARNING, outside / OUTSIDE_WARNING))
            findings.append(
                Finding(
                    "distribution_shift",
                    "critical" if critical else "warning",
                    summary,
                    evidence,
                    _remedies(role, name, prepared),
                    confidence,
                )
            )
    return findings
