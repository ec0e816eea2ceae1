"""Tests of the study engine with a trivial objective on SQLite: the study-wide total,
joining, pruning, failing, surplus trials, and the retry of a trial whose worker died."""

from __future__ import annotations

import multiprocessing
import re
import sys
import time
from collections import Counter

import optuna
import pytest
from optuna.trial import TrialState

from lstm_doctor.errors import ConfigError, DataError
from lstm_doctor.treatment.search import (
    SearchConfig,
    SurplusTrial,
    _with_quota,
    make_pruner,
    make_sampler,
    open_storage,
    open_study,
    redact,
    run_worker,
)

FAST = {"heartbeat_interval": 1, "grace_period": 2}


def quadratic(trial: optuna.Trial) -> float:
    x = trial.suggest_float("x", -1.0, 1.0)
    return x * x


def make_study(tmp_path, first=(), pruner="none", **config):
    search = SearchConfig(**{**FAST, "pruner": pruner, **config})
    storage = open_storage(f"sqlite:///{tmp_path / 'study.db'}", search)
    sampler = make_sampler("random", 0, n_startup=3, parallel=False)
    study, created = open_study(
        storage,
        "s",
        sampler=sampler,
        pruner=make_pruner(pruner, n_trials=search.trials, max_epochs=5),
        first_trials=first,
    )
    return study, search, created


def states(study: optuna.Study) -> list[str]:
    return [t.state.name for t in study.get_trials(deepcopy=False)]


def test_a_worker_stops_at_the_study_total_and_a_late_worker_runs_nothing(tmp_path):
    study, search, _ = make_study(tmp_path, trials=5)
    run_worker(study, quadratic, search)
    assert states(study) == ["COMPLETE"] * 5

    late, search, created = make_study(tmp_path, trials=5)
    run_worker(late, quadratic, search)
    assert not created and len(late.trials) == 5


def test_a_larger_total_resumes_the_study_where_it_stopped(tmp_path):
    study, search, _ = make_study(tmp_path, trials=3)
    run_worker(study, quadratic, search)
    values = [t.value for t in study.trials]
    study, search, _ = make_study(tmp_path, trials=5)
    run_worker(study, quadratic, search)
    assert [t.number for t in study.trials] == [0, 1, 2, 3, 4]
    assert [t.value for t in study.trials[:3]] == values


def test_only_the_creator_enqueues_the_first_trials(tmp_path):
    first = [{"x": 0.5}, {"x": -0.25}]
    study, search, created = make_study(tmp_path, first=first, trials=3)
    again, _, created_again = make_study(tmp_path, first=first, trials=3)
    assert created and not created_again
    assert [t.system_attrs["fixed_params"] for t in again.trials] == first
    run_worker(study, quadratic, search)
    assert [t.params["x"] for t in study.trials[:2]] == [0.5, -0.25]


def test_pruned_trials_count_as_finished(tmp_path):
    def half_pruned(trial: optuna.Trial) -> float:
        value = quadratic(trial)
        if trial.number % 2:
            raise optuna.TrialPruned()
        return value

    study, search, _ = make_study(tmp_path, trials=6)
    run_worker(study, half_pruned, search)
    assert states(study) == ["COMPLETE", "PRUNED"] * 3


def test_a_worker_that_keeps_failing_on_user_errors_stops_with_the_error(tmp_path):
    def broken(trial: optuna.Trial) -> float:
        trial.set_user_attr("error", "Column 'y' not found.")
        trial.set_user_attr("error_type", "DataError")
        raise DataError("Column 'y' not found.")

    study, search, _ = make_study(tmp_path, trials=10)
    with pytest.raises(DataError, match=r"3 trials failed \(0 completed\).*Column 'y'"):
        run_worker(study, broken, search)
    assert states(study) == ["FAIL"] * 3


@pytest.mark.filterwarnings("ignore:Heartbeat of storage")
def test_a_trial_past_the_total_yields_without_running(tmp_path):
    study, _, _ = make_study(tmp_path, trials=2)
    for value in (1.0, 2.0):
        study.add_trial(optuna.create_trial(value=value))
    trial = study.ask()
    ran = []
    with pytest.raises(SurplusTrial):
        _with_quota(lambda t: ran.append(t) or 0.0, 2)(trial)
    assert not ran and study.trials[-1].user_attrs["surplus"] is True


@pytest.mark.filterwarnings("ignore:Heartbeat of storage")
def test_a_trial_whose_worker_died_is_failed_and_retried_with_its_parameters(tmp_path):
    study, search, _ = make_study(tmp_path, trials=3)
    dead = study.ask()  # a worker asks, draws a point, beats once, and dies
    x = dead.suggest_float("x", -1.0, 1.0)
    study._storage.record_heartbeat(dead._trial_id)
    time.sleep(search.grace_period + 0.5)

    run_worker(study, quadratic, search, poll_seconds=0.2)

    trials = study.get_trials(deepcopy=False)
    assert trials[0].state == TrialState.FAIL
    retries = [t for t in trials if t.system_attrs.get("failed_trial") == 0]
    assert len(retries) == 1 and retries[0].params == {"x": x}
    assert retries[0].state == TrialState.COMPLETE
    assert sum(t.state == TrialState.COMPLETE for t in trials) == 3
    assert not any(t.state == TrialState.RUNNING for t in trials)


def _pop_all_queued(url: str, start, popped) -> None:
    study = optuna.load_study(study_name="s", storage=open_storage(url, SearchConfig(**FAST)))
    start.wait()
    mine = []
    while (trial_id := study._pop_waiting_trial_id()) is not None:
        mine.append(trial_id)
    popped.put(mine)


def test_worker_processes_never_take_the_same_queued_trial(tmp_path):
    # SQLite ignores SELECT ... FOR UPDATE: without BEGIN IMMEDIATE, three processes that
    # drained a queue of 20 trials together took 23 trials a second time over 5 runs.
    study, _, _ = make_study(tmp_path)
    for x in range(30):
        study.enqueue_trial({"x": x / 30})
    context = multiprocessing.get_context("fork")
    start, popped = context.Barrier(3), context.Queue()
    url = f"sqlite:///{tmp_path / 'study.db'}"
    workers = [context.Process(target=_pop_all_queued, args=(url, start, popped)) for _ in range(3)]
    for worker in workers:
        worker.start()
    taken = Counter(trial_id for _ in workers for trial_id in popped.get(timeout=120))
    for worker in workers:
        worker.join()
    assert len(taken) == 30 and set(taken.values()) == {1}


def test_search_config_checks_its_settings():
    with pytest.raises(ConfigError, match="'trials' parameter of SearchConfig"):
        SearchConfig(trials=0)
    with pytest.raises(ConfigError, match="'sampler' parameter of SearchConfig must be one of"):
        SearchConfig(sampler="grid")
    with pytest.raises(ConfigError, match=r"'grace_period' of SearchConfig .* must be longer"):
        SearchConfig(heartbeat_interval=10, grace_period=5)


def test_a_bad_storage_url_is_one_clear_error_without_the_password():
    with pytest.raises(ConfigError, match=r"Cannot open --storage 'nosuch://u:\*\*\*@h/db'"):
        open_storage("nosuch://u:secret@h/db", SearchConfig())
    assert redact("postgresql://me:pw@db:5432/x") == "postgresql://me:***@db:5432/x"
    assert redact("sqlite:///a/b.db") == "sqlite:///a/b.db"


def test_asha_lets_a_trial_pass_a_rung_only_while_it_is_in_the_best_third():
    # Rungs at epochs 1, 3, 9: a trial reports its curve and stops when the pruner says so.
    study = optuna.create_study(pruner=make_pruner("asha", n_trials=20, max_epochs=12))
    stopped_at: list[int] = []

    def curve(start: float):
        def objective(trial: optuna.Trial) -> float:
            for epoch in range(1, 13):
                trial.report(start / epoch, epoch)
                if trial.should_prune():
                    stopped_at.append(epoch)
                    raise optuna.TrialPruned()
            stopped_at.append(12)
            return start / 12

        return objective

    for start in (1.0, 2.0, 3.0, 0.5, 4.0, 5.0):
        study.optimize(curve(start), n_trials=1)
    # The first trial leads every rung and runs to the end; 2.0 and 3.0 are not the best
    # at epoch 1 (under 3 trials at a rung only the best goes on); 0.5 leads and runs to the
    # end; 4.0 and 5.0 are not in the best third at epoch 1.
    assert stopped_at == [12, 1, 1, 12, 1, 1]


def test_the_documented_postgresql_url_opens_a_study(postgres_url):
    # The form README documents, with no +driver: SQLAlchemy 2 opens it with psycopg (3).
    assert re.fullmatch(r"postgresql://\w+:[^@/]+@[\d.]+:\d+/\w+", postgres_url)
    storage = open_storage(postgres_url, SearchConfig())
    study = optuna.create_study(storage=storage, study_name="documented-url")
    study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=2)
    assert len(optuna.load_study(study_name="documented-url", storage=postgres_url).trials) == 2


def test_a_missing_driver_names_the_package_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on an install without the extra
    with pytest.raises(ConfigError, match=r"driver 'psycopg'.*pip install 'psycopg\[binary\]'"):
        open_storage("postgresql://u:secret@127.0.0.1:1/db", SearchConfig())
