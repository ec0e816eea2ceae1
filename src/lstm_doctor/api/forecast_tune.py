"""``tune``: the Optuna search wired to real fits of a Forecaster.

Every trial is fitted on train and validation only (it reports its validation loss each
epoch, and the pruner may stop it); the best trial is refitted with the same settings and
seed, scored on the test split once, and written as a normal run directory::

    OUT/study.db         the study (SQLite) unless --storage names another database
    OUT/best/            run directory of the best trial (model, metrics, diagnosis)
    OUT/trials.csv       one row per trial: state, val loss, parameters, epochs, worker
    OUT/importances.json parameter importances (PED-ANOVA)
    OUT/study.json       the summary: counts by state, best trial, space, fixed settings
"""

from __future__ import annotations

import logging
import math
import os
import socket
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from time import monotonic as clock
from typing import Any

import optuna
import pandas as pd
from optuna.trial import FrozenTrial, Trial

from lstm_doctor.api.forecaster import Forecaster
from lstm_doctor.artifacts import load_run, write_json_atomic
from lstm_doctor.config import TrainConfig
from lstm_doctor.data.load import read_table
from lstm_doctor.errors import ConfigError, LstmDoctorError, TrainingError
from lstm_doctor.evaluation.evaluate import baseline_mse
from lstm_doctor.training.tensorboard import TensorBoardLog, chain
from lstm_doctor.training.threads import set_threads
from lstm_doctor.treatment.search import (
    SearchConfig,
    make_pruner,
    make_sampler,
    open_storage,
    open_study,
    redact,
    run_worker,
    search_deadline,
)
from lstm_doctor.treatment.search_space import (
    DEFAULT_SPACE,
    Param,
    load_space,
    space_start,
    suggest,
)
from lstm_doctor.treatment.study_report import (
    TrialEvent,
    param_importances,
    study_summary,
    trial_event,
    trials_frame,
)
from lstm_doctor.treatment.workers import run_processes

__all__ = ["TuneOutcome", "tune"]

log = logging.getLogger(__name__)

_COLUMN_SETTINGS = ("target", "time", "id", "covariates")


@dataclass
class TuneOutcome:
    """The best trial refitted and scored once on test, where it was saved, and the study."""

    forecaster: Forecaster
    run: Path
    summary: dict[str, Any]


@dataclass(frozen=True)
class TuneJob:
    """What a worker process needs to join the study and fit trials (sent to the child)."""

    data: Any  # a path, or a DataFrame
    columns: dict[str, Any]
    fixed: dict[str, Any]
    space: dict[str, Param]
    storage: str
    study: str
    search: SearchConfig
    sampler_seed: int
    parallel: bool  # other workers run beside this one
    threads: int | None
    log_dir: Path | None = None  # TensorBoard runs, one per trial


def _naive_val_mse(frame: pd.DataFrame, settings: dict[str, Any], columns: dict[str, Any]) -> float:
    """MSE of "repeat the last value" on the validation windows, in this trial's scaled units."""
    prepared = Forecaster(**settings).prepare(frame, **columns)
    return baseline_mse(prepared, "val", season=None)["naive"]


def tune_objective(
    frame: pd.DataFrame, job: TuneJob, deadline: float = math.inf
) -> Callable[[Trial], float]:
    """The trial's validation MSE relative to naive's on the same windows (lower is better).

    A trial still running at ``deadline`` (``time.monotonic()``, the ``--timeout``) is
    pruned at the end of its epoch: it keeps its History, and the search ends on time.

    Relative, because the scaler is searched too: an MSE in min-max units is not comparable
    to one in z-score units, but each one's ratio to naive is (it ranks trials as the MSE in
    original units does, for one target).
    """
    worker = {"host": socket.gethostname(), "pid": os.getpid()}

    def objective(trial: Trial) -> float:
        trial.set_user_attr("worker", worker)  # who runs it: a dead worker can be found
        params = suggest(job.space, trial, job.fixed)
        settings = {**job.fixed, **params}
        rows: list[dict[str, float]] = []
        naive = math.nan
        # The enqueued first trials (the defaults, a heal result) always run to the end, so
        # the search never ends worse than they do; nor is the last epoch worth pruning.
        prunable = not trial.user_attrs.get("first")
        last_epoch = int(settings.get("epochs", TrainConfig.epochs))

        def on_epoch(row: dict[str, float]) -> None:
            rows.append(dict(row))
            # The best so far: what the trial would give if it stopped now (early stopping
            # restores the best weights), and immune to one noisy epoch.
            best = min((r["val_loss"] for r in rows if math.isfinite(r["val_loss"])),
                       default=math.nan) / naive  # fmt: skip
            trial.report(best, int(row["epoch"]))
            # Asked for every trial, so that the first ones also set the bar at each rung.
            prune = trial.should_prune() and prunable
            if row["epoch"] >= last_epoch:  # nothing left to save
                return
            if clock() >= deadline:
                trial.set_user_attr("stop_reason", "timeout")
                prune = True
            if prune:
                trial.set_user_attr("history", rows)  # a pruned trial keeps its History
                raise optuna.TrialPruned(f"pruned at epoch {int(row['epoch'])}")

        board = None
        if job.log_dir is not None:
            board = TensorBoardLog(job.log_dir, f"trial-{trial.number:03d}")
        try:
            naive = _naive_val_mse(frame, settings, job.columns)
            trial.set_user_attr("naive_val_mse", naive)
            forecaster = Forecaster(**settings)
            forecaster.fit(frame, **job.columns, on_epoch=chain(board, on_epoch),
                           evaluate_test=False)  # fmt: skip
        except LstmDoctorError as exc:
            trial.set_user_attr("history", rows)
            trial.set_user_attr("error", str(exc))
            trial.set_user_attr("error_type", type(exc).__name__)
            raise
        finally:
            if board is not None:  # pruned trials too: their curve so far, their best value
                best = min((r["val_loss"] for r in rows if math.isfinite(r["val_loss"])),
                           default=math.nan)  # fmt: skip
                board.close(params, {"final/val_vs_naive": best / naive if naive else None})
        history = forecaster.history_
        trial.set_user_attr("history", history.rows)
        trial.set_user_attr("best_epoch", history.best_epoch)
        trial.set_user_attr("stop_reason", history.stop_reason)
        if history.stop_reason == "interrupted":  # Ctrl-C: the trial fails, the worker stops
            raise KeyboardInterrupt
        val_mse = float(forecaster.metrics_["val"]["mse"])
        trial.set_user_attr("val_mse", val_mse)
        return val_mse / naive

    return objective


def _run_job(job: TuneJob, on_trial: Callable[[optuna.Study, FrozenTrial], None] | None) -> None:
    if job.threads is not None:
        set_threads(job.threads)  # an explicit choice: the automatic one stays off
    frame = read_table(job.data, encoding=job.fixed.get("encoding"))
    storage = open_storage(job.storage, job.search)
    search = job.search
    sampler = make_sampler(
        search.sampler,
        job.sampler_seed,
        n_startup=min(10, max(3, search.trials // 4)),
        parallel=job.parallel,
    )
    max_epochs = int(job.fixed.get("epochs", 100))
    pruner = make_pruner(search.pruner, n_trials=search.trials, max_epochs=max_epochs)
    study = optuna.load_study(study_name=job.study, storage=storage, sampler=sampler, pruner=pruner)
    deadline = search_deadline(search)
    run_worker(study, tune_objective(frame, job, deadline), search, on_trial=on_trial,
               deadline=deadline)  # fmt: skip


def _worker_main(job: TuneJob, errors: Any) -> None:
    """Entry point of a worker process started by ``--n-jobs``."""
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    try:
        _run_job(job, None)
    except LstmDoctorError as exc:
        errors.put((type(exc).__name__, str(exc)))
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None


def _worker_seed(seed: int, index: int, distributed: bool) -> int:
    """Workers of one study must not draw the same points: each gets its own seed."""
    if not distributed:
        return seed + index
    key = f"{seed}:{socket.gethostname()}:{os.getpid()}:{index}".encode()
    return zlib.crc32(key)


def tune(
    data: pd.DataFrame | str | Path,
    target: str | list[str] | tuple[str, ...],
    *,
    out: str | Path,
    time: str | None = None,
    id: str | None = None,
    covariates: str | list[str] | tuple[str, ...] | None = None,
    search: SearchConfig | None = None,
    storage: str | None = None,
    study: str | None = None,
    space: Mapping[str, Param] | str | Path | None = None,
    start_from: str | Path | None = None,
    on_trial: Callable[[TrialEvent], None] | None = None,
    log_dir: str | Path | None = None,
    **settings: Any,
) -> TuneOutcome:
    """Search the settings in ``space`` with Optuna; refit the best, score it on test once.

    ``settings`` (Forecaster settings) are fixed and leave the space. The study lives in
    ``OUT/study.db`` unless ``storage`` is a database URL (PostgreSQL: many machines join
    one study); running again resumes it. The first trials are the library defaults (and
    the settings of the run directory ``start_from``, say a ``heal`` result), so the
    search never ends worse than a plain fit. With ``log_dir``, each trial writes its
    curves as a TensorBoard run ``trial-NNN`` while it trains, with its parameters as hparams.
    """
    search = search or SearchConfig()
    optuna.logging.set_verbosity(  # trials are reported through on_trial
        optuna.logging.DEBUG if log.isEnabledFor(logging.DEBUG) else optuna.logging.ERROR
    )
    out = Path(out)
    columns = {"target": target, "time": time, "id": id, "covariates": covariates}
    columns = {k: v for k, v in columns.items() if v is not None}
    if isinstance(space, str | Path):
        space = load_space(space)
    space = dict(DEFAULT_SPACE if space is None else space)
    searched = {k: v for k, v in space.items() if k not in settings}  # flags fix settings
    if covariates and "architecture" in searched:  # the segment LSTM takes no covariates
        log.info("covariates given: the search keeps the step architecture")
        del searched["architecture"]
    if not searched:
        raise ConfigError(
            "Every setting of the search space is fixed by a flag; nothing is left to search. "
            "Drop a flag or pass a --space with other settings."
        )
    frame = read_table(data, encoding=settings.get("encoding"))
    first = [space_start(searched, settings)]
    if start_from is not None:
        run = load_run(start_from).config
        ran = {**run.data.to_dict(), **run.model.to_dict(), **run.train.to_dict()}
        first.append(space_start(searched, {**ran, **settings}))
    # A bad column or setting fails now, before any worker starts.
    Forecaster(**{**settings, **first[0]}).prepare(frame, **columns)

    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    url = storage or f"sqlite:///{(out / 'study.db').resolve()}"
    name = study or "lstm-doctor"
    try:
        rdb = open_storage(url, search)
    except BaseException:
        if created and not any(out.iterdir()):  # a storage that failed leaves no empty folder
            out.rmdir()
        raise
    sampler = make_sampler(search.sampler, search.seed, n_startup=10, parallel=False)
    open_study(rdb, name, sampler=sampler, pruner=None, first_trials=first)

    notify = None if on_trial is None else (lambda s, t: on_trial(trial_event(s, t)))
    distributed = storage is not None
    # A child process reads the file itself; a DataFrame (or one in-process job) is passed.
    local = search.n_jobs == 1 or not isinstance(data, str | Path)
    source = frame if local else data
    jobs = [
        TuneJob(
            data=source,
            columns=columns,
            fixed=dict(settings),
            space=searched,
            storage=url,
            study=name,
            search=search,
            sampler_seed=_worker_seed(search.seed, k, distributed),
            parallel=search.n_jobs > 1 or distributed,
            threads=max(1, (os.cpu_count() or 1) // search.n_jobs) if search.n_jobs > 1 else None,
            log_dir=None if log_dir is None else Path(log_dir),
        )
        for k in range(search.n_jobs)
    ]
    if search.n_jobs == 1:
        _run_job(jobs[0], notify)
    else:
        run_processes(_worker_main, jobs, rdb, name, notify)
    return _finish(frame, columns, settings, rdb, name, out, url, searched)


def _finish(
    frame: pd.DataFrame,
    columns: dict[str, Any],
    settings: dict[str, Any],
    storage: optuna.storages.BaseStorage,
    name: str,
    out: Path,
    url: str,
    space: Mapping[str, Param],
) -> TuneOutcome:
    """Refit the best trial, score it on test once, write the run and the study files."""
    study = optuna.load_study(study_name=name, storage=storage)
    summary = study_summary(study)
    trials_path = out / "trials.csv"
    tmp = trials_path.with_name(f".{trials_path.name}.partial")
    trials_frame(study).to_csv(tmp, index=False, float_format="%.10g")
    tmp.replace(trials_path)
    importances = param_importances(study)
    write_json_atomic(out / "importances.json", importances)
    if summary["best"] is None:
        raise TrainingError(
            f"No trial of study {name!r} completed ({summary['trials']}); see "
            f"{trials_path} for each trial's error."
        )
    best = summary["best"]
    forecaster = Forecaster(**{**settings, **best["params"]})  # params win: as in the trial
    forecaster.fit(frame, **columns, evaluate_test=False)
    forecaster.finish(frame)
    run = forecaster.save(out / "best", overwrite=True)
    summary.update(
        storage=redact(url),
        refit_val_mse=forecaster.metrics_["val"]["mse"],
        importances=importances.get("importances"),
        space={k: p.to_dict() for k, p in space.items()},
        fixed={k: v for k, v in settings.items() if k not in _COLUMN_SETTINGS},
    )
    write_json_atomic(out / "study.json", summary)
    return TuneOutcome(forecaster, run, summary)
