"""Tests of the study report: summary counts, trials.csv rows, importances, progress events."""

from __future__ import annotations

import optuna
import pandas as pd
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState, create_trial

from lstm_doctor.treatment.study_report import (
    param_importances,
    study_summary,
    trial_event,
    trials_frame,
)

X = {"x": FloatDistribution(0.0, 1.0)}
ROW = {"epoch": 1, "train_loss": 0.5, "val_loss": 0.4, "lr": 1e-3, "grad_norm": 1.0}


def make_study() -> optuna.Study:
    study = optuna.create_study()
    history = [ROW, {**ROW, "epoch": 2, "val_loss": 0.3}]
    study.add_trial(create_trial(value=0.3, params={"x": 0.2}, distributions=X,
                                 user_attrs={"history": history, "best_epoch": 2,
                                             "worker": {"host": "a", "pid": 7}}))  # fmt: skip
    pruned = {"intermediate_values": {1: 0.8}, "user_attrs": {"history": [ROW]}}
    study.add_trial(
        create_trial(state=TrialState.PRUNED, params={"x": 0.9}, distributions=X, **pruned)
    )
    study.add_trial(create_trial(state=TrialState.FAIL, params={"x": 0.5}, distributions=X))
    study.add_trial(create_trial(state=TrialState.FAIL, user_attrs={"surplus": True}))
    study.add_trial(create_trial(value=0.1, params={"x": 0.5}, distributions=X,
                                 system_attrs={"failed_trial": 2}))  # fmt: skip
    return study


def test_summary_counts_states_and_names_the_best_and_the_retries():
    summary = study_summary(make_study())
    assert summary["trials"] == {"complete": 2, "pruned": 1, "failed": 1, "surplus": 1,
                                 "running": 0, "waiting": 0}  # fmt: skip
    best = {"number": 4, "val_vs_naive": 0.1, "val_mse": None, "params": {"x": 0.5}}
    assert summary["best"] == best
    assert summary["retried"] == {"4": 2}


def test_trials_frame_has_one_row_per_trial_with_params_and_history_figures():
    frame = trials_frame(make_study())
    assert list(frame["state"]) == ["complete", "pruned", "failed", "surplus", "complete"]
    assert list(frame["epochs"]) == [2, 1, 0, 0, 0]
    assert frame.loc[0, "best_val_loss"] == 0.3 and frame.loc[0, "host"] == "a"
    assert frame.loc[4, "retry_of"] == 2 and frame.loc[1, "param_x"] == 0.9
    assert frame.loc[1, "stop_reason"] == "pruned" and pd.isna(frame.loc[2, "stop_reason"])


def test_an_event_of_a_pruned_trial_shows_its_best_val_and_the_study_best():
    study = make_study()
    event = trial_event(study, study.trials[1])
    assert (event.state, event.value, event.epochs) == ("pruned", 0.8, 1)
    assert (event.best_value, event.best_number) == (0.1, 4)


def test_importances_need_two_complete_trials():
    study = optuna.create_study()
    study.add_trial(create_trial(value=0.3, params={"x": 0.2}, distributions=X))
    result = param_importances(study)
    assert result["importances"] is None and "need 2" in result["reason"]
    for x in (0.1, 0.4, 0.6, 0.8, 0.9):
        study.add_trial(create_trial(value=x * x, params={"x": x}, distributions=X))
    assert set(param_importances(study)["importances"]) == {"x"}
