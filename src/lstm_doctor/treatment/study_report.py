"""What a finished search says: the summary, one row per trial, and parameter importances."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import optuna
import pandas as pd
from optuna.trial import FrozenTrial, TrialState

__all__ = ["TrialEvent", "param_importances", "study_summary", "trial_event", "trials_frame"]

_STATE = {
    TrialState.COMPLETE: "complete",
    TrialState.PRUNED: "pruned",
    TrialState.FAIL: "failed",
    TrialState.RUNNING: "running",
    TrialState.WAITING: "waiting",
}


def _state(trial: FrozenTrial) -> str:
    if trial.state == TrialState.FAIL and trial.user_attrs.get("surplus"):
        return "surplus"
    return _STATE[trial.state]


def _retry_of(trial: FrozenTrial) -> int | None:
    return trial.system_attrs.get("failed_trial")


def _best(study: optuna.Study) -> FrozenTrial | None:
    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    return min(complete, key=lambda t: (t.value, t.number)) if complete else None


@dataclass(frozen=True)
class TrialEvent:
    """A trial that just finished, as the progress line shows it."""

    number: int
    state: str  # complete | pruned | failed
    value: float | None  # the objective: val MSE / naive's (best epoch so far, if pruned)
    best_value: float | None
    best_number: int | None
    epochs: int
    seconds: float | None
    retry_of: int | None
    error: str | None
    stop_reason: str | None = None  # "timeout": a trial pruned because --timeout ran out


def trial_event(study: optuna.Study, trial: FrozenTrial) -> TrialEvent:
    """The progress record of ``trial`` with the study's best so far."""
    best = _best(study)
    value = trial.value if trial.state == TrialState.COMPLETE else None
    if trial.state == TrialState.PRUNED and trial.intermediate_values:
        value = min(trial.intermediate_values.values())
    seconds = None
    if trial.datetime_start is not None and trial.datetime_complete is not None:
        seconds = (trial.datetime_complete - trial.datetime_start).total_seconds()
    return TrialEvent(
        number=trial.number,
        state=_state(trial),
        value=value,
        best_value=None if best is None else best.value,
        best_number=None if best is None else best.number,
        epochs=len(trial.user_attrs.get("history", [])),
        seconds=seconds,
        retry_of=_retry_of(trial),
        error=trial.user_attrs.get("error"),
        stop_reason=trial.user_attrs.get("stop_reason"),
    )


def study_summary(study: optuna.Study) -> dict[str, Any]:
    """Counts by state, the best trial, and which trials were retries of failed ones."""
    trials = study.get_trials(deepcopy=False)
    counts = {name: 0 for name in ("complete", "pruned", "failed", "surplus", "running")}
    counts["waiting"] = 0
    for trial in trials:
        counts[_state(trial)] += 1
    best = _best(study)
    return {
        "name": study.study_name,
        "trials": counts,
        "best": None
        if best is None
        else {
            "number": best.number,
            "val_vs_naive": best.value,
            "val_mse": best.user_attrs.get("val_mse"),
            "params": best.params,
        },
        "retried": {str(t.number): _retry_of(t) for t in trials if _retry_of(t) is not None},
    }


def trials_frame(study: optuna.Study) -> pd.DataFrame:
    """One row per trial: number, state, val loss, every parameter, epochs and where it ran."""
    rows = []
    for trial in study.get_trials(deepcopy=False):
        history = trial.user_attrs.get("history", [])
        worker = trial.user_attrs.get("worker") or {}
        seconds = None
        if trial.datetime_start is not None and trial.datetime_complete is not None:
            seconds = (trial.datetime_complete - trial.datetime_start).total_seconds()
        row: dict[str, Any] = {
            "number": trial.number,
            "state": _state(trial),
            "val_vs_naive": trial.value,
            "val_mse": trial.user_attrs.get("val_mse"),
            # a pruned trial has no value; its best val loss / naive's places it on a chart
            "naive_val_mse": trial.user_attrs.get("naive_val_mse"),
            "best_val_loss": min(
                (r["val_loss"] for r in history if math.isfinite(r["val_loss"])), default=None
            ),
            "epochs": len(history),
            "best_epoch": trial.user_attrs.get("best_epoch"),
            # early_stopping, max_epochs, ...; "timeout" for a trial pruned by --timeout
            "stop_reason": trial.user_attrs.get("stop_reason")
            or ("pruned" if trial.state == TrialState.PRUNED else None),
            "seconds": seconds,
            "retry_of": _retry_of(trial),
            "host": worker.get("host"),
            "pid": worker.get("pid"),
            "error": trial.user_attrs.get("error"),
        }
        row.update({f"param_{k}": v for k, v in trial.params.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def param_importances(study: optuna.Study) -> dict[str, Any]:
    """PED-ANOVA importances over the complete trials, or why they cannot be computed."""
    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if len(complete) < 2:
        return {"importances": None, "reason": f"{len(complete)} complete trial(s); need 2"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = optuna.importance.get_param_importances(study)
    except (ValueError, RuntimeError, ZeroDivisionError) as exc:
        return {"importances": None, "reason": str(exc)}
    return {"importances": {k: float(v) for k, v in values.items()}, "n_trials": len(complete)}
