"""Worker processes on this machine (``tune --n-jobs K``), reported as their trials finish."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from time import sleep
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from lstm_doctor.errors import TrainingError
from lstm_doctor.treatment.search import error_class

__all__ = ["run_processes"]

_DONE = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)


def run_processes(
    target: Callable[[Any, Any], None],
    jobs: Sequence[Any],
    storage: optuna.storages.BaseStorage,
    name: str,
    on_trial: Callable[[optuna.Study, FrozenTrial], None] | None,
    *,
    poll_seconds: float = 0.5,
) -> None:
    """Run ``target(job, errors)`` for each job in its own (spawned) process.

    Trials are reported as they finish, whoever ran them, by polling the study. A worker
    that hits a user error puts ``(error class name, message)`` on ``errors`` and exits with
    a non-zero status; that error is raised here once every worker has ended. Ctrl-C ends
    the workers.
    """
    context = multiprocessing.get_context("spawn")  # no forked torch or database state
    errors = context.Queue()
    processes = [context.Process(target=target, args=(job, errors)) for job in jobs]
    study = optuna.load_study(study_name=name, storage=storage)
    seen = {t.number for t in study.get_trials(deepcopy=False, states=_DONE)}
    try:
        for process in processes:
            process.start()
        while True:
            alive = any(p.is_alive() for p in processes)
            for trial in study.get_trials(deepcopy=False, states=_DONE):
                if trial.number not in seen and not trial.user_attrs.get("surplus"):
                    seen.add(trial.number)
                    if on_trial is not None:
                        on_trial(study, trial)
            if not alive:
                break
            sleep(poll_seconds)
    except KeyboardInterrupt:
        for process in processes:
            process.terminate()
        raise
    finally:
        for process in processes:
            process.join()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if failed:
        kind, message = errors.get(timeout=5) if not errors.empty() else ("", "")
        raise (error_class(kind) if message else TrainingError)(
            message
            or f"{len(failed)} of {len(processes)} worker processes failed "
            f"(exit codes {failed}); run with --n-jobs 1 and --debug to see why."
        )
