"""Commands that look without training a model: lr-find, check, diagnose, report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from lstm_doctor.cli.app import err, out
from lstm_doctor.cli.fit import compact_json
from lstm_doctor.cli.options import (
    Architecture,
    Loss,
    SegmentLength,
    Target,
    column_list,
    data_settings,
    given_settings,
    with_data_flags,
)
from lstm_doctor.config import DataConfig


@with_data_flags(after="target", without=("stride", "embargo", "season"))
def lr_find(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Target,
    layers: Annotated[
        int | None, typer.Option(help="Stacked LSTM layers [step 2, segment 1].")
    ] = None,
    units: Annotated[int | None, typer.Option(help="Cells per layer [64].")] = None,
    architecture: Architecture = None,
    segment_length: SegmentLength = None,
    loss: Loss = None,
    optimizer: Annotated[str | None, typer.Option(help="adam | adamw | rmsprop | sgd.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Batch size [64].")] = None,
    precision: Annotated[str | None, typer.Option(help="fp32 | bf16.")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed [0].")] = None,
    min_lr: Annotated[float, typer.Option(help="First learning rate.")] = 1e-6,
    max_lr: Annotated[float, typer.Option(help="Last learning rate.")] = 1.0,
    steps: Annotated[int, typer.Option(help="Batches in the sweep.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    **flags: Any,
) -> None:
    """LR range test: train briefly while the learning rate grows; suggest a learning rate."""
    from lstm_doctor.api.forecaster import Forecaster
    from lstm_doctor.reporting.terminal import sparkline

    settings = given_settings(
        **data_settings(flags), layers=layers, units=units, architecture=architecture,
        segment_length=segment_length, loss=loss, optimizer=optimizer, batch_size=batch_size,
        precision=precision, seed=seed,
    )  # fmt: skip
    result = Forecaster(**settings).lr_find(
        data, column_list(target), time=flags["time"], id=flags["id"],
        covariates=column_list(flags["covariates"]), min_lr=min_lr, max_lr=max_lr, n_steps=steps,
    )  # fmt: skip
    if as_json:
        print(compact_json(result.to_dict()))
        return
    out.print(f"loss (smoothed, log scale) over lr {result.lrs[0]:.1e} → {result.lrs[-1]:.1e}:")
    out.print(f"  {sparkline(list(result.smoothed), width=60)}")
    if result.suggestion is None:
        out.print(f"[yellow]No suggestion[/]: {result.rule}")
    else:
        out.print(f"suggested --lr {result.suggestion:.2e}  ({result.rule})")


@with_data_flags(after="target", without=("season",))
def check(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Target,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON list.")] = False,
    **flags: Any,
) -> None:
    """Check DATA and the pipeline for leakage and data problems (no training)."""
    from lstm_doctor.diagnosis.sources import check_frame
    from lstm_doctor.reporting.terminal import diagnosis_view

    settings = given_settings(
        target=column_list(target), time=flags["time"], id=flags["id"],
        covariates=column_list(flags["covariates"]), **data_settings(flags),
    )  # fmt: skip
    diagnosis = check_frame(data, DataConfig(**settings))
    if as_json:
        print(compact_json(diagnosis.to_dict()))
        return
    if not diagnosis.findings:
        out.print("[green]No leakage or data problems found.[/]")
        return
    out.print(diagnosis_view(diagnosis))


def diagnose(
    path: Annotated[Path, typer.Argument(help="A run directory, or a training log file/dir.")],
    train_col: Annotated[str | None, typer.Option(help="Train loss column of a log.")] = None,
    val_col: Annotated[str | None, typer.Option(help="Val loss column of a log.")] = None,
    report: Annotated[
        Path | None, typer.Option(help="Also write an HTML report (curves, diagnosis) here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    baseline_loss: Annotated[
        float | None,
        typer.Option(
            help="A trivial predictor's training loss in the log's units (1.0 for MSE on "
            "standardized targets; ln(k) for k balanced classes): lets the diagnosis tell a "
            "model that learnt nothing from one that converged."
        ),
    ] = None,
) -> None:
    """Diagnose a run of ours, or a Keras / Lightning / TensorBoard / CSV training log."""
    from lstm_doctor.cli.report import write_log_report
    from lstm_doctor.diagnosis.logs import read_log
    from lstm_doctor.diagnosis.sources import diagnose_log
    from lstm_doctor.reporting.terminal import diagnosis_view

    log = read_log(path, train_col=train_col, val_col=val_col)
    diagnosis = diagnose_log(log, path, baseline_loss=baseline_loss)
    if report is not None:
        page = write_log_report(log.history, diagnosis, f"{path} ({log.source})", report)
        err.print(f"report: {page}", highlight=False)
    notes = list(log.meta.get("notes") or []) if log.source != "lstm-doctor" else []
    if as_json:
        print(
            compact_json({"source": log.source, "notes": notes, "diagnosis": diagnosis.to_dict()})
        )
        return
    out.print(f"Read {len(log.history)} epochs from {path} ({log.source}).")
    for note in notes:
        out.print(f"[dim]Note: {note}.[/]")
    out.print(diagnosis_view(diagnosis, log.history))


def report(
    run: Annotated[Path, typer.Argument(help="Run directory (fit, heal, tune's OUT/best).")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Where to write [RUN/report.html].")
    ] = None,
    data: Annotated[
        Path | None, typer.Option(help="The data file, if the recorded one moved or changed.")
    ] = None,
) -> None:
    """Write the one-file HTML report of a saved run (curves, forecasts, diagnosis, ...)."""
    from lstm_doctor.cli.report import report_command

    report_command(run, out_file, data, out)
