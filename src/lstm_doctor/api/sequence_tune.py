"""``tune --task classify|regress``: the Optuna search for sequence models.

The machinery is the forecasting search's (``treatment.search``: storage, sampler, pruner,
worker loop, trial reports); what differs is the space, the estimator and the objective.
Every trial fits one model (no ensemble, no refit: a search over ensembles would cost
ten fits a trial) on train and validation only, reporting its validation loss each epoch
(the pruner may stop it); it is ranked by validation log loss (classification) or by
validation MSE relative to the mean baseline's (regression). The best trial's settings
are fitted again with the same seed, scored once on test (the carved split or ``test``),
and saved as a run directory ``OUT/best``, with ``OUT/trials.csv`` and ``OUT/study.json``.
One worker process.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from time import monotonic as clock  # the clock of search_deadline
from typing import Any

import optuna
import pandas as pd
from optuna.trial import Trial

from lstm_doctor.api.sequence_estimators import (
    SequenceClassifier,
    SequenceEstimator,
    SequenceRegressor,
)
from lstm_doctor.artifacts import write_json_atomic
from lstm_doctor.data.load import read_table
from lstm_doctor.errors import ConfigError, LstmDoctorError, TrainingError
from lstm_doctor.treatment import search as studies
from lstm_doctor.treatment.search_space import Param
from lstm_doctor.treatment.study_report import (
    TrialEvent,
    study_summary,
    trial_event,
    trials_frame,
)

__all__ = ["SEQUENCE_SPACE", "sequence_space", "tune_sequences"]

SEQUENCE_SPACE: dict[str, Param] = {
    "encoder": Param("encoder", "categorical", choices=("lstm", "lstm-fcn", "mlstm-fcn")),
    "summary_features": Param("summary_features", "categorical", choices=(False, True)),
    "pooling": Param("pooling", "categorical", choices=("last", "mean", "attention")),
    "units": Param("units", "categorical", choices=(32, 64, 128)),
    "dropout": Param("dropout", "float", low=0.0, high=0.5),
    "lr": Param("lr", "float", low=1e-4, high=1e-2, log=True),
    "batch_size": Param("batch_size", "categorical", choices=(8, 16, 32)),
    "jitter": Param("jitter", "categorical", choices=(0.0, 0.05, 0.1)),
    "label_smoothing": Param("label_smoothing", "categorical", choices=(0.0, 0.1)),
}
_ONE_MODEL = {"ensemble": 1, "refit": False}


def sequence_space(task: str, fixed: dict[str, Any]) -> dict[str, Param]:
    """The searched settings of a task: ``SEQUENCE_SPACE`` less those fixed by a flag (and
    label smoothing for regression)."""
    space = {k: p for k, p in SEQUENCE_SPACE.items() if k not in fixed}
    if task == "regress":
        space.pop("label_smoothing")
    if not space:
        raise ConfigError("Every setting of the sequence search space is fixed by a flag.")
    return space


def _estimator(task: str, settings: dict[str, Any]) -> SequenceEstimator:
    return (SequenceClassifier if task == "classify" else SequenceRegressor)(**settings)


def _score(estimator: SequenceEstimator, task: str) -> float:
    """Lower is better: val log loss, or val MSE over the mean baseline's."""
    metrics = estimator.metrics_
    if task == "classify":
        return float(metrics["val"]["log_loss"])
    baseline = float(metrics["baselines"]["mean"]["val"]["mse"])
    return float(metrics["val"]["mse"]) / baseline if baseline > 0 else math.inf


def _objective(
    frame: pd.DataFrame,
    task: str,
    columns: dict[str, Any],
    fixed: dict[str, Any],
    space: dict[str, Param],
    deadline: float,
) -> Callable[[Trial], float]:
    def objective(trial: Trial) -> float:
        params = {name: param.suggest(trial) for name, param in space.items()}
        prunable = not trial.user_attrs.get("first")
        rows: list[dict[str, float]] = []

        def on_epoch(row: dict[str, float]) -> None:
            rows.append(dict(row))
            best = min((r["val_loss"] for r in rows if math.isfinite(r["val_loss"])),
                       default=math.nan)  # fmt: skip
            trial.report(best, int(row["epoch"]))
            prune = trial.should_prune() and prunable
            if clock() >= deadline:
                trial.set_user_attr("stop_reason", "timeout")
                prune = True
            if prune:
                trial.set_user_attr("history", rows)
                raise optuna.TrialPruned(f"pruned at epoch {int(row['epoch'])}")

        estimator = _estimator(task, {**_ONE_MODEL, **fixed, **params})
        try:
            estimator.fit(frame, **columns, on_epoch=on_epoch, evaluate_test=False)
        except LstmDoctorError as exc:
            trial.set_user_attr("history", rows)
            trial.set_user_attr("error", str(exc))
            trial.set_user_attr("error_type", type(exc).__name__)
            raise
        trial.set_user_attr("history", estimator.history_.rows)
        trial.set_user_attr("best_epoch", estimator.history_.best_epoch)
        trial.set_user_attr("stop_reason", estimator.history_.stop_reason)
        return _score(estimator, task)

    return objective


def tune_sequences(
    data: pd.DataFrame | str | Path,
    *,
    task: str,
    out: str | Path,
    sequence: str,
    label: str,
    time: str | None = None,
    group: str | None = None,
    features: list[str] | None = None,
    test: pd.DataFrame | str | Path | None = None,
    search: studies.SearchConfig | None = None,
    on_trial: Callable[[TrialEvent], None] | None = None,
    **settings: Any,
) -> tuple[SequenceEstimator, Path, dict[str, Any]]:
    """Search ``SEQUENCE_SPACE`` (less the fixed ``settings``); refit the best, score it on
    test once, save it to ``OUT/best``. Returns (estimator, run directory, study summary).
    The first trial is the library defaults (one model), so the search never ends worse
    than a plain single-model fit on validation."""
    search = search or studies.SearchConfig()
    if search.n_jobs != 1:
        raise ConfigError("tune --task classify|regress runs one worker; drop --n-jobs.")
    if task not in ("classify", "regress"):
        raise ConfigError(f"tune_sequences needs task classify or regress. Got {task!r}.")
    out = Path(out)
    frame = read_table(data)
    columns = {"sequence": sequence, "label": label, "time": time, "group": group,
               "features": features, "test": test}  # fmt: skip
    columns = {k: v for k, v in columns.items() if v is not None}
    space = sequence_space(task, settings)
    defaults = _estimator(task, settings)
    first = {name: param.nearest(defaults.setting(name)) for name, param in space.items()}
    out.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(out / 'study.db').resolve()}"
    storage = studies.open_storage(url, search)
    n_startup = min(10, max(3, search.trials // 4))
    sampler = studies.make_sampler(search.sampler, search.seed, n_startup=n_startup, parallel=False)
    max_epochs = int(defaults.setting("epochs"))
    pruner = studies.make_pruner(search.pruner, n_trials=search.trials, max_epochs=max_epochs)
    study, _ = studies.open_study(storage, "lstm-doctor", sampler=sampler, pruner=pruner,
                          first_trials=[first])  # fmt: skip
    deadline = studies.search_deadline(search)
    notify = None if on_trial is None else (lambda s, t: on_trial(trial_event(s, t)))
    objective = _objective(frame, task, columns, settings, space, deadline)
    studies.run_worker(study, objective, search, on_trial=notify, deadline=deadline)

    summary = study_summary(study)
    trials_path = out / "trials.csv"
    tmp = trials_path.with_name(f".{trials_path.name}.partial")
    trials = trials_frame(study).rename(columns={"val_vs_naive": "objective"})
    trials.drop(columns=["val_mse"]).to_csv(tmp, index=False, float_format="%.10g")
    tmp.replace(trials_path)
    if summary["best"] is None:
        raise TrainingError(
            f"No trial completed ({summary['trials']}); see {trials_path} for each error."
        )
    found = summary["best"]
    best = {"number": found["number"], "objective": found["val_vs_naive"],
            "params": found["params"]}  # fmt: skip
    summary["best"] = best
    estimator = _estimator(task, {**_ONE_MODEL, **settings, **best["params"]})
    estimator.fit(frame, **columns, evaluate_test=False)
    estimator.finish(frame, test)
    run = estimator.save(out / "best", overwrite=True)
    summary.update(
        task=task,
        objective="val log loss" if task == "classify" else "val MSE / mean baseline's",
        storage=studies.redact(url),
        space={k: p.to_dict() for k, p in space.items()},
        fixed=settings,
        test=estimator.metrics_["test"],
    )
    write_json_atomic(out / "study.json", summary)
    return estimator, run, summary
