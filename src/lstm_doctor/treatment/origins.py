"""Robust selection on small validation splits: more validation origins inside train+val.

The rule: a validation split is *small* when the paired test counts fewer than
``TARGET_EFFECTIVE`` effective windows on it (``paired.effective_windows``: overlapping
windows of ``horizon`` steps count for much less than their number). Then every candidate is
also fitted and scored at earlier origins — the validation block moved back by its own
length, the training split shortened to end where it starts — until the pooled windows
reach the target, ``MAX_EXTRA_ORIGINS`` extra origins are used, or the training split would
hold fewer windows than the validation block. The test split is never part of any origin's
train or validation (each origin's own "test" rows are never read). The origins' validation
targets do not overlap, so their windows pool into one longer validation stretch for the
paired test. When even that stays below ``TARGET_EFFECTIVE``, the data cannot support fine
choices, where the paired test has little power (and none below ``paired.MIN_EFFECTIVE``):
a change is then also kept when it is coarse — at most half the incumbent's validation MSE
at every origin (``treatment.heal.COARSE_FACTOR``); otherwise the simpler model stays.
"""

from __future__ import annotations

from typing import Any

from lstm_doctor.treatment.paired import effective_windows

__all__ = ["MAX_EXTRA_ORIGINS", "TARGET_EFFECTIVE", "rolling_origins"]

TARGET_EFFECTIVE = 10.0
MAX_EXTRA_ORIGINS = 4


def rolling_origins(
    n_rows: int, train_rows: int, val_rows: int, *, lookback: int, horizon: int, n_series: int = 1
) -> tuple[list[str], dict[str, Any]]:
    """The extra origins' ``split`` strings (row counts) and the plan, for the record."""
    n_windows = max(val_rows - horizon + 1, 0)
    effective = effective_windows(n_windows, horizon)
    plan: dict[str, Any] = {
        "rule": (
            f"small validation = fewer than {TARGET_EFFECTIVE:g} effective windows "
            "(windows / (2 (HAC lag + 1))); then up to "
            f"{MAX_EXTRA_ORIGINS} earlier validation origins inside train+val"
        ),
        "val_windows": n_windows,
        "val_effective_windows": round(effective, 2),
        "origins": 1,
    }
    splits: list[str] = []
    if effective >= TARGET_EFFECTIVE:
        plan["note"] = "validation is large enough: one origin"
    elif n_series != 1:
        plan["note"] = "several series: one origin (rolling origins need one series)"
    else:
        total = n_windows
        for j in range(1, MAX_EXTRA_ORIGINS + 1):
            train_j = train_rows - j * val_rows
            if train_j - lookback - horizon + 1 < max(val_rows, 1):
                break
            splits.append(f"{train_j},{val_rows},{n_rows - train_j - val_rows}")
            total += n_windows
            if effective_windows(total, horizon) >= TARGET_EFFECTIVE:
                break
        effective = effective_windows(total, horizon)
        plan.update(origins=1 + len(splits), pooled_windows=total)
    plan["effective_windows"] = round(effective, 2)
    plan["supports_fine_choices"] = effective >= TARGET_EFFECTIVE
    if not plan["supports_fine_choices"]:
        earlier = f"{plan['note']}; " if "note" in plan else ""
        plan["note"] = earlier + (
            f"only {effective:.1f} effective validation windows with {plan['origins']} "
            "origin(s): the data cannot support fine choices; besides the paired test, a "
            "coarse change (at most half the incumbent's val MSE at every origin) is kept, "
            "otherwise the simpler model stays"
        )
    return splits, plan
