"""tune() and ``lstm-doctor tune`` with real fits: the study, the best run, and surviving
interruptions (a killed SQLite run resumes; a worker SIGKILLed mid-trial on PostgreSQL is
failed, retried, and the study still ends with exactly its total)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import optuna
import pandas as pd
import pytest
import sqlalchemy
from optuna.trial import TrialState

from lstm_doctor.api.forecast_tune import TuneJob, tune, tune_objective
from lstm_doctor.cli import main
from lstm_doctor.cli.tune import trial_line
from lstm_doctor.treatment.search import SearchConfig, make_pruner
from lstm_doctor.treatment.search_space import parse_space
from lstm_doctor.treatment.study_report import TrialEvent

TINY = {"lookback": 24, "horizon": 6, "epochs": 3, "batch_size": 32, "layers": 1}
TINY_FLAGS = ["--lookback", "24", "--horizon", "6", "--batch-size", "32", "--layers", "1"]
SPACE_TOML = """
[units]
type = "categorical"
choices = [4, 8]

[lr]
type = "float"
low = 1e-3
high = 3e-2
log = true
"""
SPACE = parse_space({"units": {"type": "categorical", "choices": [4, 8]},
                     "lr": {"type": "float", "low": 1e-3, "high": 3e-2, "log": True}})  # fmt: skip


@pytest.fixture
def csv(demo_frame, tmp_path) -> Path:
    path = tmp_path / "demo.csv"
    demo_frame.to_csv(path, index=False)
    return path


@pytest.fixture
def space_file(tmp_path) -> Path:
    path = tmp_path / "space.toml"
    path.write_text(SPACE_TOML)
    return path


class _PruneFrom(optuna.pruners.BasePruner):
    def __init__(self, step: int) -> None:
        self.step = step

    def prune(self, study, trial) -> bool:
        return max(trial.intermediate_values, default=0) >= self.step


def test_a_pruned_trial_keeps_its_partial_history(demo_frame):
    job = TuneJob(data=demo_frame, columns={"target": "load", "time": "time"},
               fixed={**TINY, "epochs": 6}, space=SPACE, storage="", study="s",
               search=SearchConfig(), sampler_seed=0, parallel=False, threads=None)  # fmt: skip
    study = optuna.create_study(pruner=_PruneFrom(2))
    study.optimize(tune_objective(demo_frame, job), n_trials=1)
    trial = study.trials[0]
    assert trial.state == TrialState.PRUNED
    assert [row["epoch"] for row in trial.user_attrs["history"]] == [1, 2]
    naive = trial.user_attrs["naive_val_mse"]  # reported relative to naive's val MSE
    first, second = (row["val_loss"] for row in trial.user_attrs["history"])
    # Each epoch reports the best so far: what the trial would give if it stopped there.
    assert trial.intermediate_values == pytest.approx(
        {1: first / naive, 2: min(first, second) / naive}
    )
    assert trial.user_attrs["worker"]["pid"] == os.getpid()


def test_the_first_trials_and_the_last_epoch_are_never_pruned(demo_frame):
    job = TuneJob(data=demo_frame, columns={"target": "load", "time": "time"},
               fixed={**TINY, "epochs": 3}, space=SPACE, storage="", study="s",
               search=SearchConfig(), sampler_seed=0, parallel=False, threads=None)  # fmt: skip
    study = optuna.create_study(pruner=_PruneFrom(1))
    study.enqueue_trial({"units": 8, "lr": 1e-3}, user_attrs={"first": True})
    study.optimize(tune_objective(demo_frame, job), n_trials=2)
    first, other = study.trials
    assert first.state == TrialState.COMPLETE and len(first.user_attrs["history"]) == 3
    assert other.state == TrialState.PRUNED and len(other.user_attrs["history"]) == 1
    job = TuneJob(**{**job.__dict__, "fixed": {**TINY, "epochs": 1}})
    study = optuna.create_study(pruner=_PruneFrom(1))
    study.optimize(tune_objective(demo_frame, job), n_trials=1)
    assert study.trials[0].state == TrialState.COMPLETE  # pruning the last epoch saves nothing


@pytest.mark.slow
def test_tune_refits_the_best_and_reads_the_test_split_once(demo_frame, tmp_path, monkeypatch):
    from lstm_doctor.api import forecaster as api

    splits: list[str] = []
    original = api.evaluate_split

    def evaluate_split(model, prepared, split, *args, **kwargs):
        splits.append(split)
        return original(model, prepared, split, *args, **kwargs)

    monkeypatch.setattr(api, "evaluate_split", evaluate_split)
    events = []
    outcome = tune(demo_frame, "load", time="time", out=tmp_path / "t", space=SPACE,
                   search=SearchConfig(trials=4, pruner="none"), on_trial=events.append,
                   **TINY)  # fmt: skip

    assert splits.count("test") == 1  # trials never read it; the refitted best, once
    summary = outcome.summary
    assert summary["trials"]["complete"] == 4 and len(events) == 4
    assert [e.number for e in events] == [0, 1, 2, 3]
    best = summary["best"]
    assert best["val_vs_naive"] == min(e.value for e in events)
    assert events[-1].best_value == best["val_vs_naive"]
    assert {"units", "lr"} == set(best["params"])
    assert outcome.forecaster.resolved_settings()["units"] == best["params"]["units"]
    assert "test" in outcome.forecaster.metrics_
    # The refit has the trial's settings and seed: the same model, up to float noise.
    assert outcome.forecaster.metrics_["val"]["mse"] == pytest.approx(best["val_mse"], rel=1e-3)
    out = tmp_path / "t"
    trials = pd.read_csv(out / "trials.csv")
    assert list(trials["state"]) == ["complete"] * 4
    assert {"param_units", "param_lr", "epochs", "host", "pid"} <= set(trials.columns)
    # The defaults are the first trial: the search never ends worse than a plain fit.
    assert trials.loc[0, "param_units"] == 8 and trials.loc[0, "param_lr"] == pytest.approx(1e-3)
    assert (out / "best" / "model.safetensors").exists() and (out / "study.db").exists()
    assert json.loads((out / "study.json").read_text())["best"] == best
    assert "importances" in json.loads((out / "importances.json").read_text())


@pytest.mark.slow
def test_cli_tune_prints_a_line_per_trial_and_json_like_fit(csv, space_file, tmp_path, capsys):
    out = tmp_path / "study"
    args = ["tune", str(csv), "--target", "load", "--time", "time", *TINY_FLAGS, "--epochs",
            "3", "--trials", "3", "--pruner", "none", "--space", str(space_file), "--out",
            str(out)]  # fmt: skip
    assert main(args) == 0
    text = " ".join(capsys.readouterr().out.split())  # rich wraps long lines
    assert "trial 0 · val/naive " in text and "best " in text and "(trial " in text
    assert "3 complete, 0 pruned, 0 failed" in text

    assert main([*args, "--trials", "4", "--json"]) == 0  # resumes: one more trial
    payload = json.loads(capsys.readouterr().out)
    assert {"run", "metrics", "baselines", "training", "diagnosis", "study"} <= set(payload)
    assert payload["run"] == str(out / "best")
    assert payload["study"]["trials"]["complete"] == 4
    assert set(payload["study"]["best"]["params"]) == {"units", "lr"}


def test_the_progress_line_says_what_became_of_the_trial():
    event = TrialEvent(number=7, state="pruned", value=0.8123, best_value=0.7741, best_number=3,
                       epochs=4, seconds=2.0, retry_of=None, error=None)  # fmt: skip
    assert trial_line(event) == (
        "trial 7 · val/naive 0.812 · best 0.774 (trial 3) · [yellow]pruned at epoch 4[/]"
    )
    done = TrialEvent(8, "complete", 0.5, 0.5, 8, 12, 31.0, retry_of=5, error=None)
    assert trial_line(done) == (
        "trial 8 · val/naive 0.500 · best 0.500 (trial 8) · 12 epochs, 31 s · retry of trial 5"
    )
    failed = TrialEvent(9, "failed", None, None, None, 0, 1.0, None, "lookback too long")
    assert trial_line(failed) == "trial 9 · [red]failed[/]: lookback too long"
    late = TrialEvent(10, "pruned", 0.9, 0.5, 8, 2, 5.0, None, None, stop_reason="timeout")
    assert trial_line(late).endswith("[yellow]stopped by --timeout at epoch 2[/]")


def test_cli_tune_rejects_a_bad_space_in_one_line(csv, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[dropout]\ntype = 'float'\nlow = 0.0\nhigh = 2.0\n")
    code = main(["tune", str(csv), "--target", "load", "--space", str(bad),
                 "--out", str(tmp_path / "o")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "[dropout]: 2.0 is not a valid dropout" in " ".join(err.split())
    assert "Traceback" not in err


def test_cli_tune_rejects_a_space_left_empty_by_flags(csv, space_file, tmp_path, capsys):
    code = main(["tune", str(csv), "--target", "load", "--space", str(space_file),
                 "--units", "8", "--lr", "0.01", "--out", str(tmp_path / "o")])  # fmt: skip
    assert code == 2
    assert "nothing is left to search" in capsys.readouterr().err


# ------------------------------------------------------------------ interrupted and killed workers
def _command(csv: Path, space: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "lstm_doctor.cli", "tune", str(csv), "--target", "load",
            "--time", "time", *TINY_FLAGS, "--space", str(space), "--pruner", "none",
            "--heartbeat", "1", "--out", str(out), "--json", *extra]  # fmt: skip


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _trials(storage: str, name: str = "lstm-doctor") -> list[optuna.trial.FrozenTrial]:
    if storage.startswith("sqlite:///") and not Path(storage.removeprefix("sqlite:///")).exists():
        return []  # opening it here would create it
    try:
        return optuna.load_study(study_name=name, storage=storage).get_trials()
    except (KeyError, sqlalchemy.exc.SQLAlchemyError):  # not created yet, or being created
        return []


def _wait_for(predicate, processes, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        if all(p.poll() is not None for p in processes):
            break
        time.sleep(0.05)
    return None


@pytest.mark.slow
def test_a_killed_sqlite_study_resumes_where_it_stopped(csv, space_file, tmp_path):
    out = tmp_path / "study"
    storage = f"sqlite:///{out / 'study.db'}"
    command = _command(csv, space_file, out, "--epochs", "4", "--trials", "6",
                       "--grace-period", "2")  # fmt: skip
    first = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL)
    done = _wait_for(
        lambda: sum(t.state == TrialState.COMPLETE for t in _trials(storage)) >= 2, [first], 180
    )
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert done, "the first run never completed two trials"
    before = {t.number: t for t in _trials(storage)}
    assert sum(t.state in (TrialState.COMPLETE, TrialState.PRUNED) for t in before.values()) < 6

    rerun = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    after = {t.number: t for t in _trials(storage)}
    assert sum(t.state == TrialState.COMPLETE for t in after.values()) == 6
    for number, trial in before.items():  # completed trials are kept, never run again
        if trial.state == TrialState.COMPLETE:
            assert (after[number].value, after[number].params) == (trial.value, trial.params)
    assert max(after) >= len(before)  # numbering continues
    for number, trial in before.items():  # the trial killed mid-run is failed and retried
        if trial.state == TrialState.RUNNING:
            assert after[number].state == TrialState.FAIL
            assert any(t.system_attrs.get("failed_trial") == number for t in after.values())
    assert not any(t.state == TrialState.RUNNING for t in after.values())
    assert json.loads(rerun.stdout)["study"]["trials"]["complete"] == 6


@pytest.mark.slow
def test_four_workers_on_postgres_lose_no_trial_when_one_is_sigkilled(
    csv, space_file, tmp_path, postgres_url
):
    n_trials, name = 20, "sigkill"
    shared = ["--epochs", "5", "--trials", str(n_trials), "--storage", postgres_url,
              "--study", name, "--grace-period", "3"]  # fmt: skip
    workers = [
        subprocess.Popen(
            _command(csv, space_file, tmp_path / f"worker{k}", *shared),
            env=_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    pids = {w.pid: w for w in workers}

    def training_trial():
        trials = _trials(postgres_url, name)
        if sum(t.state == TrialState.COMPLETE for t in trials) < 3:
            return None
        for t in trials:  # one that has drawn its point and trains its first epochs
            pid = t.user_attrs.get("worker", {}).get("pid")
            early = t.params and len(t.intermediate_values) <= 1
            if t.state == TrialState.RUNNING and pid in pids and early:
                return t
        return None

    victim = _wait_for(training_trial, workers, 240)
    assert victim is not None, "no trial was running to kill"
    killed = victim.user_attrs["worker"]["pid"]
    os.kill(killed, signal.SIGKILL)
    outputs = {}
    for pid, worker in pids.items():
        stdout, _ = worker.communicate(timeout=400)
        outputs[pid] = (worker.returncode, stdout)

    assert outputs[killed][0] == -signal.SIGKILL
    trials = _trials(postgres_url, name)
    by_state = {s: [t for t in trials if t.state == s] for s in TrialState}
    assert len(by_state[TrialState.COMPLETE]) == n_trials
    assert not by_state[TrialState.RUNNING] and not by_state[TrialState.PRUNED]
    killed_trial = next(t for t in trials if t.number == victim.number)
    assert killed_trial.state == TrialState.FAIL
    failed = [t for t in by_state[TrialState.FAIL] if not t.user_attrs.get("surplus")]
    assert [t.number for t in failed] == [victim.number]  # nothing else failed
    retries = [t for t in trials if t.system_attrs.get("failed_trial") == victim.number]
    assert [t.state for t in retries] == [TrialState.COMPLETE]
    assert retries[0].params == killed_trial.params
    print("trial states:", {s.name: len(ts) for s, ts in by_state.items() if ts},  # for -s
          f"killed trial {victim.number} -> {killed_trial.state.name},",
          f"retried as trial {retries[0].number} -> {retries[0].state.name}")  # fmt: skip
    points = [tuple(sorted(t.params.items())) for t in by_state[TrialState.COMPLETE]]
    assert len(set(points)) == n_trials  # no trial ran twice
    for pid, (code, stdout) in outputs.items():
        if pid != killed:
            assert code == 0
            assert json.loads(stdout)["study"]["trials"]["complete"] == n_trials


@pytest.mark.slow
def test_n_jobs_workers_share_the_study_total(csv, tmp_path):
    events = []
    outcome = tune(csv, "load", time="time", out=tmp_path / "t", space=SPACE,
                   search=SearchConfig(trials=4, n_jobs=2, pruner="none"),
                   on_trial=events.append, **TINY)  # fmt: skip
    assert outcome.summary["trials"]["complete"] == 4
    assert sorted(e.number for e in events) == [0, 1, 2, 3]
    trials = pd.read_csv(tmp_path / "t" / "trials.csv")
    assert trials["pid"].nunique() == 2 and os.getpid() not in set(trials["pid"])


@pytest.mark.slow
def test_a_run_directory_given_as_start_is_the_second_trial(demo_frame, tmp_path):
    from lstm_doctor import Forecaster

    healed = Forecaster(**{**TINY, "epochs": 1, "units": 4, "lr": 0.02})
    healed.fit(demo_frame, "load", time="time").save(tmp_path / "healed")
    outcome = tune(demo_frame, "load", time="time", out=tmp_path / "t", space=SPACE,
                   start_from=tmp_path / "healed", search=SearchConfig(trials=2, pruner="none"),
                   **{**TINY, "epochs": 1})  # fmt: skip
    trials = pd.read_csv(tmp_path / "t" / "trials.csv")
    assert list(trials["param_units"]) == [8, 4]
    assert trials["param_lr"].tolist() == pytest.approx([1e-3, 0.02])
    assert outcome.summary["trials"]["complete"] == 2


@pytest.mark.slow
def test_trials_with_other_scalers_are_ranked_in_comparable_units(demo_frame, tmp_path):
    space = parse_space({"scaler": {"type": "categorical", "choices": ["standard", "minmax"]}})
    outcome = tune(demo_frame, "load", time="time", out=tmp_path / "t", space=space,
                   search=SearchConfig(trials=2, sampler="random", pruner="none"),
                   **TINY)  # fmt: skip
    trials = pd.read_csv(tmp_path / "t" / "trials.csv").set_index("param_scaler")
    assert sorted(trials.index) == ["minmax", "standard"]
    mse, relative = trials["val_mse"], trials["val_vs_naive"]
    # The mechanism, not which scaler happens to win: each trial's MSE is divided by naive's
    # MSE in that trial's own units (min-max units make every MSE, naive's too, far smaller
    # than standard units do), and the best trial is the argmin of that ratio.
    naive_units = mse / relative
    assert naive_units["minmax"] < naive_units["standard"] / 2
    assert outcome.summary["best"]["params"] == {"scaler": relative.idxmin()}


def test_the_first_trials_set_the_bar_at_each_asha_rung(demo_frame):
    job = TuneJob(data=demo_frame, columns={"target": "load", "time": "time"},
               fixed={**TINY, "epochs": 4}, space=SPACE, storage="", study="s",
               search=SearchConfig(), sampler_seed=0, parallel=False, threads=None)  # fmt: skip
    study = optuna.create_study(pruner=make_pruner("asha", n_trials=4, max_epochs=4))
    study.enqueue_trial({"units": 8, "lr": 1e-3}, user_attrs={"first": True})
    study.optimize(tune_objective(demo_frame, job), n_trials=1)
    first = study.trials[0]
    assert first.state == TrialState.COMPLETE
    assert {"completed_rung_0", "completed_rung_1"} <= set(first.system_attrs)


def test_a_trial_running_at_the_timeout_is_pruned_at_its_epoch_end(demo_frame):
    job = TuneJob(data=demo_frame, columns={"target": "load", "time": "time"},
               fixed={**TINY, "epochs": 5}, space=SPACE, storage="", study="s",
               search=SearchConfig(), sampler_seed=0, parallel=False, threads=None)  # fmt: skip
    study = optuna.create_study(pruner=optuna.pruners.NopPruner())
    study.enqueue_trial({"units": 8, "lr": 1e-3}, user_attrs={"first": True})
    study.optimize(tune_objective(demo_frame, job, deadline=time.monotonic()), n_trials=1)
    trial = study.trials[0]  # even a first trial: the user's time limit comes first
    assert trial.state == TrialState.PRUNED
    assert trial.user_attrs["stop_reason"] == "timeout"
    assert len(trial.user_attrs["history"]) == 1


def test_a_storage_that_cannot_open_leaves_no_empty_folder(csv, space_file, tmp_path, capsys):
    out = tmp_path / "study"
    code = main(["tune", str(csv), "--target", "load", "--space", str(space_file),
                 "--storage", "nosuch://u:pw@h/db", "--out", str(out)])  # fmt: skip
    assert code == 2 and "Cannot open --storage" in capsys.readouterr().err
    assert not out.exists()


def test_log_dir_writes_one_tensorboard_run_per_trial(demo_frame, tmp_path) -> None:
    pytest.importorskip("tensorboard", reason="the [tensorboard] extra is not installed")
    tune(demo_frame, "load", time="time", out=tmp_path / "t", space=SPACE,
         search=SearchConfig(trials=2, pruner="none"), log_dir=tmp_path / "tb", **TINY)  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "tb").iterdir()) == ["trial-000", "trial-001"]
    trials = pd.read_csv(tmp_path / "t" / "trials.csv")
    assert (trials["naive_val_mse"] > 0).all()  # kept for the report's chart of pruned trials
