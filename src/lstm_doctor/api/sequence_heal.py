"""``heal`` for sequence classification and regression: the treatment loop wired to real
fits of a ``SequenceClassifier`` / ``SequenceRegressor``.

The loop and its policy are those of forecasting (``lstm_doctor.treatment``); what differs
is the candidate (a sequence estimator), the settings the policy may change
(``SEQUENCE_HEAL_SETTINGS``: pooling, direction and the sequence augmentations, label
smoothing and class weights besides the shared ones) and the criterion: the validation
loss the sequence trainer selects its epoch on, the plain cross-entropy (or MSE), so that
candidates with different label smoothing or class weights are compared on one scale. A
change is kept on paired evidence, as in forecasting (``treatment.paired``): the two models'
losses on the same validation sequences, one difference per sequence.
Every candidate is fitted on train and validation only; the test split (or file) is read
once, at the end, for the winner and the starting model.

The loop compares single models (``ensemble=1``, no refit): the fairest and cheapest
comparison. When the settings ask for a seed ensemble or a refit (given, or the classify
defaults), the final model is fitted afresh with the winner's settings plus those two; the
starting model and every step stay single models.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lstm_doctor.api.heal_candidate import FittedCandidate
from lstm_doctor.api.sequence_estimators import (
    SequenceClassifier,
    SequenceEstimator,
    SequenceRegressor,
)
from lstm_doctor.artifacts import write_json_atomic
from lstm_doctor.config import check_float, check_int
from lstm_doctor.data.load import read_table
from lstm_doctor.treatment.heal import HealStep, heal_loop

__all__ = [
    "SEQUENCE_HEAL_SETTINGS",
    "SEQUENCE_HEAL_START",
    "SequenceHealOutcome",
    "heal_sequences",
    "save_healed",
]

# "Start small", as forecasting's heal: the first model, unless the user fixed these.
SEQUENCE_HEAL_START = {"layers": 1, "units": 32}
# What the policy may change for a sequence model; the columns, the split, the scaler, the
# device, the seed and the precision define the task and stay as given.
SEQUENCE_HEAL_SETTINGS = frozenset({
    "pooling", "bidirectional", "units", "layers", "dropout", "weight_drop", "weight_decay",
    "l2", "l1", "jitter", "scaling", "time_warp", "window_slice", "lr", "clip", "batch_size",
    "schedule", "optimizer", "patience", "epochs", "label_smoothing", "class_weights",
    "summary_features", "encoder",
})  # fmt: skip
# Applied to the final model only; the loop compares single models.
_FINAL_ONLY = ("ensemble", "refit")
_COLUMNS = ("sequence_id", "label", "time", "group", "features", "task")


@dataclass
class _Fitted(FittedCandidate):
    """A fitted sequence estimator as the heal loop sees it (validation only)."""

    estimator: SequenceEstimator
    column_settings = _COLUMNS

    @property
    def val_loss(self) -> float:
        """The validation loss at the epoch the trainer kept (plain cross-entropy or MSE)."""
        history = self.estimator.history_
        if history.best_epoch is None:
            return math.inf
        return float(history.column("val_loss")[history.best_epoch - 1])

    @property
    def val_losses(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Per-sequence validation losses for the paired test (keys: position in the
        validation split, the same sequences for every candidate)."""
        losses = getattr(self.estimator, "val_sequence_losses_", None)
        if losses is None:
            return None
        return np.arange(losses.size, dtype=np.int64), losses


def _scores(estimator: SequenceEstimator, split: str) -> dict[str, float] | None:
    values = estimator.metrics_.get(split)
    if values is None:
        return None
    names = ("accuracy", "balanced_accuracy", "macro_f1", "log_loss", "mse", "mae")
    return {k: values[k] for k in names if k in values}


def _row(estimator: SequenceEstimator) -> dict[str, Any]:
    return {"val": _scores(estimator, "val"), "test": _scores(estimator, "test")}


@dataclass
class SequenceHealOutcome:
    """The healed estimator (scored once on test), the starting one, and the treatment log."""

    estimator: SequenceEstimator
    start: SequenceEstimator
    steps: list[HealStep]
    stop_reason: str
    start_val_loss: float
    final_val_loss: float

    def comparison(self) -> list[dict[str, Any]]:
        """Val and test scores of the healed model, the starting model and the baselines, on
        the same sequences. Test figures are filled after the choice, never used in it."""
        rows = [{"model": "healed", **_row(self.estimator)}]
        if self.start is not self.estimator:
            rows.append({"model": "start", **_row(self.start)})
        for name, values in self.estimator.metrics_["baselines"].items():
            rows.append({"model": name, "val": values.get("val"), "test": values.get("test")})
        return rows

    def treatment(self) -> dict[str, Any]:
        criterion = "cross_entropy" if self.estimator.task == "classify" else "mse_scaled"
        return {
            "task": self.estimator.task,
            "criterion": f"val {criterion}",
            "stop_reason": self.stop_reason,
            "start_val_loss": self.start_val_loss,
            "final_val_loss": self.final_val_loss,
            "final_settings": self.estimator.resolved_settings(),
            "steps": [s.to_dict() for s in self.steps],
            "comparison": self.comparison(),
        }


def heal_sequences(
    data: Any,
    sequence: str,
    label: str,
    *,
    task: str = "classify",
    time: str | None = None,
    group: str | None = None,
    features: list[str] | None = None,
    test: Any = None,
    budget_minutes: float = 20.0,
    max_steps: int = 20,
    on_step: Callable[[HealStep], None] | None = None,
    **settings: Any,
) -> SequenceHealOutcome:
    """Treat a sequence model: start small, diagnose, change one thing, keep what helps on
    validation; score the winner (and the starting model) on the test split once, at the end.

    ``data`` and ``test`` are DataFrames or CSV/Parquet paths; ``settings`` are estimator
    settings (``SequenceClassifier`` keywords). The model starts at ``SEQUENCE_HEAL_START``
    unless they fix ``layers``/``units``.
    """
    check_float("heal", "budget_minutes (--budget)", budget_minutes, 0, open_low=True)
    check_int("heal", "max_steps (--max-steps)", max_steps, 1)
    cls = SequenceClassifier if task == "classify" else SequenceRegressor
    frame = read_table(data)  # read once, shared by every fit
    test_frame = None if test is None else read_table(test)
    columns = {"sequence": sequence, "label": label, "time": time, "group": group,
               "features": features}  # fmt: skip
    final = {name: cls(**settings).setting(name) for name in _FINAL_ONLY}
    start = {**SEQUENCE_HEAL_START, **settings, "ensemble": 1, "refit": False}

    def fit(candidate: dict[str, Any], warm_from: _Fitted | None) -> _Fitted:
        estimator = cls(**candidate)
        init = None if warm_from is None else warm_from.estimator
        estimator.fit(frame, test=test_frame, evaluate_test=False, init_from=init, **columns)
        return _Fitted(estimator)

    result = heal_loop(
        fit,
        start,
        budget_seconds=60.0 * budget_minutes,
        max_steps=max_steps,
        on_step=on_step,
        available=SEQUENCE_HEAL_SETTINGS,
    )
    best: SequenceEstimator = result.best.estimator
    start_model: SequenceEstimator = result.start.estimator
    refit_final = final["ensemble"] > 1 or final["refit"]
    if refit_final:  # the final model: the winner's settings, with the ensemble / refit
        best = cls(**{**result.best.settings, **final})
        best.fit(frame, test=test_frame, **columns)
    else:
        best.finish(frame, test_frame)
    if start_model is not result.best.estimator or refit_final:
        start_model.finish(frame, test_frame)
    return SequenceHealOutcome(
        best,
        start_model,
        result.steps,
        result.stop_reason,
        result.start.val_loss,
        result.best.val_loss,
    )


def save_healed(outcome: SequenceHealOutcome, out_dir: str | Path, *, overwrite: bool) -> Path:
    """The healed run directory, with ``treatment.json`` beside its other files."""
    run = outcome.estimator.save(out_dir, overwrite=overwrite)
    write_json_atomic(run / "treatment.json", outcome.treatment())
    return run
