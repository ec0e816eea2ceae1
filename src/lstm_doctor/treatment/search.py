"""The search engine of ``tune``: an Optuna study in an RDB storage, and the worker loop.

The study lives in SQLite (one file) or in PostgreSQL (many machines). Each worker process
runs the same loop until the study holds ``trials`` *finished* trials (complete or pruned),
whoever ran them. Storage heartbeats turn a trial whose worker died into a failed trial,
and that trial is retried with the same parameters, so none is lost, stuck "running" or run
twice. Independent of how a trial is fitted: the objective is passed in.
"""

from __future__ import annotations

import logging
import math
import re
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import optuna
from optuna.exceptions import ExperimentalWarning
from optuna.trial import FrozenTrial, Trial, TrialState

from lstm_doctor.config import check_choice, check_float, check_int
from lstm_doctor.errors import ConfigError, LstmDoctorError

__all__ = [
    "FINISHED",
    "PRUNERS",
    "SAMPLERS",
    "SearchConfig",
    "SurplusTrial",
    "error_class",
    "make_pruner",
    "make_sampler",
    "open_storage",
    "open_study",
    "redact",
    "run_worker",
    "search_deadline",
]

log = logging.getLogger(__name__)

SAMPLERS = ("tpe", "random")
PRUNERS = ("asha", "median", "hyperband", "none")
# "Finished" trials count toward --trials; failed ones do not (they are retried or replaced).
FINISHED = (TrialState.COMPLETE, TrialState.PRUNED)
# Trials that hold a place among the --trials: finished, running, or queued to run.
_PLACED = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING, TrialState.WAITING)


@dataclass(frozen=True)
class SearchConfig:
    """How the study is run (not what is searched: see ``search_space``).

    ``trials`` is the study's total of finished trials over all workers and machines.
    ``heartbeat_interval`` and ``grace_period`` (seconds) decide how soon a trial whose
    worker died is failed and retried (at most ``max_retry`` times).
    """

    trials: int = 50
    timeout_minutes: float | None = None
    n_jobs: int = 1
    sampler: str = "tpe"
    pruner: str = "asha"
    seed: int = 0
    heartbeat_interval: int = 30
    grace_period: int = 90
    max_retry: int = 3

    def __post_init__(self) -> None:
        owner = "SearchConfig"
        check_int(owner, "trials", self.trials, 1)
        if self.timeout_minutes is not None:
            check_float(owner, "timeout", self.timeout_minutes, 0.0, open_low=True)
        check_int(owner, "n_jobs", self.n_jobs, 1)
        check_choice(owner, "sampler", self.sampler, SAMPLERS)
        check_choice(owner, "pruner", self.pruner, PRUNERS)
        check_int(owner, "seed", self.seed, 0)
        check_int(owner, "heartbeat_interval", self.heartbeat_interval, 1)
        check_int(owner, "grace_period", self.grace_period, 1)
        check_int(owner, "max_retry", self.max_retry, 0)
        if self.grace_period <= self.heartbeat_interval:
            raise ConfigError(
                f"The 'grace_period' of SearchConfig ({self.grace_period} s) must be longer "
                f"than its 'heartbeat_interval' ({self.heartbeat_interval} s), or live trials "
                "would be failed as dead."
            )


class SurplusTrial(Exception):
    """A trial that would take the study past its total: failed at once, never run."""


@contextmanager
def _quiet() -> Iterator[None]:
    """Optuna flags heartbeats and the retry callback as experimental; we rely on them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExperimentalWarning)
        warnings.simplefilter("ignore", FutureWarning)
        yield


# The module SQLAlchemy imports for a URL's driver -> the package that provides it.
_DRIVER_PACKAGES = {"psycopg": "psycopg[binary]", "psycopg2": "psycopg2-binary"}


def _missing_module(exc: BaseException) -> str:
    """The top-level module whose import failed (Optuna wraps SQLAlchemy's ImportError)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ImportError):
            named = re.search(r"No module named '([\w.]+)'|import of ([\w.]+) halted", str(seen))
            module = seen.name or (named and (named[1] or named[2]))
            if module:
                return module.split(".")[0]
        seen = seen.__cause__ or seen.__context__
    return ""


def redact(url: str) -> str:
    """``url`` without its password, for messages and study.json."""
    head, sep, tail = url.rpartition("@")
    if not sep or "://" not in head:
        return url
    scheme, _, auth = head.partition("://")
    user = auth.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}" if ":" in auth else url


def open_storage(url: str, config: SearchConfig) -> optuna.storages.RDBStorage:
    """An RDB storage with heartbeats; a worker killed mid-trial leaves a retried trial."""
    engine: dict[str, Any] = {"pool_pre_ping": True}
    sqlite = url.startswith("sqlite")
    if sqlite:  # several local processes share the file: wait for locks
        # isolation_level=None: the driver opens no transaction of its own, so that the
        # BEGIN IMMEDIATE below is the one that counts.
        engine = {"connect_args": {"timeout": 60, "isolation_level": None}}
    try:
        with _quiet():
            storage = optuna.storages.RDBStorage(
                url,
                engine_kwargs=engine,
                heartbeat_interval=config.heartbeat_interval,
                grace_period=config.grace_period,
                heartbeat_stale_trial_callback=optuna.storages.RetryHeartbeatStaleTrialCallback(
                    max_retry=config.max_retry
                ),
            )
    except ImportError as exc:
        module = _missing_module(exc)
        package = _DRIVER_PACKAGES.get(module, module or "the database driver")
        raise ConfigError(
            f"--storage {redact(url)!r} needs the database driver {module or '?'!r}, which is "
            f"not installed: pip install '{package}'"
            + (" (or pip install 'lstm-doctor[postgres]')." if module == "psycopg" else ".")
        ) from None
    except Exception as exc:  # SQLAlchemy: bad URL, refused connection, missing database
        message = " ".join(str(exc).split())[:300]
        raise ConfigError(
            f"Cannot open --storage {redact(url)!r}: {message}. Check the URL "
            "(postgresql://user:password@host:5432/database or sqlite:///path.db) and that "
            "the database exists and accepts connections."
        ) from None
    if sqlite:
        _lock_before_reading(storage.engine)
    return storage


def _lock_before_reading(engine: Any) -> None:
    """Make each SQLite transaction take the write lock before its first read.

    Optuna marks a queued trial as running with read-check-write (``SELECT ... FOR
    UPDATE``), which SQLite ignores: two worker processes could both read the trial as
    waiting and both run it, and the second to finish fails with "Cannot tell a COMPLETE
    trial". ``BEGIN IMMEDIATE`` serializes those transactions (PostgreSQL locks the row).
    """
    from sqlalchemy import event

    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))


def make_sampler(kind: str, seed: int, *, n_startup: int, parallel: bool) -> Any:
    """TPE (``constant_liar`` when workers run side by side) or random search, seeded."""
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    with _quiet():
        return optuna.samplers.TPESampler(
            seed=seed, n_startup_trials=n_startup, constant_liar=parallel
        )


def make_pruner(kind: str, *, n_trials: int, max_epochs: int) -> Any:
    """The rule that stops unpromising trials early (each reports its best val loss so far).

    ``asha`` (the default) is asynchronous successive halving on epochs: rungs at epochs
    1, 3, 9, 27, ...; a trial goes on past a rung only while it is in the best third of the
    trials that reached that rung. Most trials stop after one or three epochs, so the
    search spends its epochs on the few that lead. ``median`` stops a trial that is worse
    than the median of the completed trials at the same epoch (after 2 epochs and a few
    trials): gentler, it saves less. ``hyperband`` runs several successive-halving brackets
    with different first rungs; Optuna's TPE then learns from each bracket's trials only,
    which needs more trials than a typical ``tune`` runs.
    """
    if kind == "asha":
        return optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    if kind == "median":
        startup = min(5, max(2, n_trials // 5))
        return optuna.pruners.MedianPruner(n_startup_trials=startup, n_warmup_steps=2)
    if kind == "hyperband":
        return optuna.pruners.HyperbandPruner(min_resource=1, max_resource=max_epochs)
    return optuna.pruners.NopPruner()


def open_study(
    storage: optuna.storages.BaseStorage,
    name: str,
    *,
    sampler: Any,
    pruner: Any,
    first_trials: Sequence[dict[str, Any]] = (),
) -> tuple[optuna.Study, bool]:
    """Create the study, or join it if it exists; returns ``(study, created)``.

    Only the worker that creates the study enqueues ``first_trials`` (marked with the user
    attribute ``first``: the objective never prunes them), so workers started
    together never queue them twice.
    """
    try:
        study = optuna.create_study(
            study_name=name, storage=storage, sampler=sampler, pruner=pruner, direction="minimize"
        )
    except optuna.exceptions.DuplicatedStudyError:
        study = optuna.load_study(study_name=name, storage=storage, sampler=sampler, pruner=pruner)
        if study.direction != optuna.study.StudyDirection.MINIMIZE:
            raise ConfigError(
                f"Study {name!r} in this storage maximizes; tune minimizes the validation "
                "loss. Pass another --study."
            ) from None
        return study, False
    for params in first_trials:
        study.enqueue_trial(params, user_attrs={"first": True}, skip_if_exists=True)
    return study, True


def _count(trials: Sequence[FrozenTrial], states: Sequence[TrialState]) -> int:
    return sum(1 for t in trials if t.state in states)


def _fail_stale(study: optuna.Study) -> None:
    with _quiet():
        optuna.storages.fail_stale_trials(study)


def _with_quota(objective: Callable[[Trial], float], n_trials: int) -> Callable[[Trial], float]:
    """``objective``, after a check that this trial is among the study's first ``n_trials``.

    Two workers may ask for a trial at the same moment when one place is left: the trial
    with the higher number yields (it fails at once, marked ``surplus``, and is never run).
    """

    def run(trial: Trial) -> float:
        placed = trial.study.get_trials(deepcopy=False, states=_PLACED)
        if sum(1 for t in placed if t.number < trial.number) >= n_trials:
            trial.set_user_attr("surplus", True)
            raise SurplusTrial(f"trial {trial.number}: the study already has {n_trials} trials")
        return objective(trial)

    return run


def search_deadline(config: SearchConfig) -> float:
    """When this worker's ``timeout`` runs out, in ``time.monotonic()`` seconds (or inf)."""
    if config.timeout_minutes is None:
        return math.inf
    return time.monotonic() + 60.0 * config.timeout_minutes


def run_worker(
    study: optuna.Study,
    objective: Callable[[Trial], float],
    config: SearchConfig,
    *,
    on_trial: Callable[[optuna.Study, FrozenTrial], None] | None = None,
    poll_seconds: float | None = None,
    deadline: float | None = None,
) -> None:
    """Run trials until the study has ``config.trials`` finished ones (or time runs out).

    No trial starts after ``deadline`` (``time.monotonic()`` seconds; from
    ``config.timeout_minutes`` unless given); the objective should end a running one.

    A worker with nothing left to start waits while others run the last trials: if one of
    them dies, its trial comes back as a retry, and someone must be alive to run it. It looks
    every ``poll_seconds`` (a third of the heartbeat interval unless given).

    Raises:
        LstmDoctorError: of the kind the trials raised, when trials keep failing on user
            errors (three before any completes, or ``trials`` in all).
    """
    poll = max(1.0, config.heartbeat_interval / 3) if poll_seconds is None else poll_seconds
    deadline = search_deadline(config) if deadline is None else deadline
    callbacks = [] if on_trial is None else [lambda s, t: _notify(on_trial, s, t)]
    wrapped = _with_quota(objective, config.trials)
    while time.monotonic() < deadline:
        trials = study.get_trials(deepcopy=False)
        if _count(trials, FINISHED) >= config.trials:
            return
        _raise_if_failing(trials, config.trials)
        waiting = _count(trials, (TrialState.WAITING,)) > 0
        if _count(trials, _PLACED) >= config.trials and not waiting:
            _fail_stale(study)  # a dead worker's trial becomes a retry (WAITING)
            time.sleep(poll)
            continue
        study.optimize(wrapped, n_trials=1, catch=(LstmDoctorError, SurplusTrial),
                       callbacks=callbacks)  # fmt: skip
    log.info("search timeout reached")


def _notify(
    on_trial: Callable[[optuna.Study, FrozenTrial], None],
    study: optuna.Study,
    trial: FrozenTrial,
) -> None:
    if not trial.user_attrs.get("surplus"):
        on_trial(study, trial)


_ERRORS: dict[str, type[LstmDoctorError]] = {}


def error_class(name: str) -> type[LstmDoctorError]:
    """The LstmDoctorError subclass called ``name`` (errors cross processes by name)."""
    if not _ERRORS:
        stack: list[type[LstmDoctorError]] = [LstmDoctorError]
        while stack:
            cls = stack.pop()
            _ERRORS[cls.__name__] = cls
            stack.extend(cls.__subclasses__())
    return _ERRORS.get(name, LstmDoctorError)


def _raise_if_failing(trials: Sequence[FrozenTrial], n_trials: int) -> None:
    errors = [t for t in trials if t.state == TrialState.FAIL and "error" in t.user_attrs]
    complete = _count(trials, (TrialState.COMPLETE,))
    if len(errors) >= max(3, n_trials) or (len(errors) >= 3 and complete == 0):
        last = errors[-1].user_attrs
        raise error_class(last.get("error_type", ""))(
            f"{len(errors)} trials failed ({complete} completed); the last, trial "
            f"{errors[-1].number}, with: {last['error']}"
        )
