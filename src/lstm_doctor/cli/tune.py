"""The tune command: an Optuna search of the settings, then a refit of the best."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from lstm_doctor.cli.app import err, out
from lstm_doctor.cli.fit import print_run
from lstm_doctor.cli.options import (
    REPORT_HELP,
    Architecture,
    LogDir,
    Loss,
    SegmentLength,
    data_settings,
    forecast_columns,
    given_settings,
    sequence_columns,
    with_data_flags,
    with_task_flags,
)
from lstm_doctor.errors import ConfigError

if TYPE_CHECKING:  # annotations only; the commands import the library when they run
    from lstm_doctor.treatment.study_report import TrialEvent


def trial_line(event: TrialEvent) -> str:
    """``trial 7 · val/naive 0.812 · best 0.774 (trial 3) · pruned at epoch 4``"""
    parts = [f"trial {event.number}"]
    if event.state == "failed":
        parts.append(f"[red]failed[/]: {escape(event.error or 'worker stopped')}")
    else:
        parts.append(f"val/naive {event.value:.3f}" if event.value is not None else "val -")
    if event.best_value is not None:
        parts.append(f"best {event.best_value:.3f} (trial {event.best_number})")
    if event.state == "pruned" and event.stop_reason == "timeout":
        parts.append(f"[yellow]stopped by --timeout at epoch {event.epochs}[/]")
    elif event.state == "pruned":
        parts.append(f"[yellow]pruned at epoch {event.epochs}[/]")
    elif event.state == "complete":
        seconds = f", {event.seconds:.0f} s" if event.seconds is not None else ""
        parts.append(f"{event.epochs} epochs{seconds}")
    if event.retry_of is not None:
        parts.append(f"retry of trial {event.retry_of}")
    return " · ".join(parts)


@with_data_flags(after="test")
@with_task_flags(without=("group",))
def tune(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    layers: Annotated[int | None, typer.Option(help="Fix: stacked LSTM layers.")] = None,
    units: Annotated[int | None, typer.Option(help="Fix: cells per layer.")] = None,
    dropout: Annotated[float | None, typer.Option(help="Fix: dropout between layers.")] = None,
    weight_drop: Annotated[float | None, typer.Option(help="Fix: weight-drop.")] = None,
    head: Annotated[str | None, typer.Option(help="Fix: last | attention.")] = None,
    normalization: Annotated[
        str | None, typer.Option(help="Fix: none | revin | last_value | difference | seasonal.")
    ] = None,
    architecture: Architecture = None,
    segment_length: SegmentLength = None,
    loss: Loss = None,
    optimizer: Annotated[str | None, typer.Option(help="adam | adamw | rmsprop | sgd.")] = None,
    lr: Annotated[float | None, typer.Option(help="Fix: learning rate.")] = None,
    weight_decay: Annotated[float | None, typer.Option(help="Fix: weight decay.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Fix: batch size.")] = None,
    epochs: Annotated[int | None, typer.Option(help="Maximum epochs per trial [100].")] = None,
    patience: Annotated[int | None, typer.Option(help="Early stopping, 0 = off [10].")] = None,
    precision: Annotated[str | None, typer.Option(help="fp32 | bf16.")] = None,
    device: Annotated[str | None, typer.Option(help="auto | cpu | cuda[:N].")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of every fit and the sampler [0].")] = None,
    trials: Annotated[
        int, typer.Option(help="Finished (complete or pruned) trials of the whole study.")
    ] = 50,
    timeout: Annotated[
        float | None,
        typer.Option(
            help="Minutes for this worker: then no trial starts, and a running one is "
            "pruned at the end of its epoch."
        ),
    ] = None,
    storage: Annotated[
        str | None,
        typer.Option(help="Database URL (postgresql://user:pw@host/db) [OUT/study.db]."),
    ] = None,
    study: Annotated[str, typer.Option(help="Study name (shared by its workers).")] = (
        "lstm-doctor"
    ),
    n_jobs: Annotated[int, typer.Option(help="Worker processes on this machine.")] = 1,
    sampler: Annotated[str, typer.Option(help="tpe | random.")] = "tpe",
    pruner: Annotated[
        str, typer.Option(help="asha (successive halving on epochs) | median | hyperband | none.")
    ] = "asha",
    space: Annotated[
        Path | None, typer.Option(help="TOML search space (replaces the default).")
    ] = None,
    start_from: Annotated[
        Path | None, typer.Option(help="Run directory (e.g. of heal) to try first.")
    ] = None,
    heartbeat: Annotated[int, typer.Option(hidden=True)] = 30,
    grace_period: Annotated[int, typer.Option(hidden=True)] = 90,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Study folder (default: runs/tune-FILE).")
    ] = None,
    report: Annotated[bool, typer.Option(help=REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    **flags: Any,
) -> None:
    """Search the settings that close the train/test gap, with Optuna; refit the best.

    Trials are ranked by validation MSE relative to naive's (val/naive), which does not
    depend on the scaler. Flags that name a setting fix it (it leaves the search space).
    Trials never read the test
    split; the best is refitted, scored on test once and saved to OUT/best, with
    OUT/trials.csv and OUT/importances.json. Run the same command again to resume; with
    --storage postgresql://... run it on many machines to share one study.
    """
    from lstm_doctor.api.forecast_tune import tune as run_tune
    from lstm_doctor.cli.report import note_command, record_provenance, study_of, write_run_report
    from lstm_doctor.cli.sequences import SequenceJob, tune_sequences_command
    from lstm_doctor.treatment.search import SearchConfig

    settings = given_settings(
        **data_settings(flags),
        layers=layers, units=units, dropout=dropout, weight_drop=weight_drop, head=head,
        normalization=normalization, architecture=architecture, segment_length=segment_length,
        loss=loss, optimizer=optimizer,
        lr=lr, weight_decay=weight_decay, batch_size=batch_size, epochs=epochs,
        precision=precision, device=device, seed=seed,
    )  # fmt: skip
    if patience is not None:
        settings["patience"] = patience if patience > 0 else None
    config = SearchConfig(
        trials=trials, timeout_minutes=timeout, n_jobs=n_jobs, sampler=sampler, pruner=pruner,
        seed=seed or 0, heartbeat_interval=heartbeat, grace_period=grace_period,
    )  # fmt: skip

    def on_trial(event: TrialEvent) -> None:
        if not as_json:
            out.print(trial_line(event), highlight=False)

    if flags["task"] != "forecast":
        job = SequenceJob(data, flags["task"], sequence_columns(flags), settings, flags["test"],
                          out_dir or Path("runs") / f"tune-{data.stem}")  # fmt: skip
        tune_sequences_command(job, search=config, as_json=as_json, on_trial=on_trial, out=out)
        return
    if flags["target"] is None:
        raise ConfigError("tune needs --target (or --task classify|regress with --label).")
    outcome = run_tune(
        data, **forecast_columns(flags["target"], flags),
        out=out_dir or Path("runs") / f"tune-{data.stem}", search=config, storage=storage,
        study=study, space=space, start_from=start_from, on_trial=on_trial, log_dir=log_dir,
        **settings,
    )  # fmt: skip
    summary = outcome.summary
    note_command(outcome.forecaster, data)  # tune saved OUT/best before the CLI knew these
    record_provenance(outcome.run, outcome.forecaster)
    page = None
    if report:
        page = write_run_report(outcome.forecaster, outcome.run, err, study=study_of(outcome.run))
    if as_json:
        print_run(outcome.forecaster, outcome.run, as_json=True, extra={"study": summary},
                report=page)  # fmt: skip
        return
    counts, best = summary["trials"], summary["best"]
    out.print(
        f"study {summary['name']!r}: {counts['complete']} complete, {counts['pruned']} pruned, "
        f"{counts['failed']} failed; best trial {best['number']} (val/naive "
        f"{best['val_vs_naive']:.3f}, val MSE {best['val_mse']:.4f}): "
        + ", ".join(f"{k}={short_value(v)}" for k, v in best["params"].items()),
        highlight=False,
    )
    if summary.get("importances"):
        ranked = list(summary["importances"].items())[:5]
        out.print("importance: " + ", ".join(f"{k} {v:.2f}" for k, v in ranked), highlight=False)
    print_run(outcome.forecaster, outcome.run, as_json=False, report=page)


def short_value(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)
