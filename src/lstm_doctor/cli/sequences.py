"""The sequence branch of the CLI: ``fit`` and ``heal`` with ``--task classify|regress``,
and ``predict`` / ``evaluate`` on a sequence run. Imported by ``cli`` only; prints through
its consoles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from lstm_doctor.api.sequence_estimators import (
    DEFAULTS,
    SequenceClassifier,
    SequenceEstimator,
    SequenceRegressor,
    checkpoint_files,
)
from lstm_doctor.api.sequence_heal import heal_sequences, save_healed
from lstm_doctor.api.sequence_tune import tune_sequences
from lstm_doctor.artifacts import check_out_dir, to_json
from lstm_doctor.cli.report import note_command, print_diagnosis, write_run_report
from lstm_doctor.errors import ConfigError
from lstm_doctor.training.tensorboard import TensorBoardLog, chain
from lstm_doctor.treatment.heal import HealStep
from lstm_doctor.treatment.search import SearchConfig
from lstm_doctor.treatment.study_report import TrialEvent

__all__ = [
    "SequenceJob",
    "fit_sequences",
    "heal_sequences_command",
    "sequence_payload",
]

_CLASSIFY = ("accuracy", "balanced_accuracy", "macro_f1", "log_loss")
_REGRESS = ("mse", "mae", "rmse")


@dataclass(frozen=True)
class SequenceJob:
    """What a sequence command works on: the data file, the task, its columns and settings,
    the official test file (or None) and the run directory (or study folder) to write."""

    data: Path
    task: str
    columns: dict[str, Any]
    settings: dict[str, Any]
    test: Path | None
    out_dir: Path

    def __iter__(self) -> Iterator[Any]:
        return iter((self.data, self.task, self.columns, self.settings, self.test, self.out_dir))


def sequence_payload(estimator: SequenceEstimator, run: Path) -> dict[str, Any]:
    """The ``--json`` object: metrics of the LSTM and the baselines on val and test."""
    metrics = estimator.metrics_
    return {
        "run": str(run),
        "task": estimator.task,
        "metrics": {"val": metrics["val"], "test": metrics["test"]},
        "baselines": metrics["baselines"],
        "n_sequences": metrics["n_sequences"],
        "classes": metrics["classes"],
        "training": metrics["training"],
        "diagnosis": estimator.diagnosis_.to_dict(),
    }


def metrics_table(metrics: dict[str, Any], task: str) -> Table:
    """LSTM vs baselines on the test sequences (and validation accuracy or MSE)."""
    names = _CLASSIFY if task == "classify" else _REGRESS
    key = names[0]
    table = Table(title=f"LSTM vs baselines on the same {metrics['test']['n']} test sequences")
    table.add_column("")
    table.add_column(f"val {key}", justify="right")
    for name in names:
        table.add_column(name.replace("_", " "), justify="right")
    rows = [("LSTM", metrics["val"], metrics["test"])]
    rows += [(n, b["val"], b["test"]) for n, b in metrics["baselines"].items()]
    for label, val, test in rows:
        table.add_row(label, f"{val[key]:.4f}", *(f"{test[n]:.4f}" for n in names))
    return table


def verdict_line(metrics: dict[str, Any], task: str) -> str:
    """Does the LSTM beat the summary-feature baseline on test? One plain sentence."""
    key, higher = ("accuracy", True) if task == "classify" else ("mse", False)
    model, baseline = metrics["test"][key], metrics["baselines"]["summary"]["test"][key]
    beats = model > baseline if higher else model < baseline
    word = "beats" if beats else "does NOT beat"
    return (
        f"The LSTM {word} the summary-feature baseline on test: {key} {model:.4f} vs "
        f"{baseline:.4f}."
    )


def fit_sequences(
    job: SequenceJob,
    *,
    overwrite: bool,
    as_json: bool,
    progress: Callable[[int], tuple[Any, Callable[[dict[str, float]], None]]],
    out: Console,
    resume: bool = False,
    err: Console | None = None,
    report: bool = True,
    log_dir: Path | None = None,
) -> None:
    """Fit a sequence model with a per-epoch checkpoint beside ``out_dir``, save its run
    directory, drop the checkpoint (kept when interrupted), print the report."""
    data, task, columns, settings, test, out_dir = job
    check_out_dir(out_dir, overwrite=overwrite, resume=resume)  # now, not after training
    checkpoint = out_dir.with_name(out_dir.name + ".checkpoint.safetensors")
    if checkpoint.exists() and not resume and err is not None:
        err.print(f"note: starting afresh over the old checkpoint {checkpoint} (see --resume)")
    cls = SequenceClassifier if task == "classify" else SequenceRegressor
    estimator = cls(**settings)
    fit = {**columns, "test": test, "checkpoint": checkpoint, "resume": resume}
    board = None if log_dir is None else TensorBoardLog(log_dir, out_dir.name)
    if as_json:
        estimator.fit(data, **fit, on_epoch=board)
    else:
        # an upper bound: every member's epochs (early stopping ends most runs before)
        epochs = settings.get("epochs", DEFAULTS["epochs"])
        bar, on_epoch = progress(epochs * estimator.setting("ensemble"))
        try:
            estimator.fit(data, on_epoch=chain(on_epoch, board), **fit)
        finally:
            if bar.live.is_started:
                bar.stop()
    if board is not None:  # an ensemble's members all write here: their epochs repeat
        key = "accuracy" if task == "classify" else "mse"
        scores = {f"final/{s}_{key}": estimator.metrics_[s].get(key) for s in ("val", "test")}
        board.close({**estimator.get_params(), "task": task}, scores)
    note_command(estimator, data)
    run = estimator.save(out_dir, overwrite=overwrite or resume)
    if estimator.history_.stop_reason != "interrupted":
        seq = estimator.config_.sequence
        for path in checkpoint_files(checkpoint, seq.ensemble, seq.refit):
            path.unlink(missing_ok=True)
    page = write_run_report(estimator, run, err or out) if report else None
    if as_json:
        payload = sequence_payload(estimator, run)
        print(to_json({**payload, "report": str(page) if page else None}, indent=None))
        return
    metrics, training = estimator.metrics_, estimator.metrics_["training"]
    out.print(metrics_table(metrics, task))
    out.print(verdict_line(metrics, task), highlight=False)
    out.print(
        f"best epoch {training['best_epoch']} of {training['epochs']} "
        f"({training['stop_reason']}, {training['seconds']:.0f} s on {training['device']})"
        f"{_members_note(estimator)}; "
        f"sequences {metrics['n_sequences']}; run saved to [bold]{run}[/]"
    )
    print_diagnosis(out, estimator, page)


def _members_note(estimator: SequenceEstimator) -> str:
    """``, 5 seeds averaged, refitted on train+val for 16 epochs`` or nothing."""
    seq, training = estimator.config_.sequence, estimator.metrics_["training"]
    note = f", {seq.ensemble} seeds averaged" if seq.ensemble > 1 else ""
    if seq.refit:
        epochs = ", ".join(str(e) for e in training.get("refit_epochs", []))
        note += f", refitted on train+val for {epochs} epochs (val figures: before the refit)"
    return note


def sequence_scores_table(scores: dict[str, Any]) -> Table:
    """The scores of ``evaluate`` on a sequence run."""
    table = Table(title=f"{scores['n']} sequences")
    names = [n for n in (*_CLASSIFY, *_REGRESS) if n in scores]
    for name in names:
        table.add_column(name.replace("_", " "), justify="right")
    table.add_row(*(f"{scores[n]:.4f}" for n in names))
    return table


def heal_sequences_command(
    job: SequenceJob,
    *,
    overwrite: bool,
    as_json: bool,
    budget: float,
    max_steps: int,
    on_step: Callable[[HealStep], None],
    out: Console,
    report: bool = True,
    err: Console | None = None,
) -> None:
    """Treat a sequence model, save the healed run with treatment.json, print the report."""
    data, task, columns, settings, test, out_dir = job
    if not columns.get("sequence") or not columns.get("label"):
        raise ConfigError(f"heal --task {task} needs --sequence-id and --label.")
    outcome = heal_sequences(
        data, columns["sequence"], columns["label"], task=task, time=columns.get("time"),
        group=columns.get("group"), test=test, budget_minutes=budget, max_steps=max_steps,
        on_step=on_step, **settings,
    )  # fmt: skip
    note_command(outcome.estimator, data)
    run = save_healed(outcome, out_dir, overwrite=overwrite)
    treatment = outcome.treatment()
    estimator = outcome.estimator
    page = write_run_report(estimator, run, err or out, treatment=treatment) if report else None
    if as_json:
        summary = {k: v for k, v in treatment.items() if k != "steps"}
        payload = sequence_payload(estimator, run)
        payload.update(treatment=treatment["steps"], treatment_summary=summary)
        payload["report"] = str(page) if page else None
        print(to_json(payload, indent=None))
        return
    out.print(
        f"treatment stopped ({outcome.stop_reason}) after {len(outcome.steps)} step(s): "
        f"{treatment['criterion']} {outcome.start_val_loss:.4f} (start) -> "
        f"{outcome.final_val_loss:.4f}",
        highlight=False,
    )
    out.print(metrics_table(estimator.metrics_, task))
    out.print(verdict_line(estimator.metrics_, task), highlight=False)
    out.print(f"run saved to [bold]{run}[/] (treatment.json beside it)")
    print_diagnosis(out, estimator, page)


def tune_sequences_command(
    job: SequenceJob,
    *,
    search: SearchConfig,
    as_json: bool,
    on_trial: Callable[[TrialEvent], None],
    out: Console,
) -> None:
    """``tune --task classify|regress``: search, refit the best, print the report."""
    data, task, columns, settings, test, out_dir = job
    if not columns.get("sequence") or not columns.get("label"):
        raise ConfigError(f"tune --task {task} needs --sequence-id and --label.")
    estimator, run, summary = tune_sequences(
        data, task=task, out=out_dir, sequence=columns["sequence"], label=columns["label"],
        time=columns.get("time"), test=test, search=search, on_trial=on_trial, **settings,
    )  # fmt: skip
    if as_json:
        payload = sequence_payload(estimator, run)
        payload["study"] = summary
        print(to_json(payload, indent=None))
        return
    counts, best = summary["trials"], summary["best"]
    out.print(
        f"study: {counts['complete']} complete, {counts['pruned']} pruned, {counts['failed']} "
        f"failed; best trial {best['number']} ({summary['objective']} "
        f"{best['objective']:.4f}): " + ", ".join(f"{k}={v}" for k, v in best["params"].items()),
        highlight=False,
    )
    out.print(metrics_table(estimator.metrics_, task))
    out.print(verdict_line(estimator.metrics_, task), highlight=False)
    out.print(f"run saved to [bold]{run}[/] (trials.csv and study.json in {out_dir})")
