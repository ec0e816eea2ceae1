"""``heal``: the treatment loop wired to real fits of a Forecaster.

Every candidate is fitted on train and validation only; the winner is scored on the test
split once, at the end. See ``lstm_doctor.treatment`` for the loop and its policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from lstm_doctor.api import Forecaster
from lstm_doctor.data.load import read_table
from lstm_doctor.diagnosis.curves import curve_stats
from lstm_doctor.diagnosis.findings import Diagnosis
from lstm_doctor.treatment.heal import HealStep, heal_loop

__all__ = ["HEAL_START", "HealOutcome", "heal"]

_COLUMN_SETTINGS = ("target", "time", "id", "covariates")
# "Start small": the first model of a treatment, unless the user fixed these settings.
HEAL_START = {"layers": 1, "units": 32}


@dataclass
class _Fitted:
    """A fitted Forecaster as the heal loop sees it (validation only)."""

    forecaster: Forecaster

    @property
    def val_loss(self) -> float:
        return float(self.forecaster.metrics_["val"]["mse"])

    @property
    def val_noise(self) -> float:
        return curve_stats(self.forecaster.history_).noise_val

    @property
    def diagnosis(self) -> Diagnosis:
        return self.forecaster.diagnosis_

    @property
    def settings(self) -> dict[str, Any]:
        return self.forecaster.resolved_settings()


@dataclass
class HealOutcome:
    """The healed model (scored once on test), the starting model, and the treatment log."""

    forecaster: Forecaster
    start: Forecaster
    steps: list[HealStep]
    stop_reason: str
    lr_find: dict[str, Any] | None = None

    def treatment(self) -> dict[str, Any]:
        return {
            "stop_reason": self.stop_reason,
            "lr_find": self.lr_find,
            "start_val_mse": self.start.metrics_["val"]["mse"],
            "final_val_mse": self.forecaster.metrics_["val"]["mse"],
            "final_settings": self.forecaster.resolved_settings(),
            "steps": [s.to_dict() for s in self.steps],
        }


def heal(
    data: pd.DataFrame | str | Path,
    target: str | list[str],
    *,
    time: str | None = None,
    id: str | None = None,
    covariates: str | list[str] | None = None,
    budget_minutes: float = 20.0,
    max_steps: int = 20,
    on_step: Callable[[HealStep], None] | None = None,
    **settings: Any,
) -> HealOutcome:
    """Treat a forecaster: start small, diagnose, change one thing, keep what helps on val.

    ``settings`` are Forecaster settings; the model starts at ``HEAL_START`` unless they fix
    ``layers``/``units``, and at the LR range test's suggestion unless they fix ``lr``. Every
    candidate is fitted without reading the test split; the winner is scored on it once, at
    the end (``HealOutcome.forecaster.metrics_``).
    """
    frame = read_table(data)  # read once, shared by every fit
    columns = {"target": target, "time": time, "id": id, "covariates": covariates}
    start = {**HEAL_START, **settings, **{k: v for k, v in columns.items() if v is not None}}
    lr_found = None
    if "lr" not in settings:
        probe = Forecaster(**{k: v for k, v in start.items() if k not in _COLUMN_SETTINGS})
        found = probe.lr_find(frame, **{k: v for k, v in columns.items() if v is not None})
        lr_found = {"suggestion": found.suggestion, "rule": found.rule}
        if found.suggestion is not None:
            start["lr"] = found.suggestion

    def fit(candidate: dict[str, Any]) -> _Fitted:
        given = {k: candidate.get(k) for k in _COLUMN_SETTINGS}
        model_settings = {k: v for k, v in candidate.items() if k not in _COLUMN_SETTINGS}
        forecaster = Forecaster(**model_settings)
        return _Fitted(forecaster.fit(frame, **given, evaluate_test=False))

    result = heal_loop(
        fit, start, budget_seconds=60.0 * budget_minutes, max_steps=max_steps, on_step=on_step
    )
    best: Forecaster = result.best.forecaster
    best.finish(frame)
    return HealOutcome(best, result.start.forecaster, result.steps, result.stop_reason, lr_found)
