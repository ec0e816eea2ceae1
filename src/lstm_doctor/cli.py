"""The ``lstm-doctor`` command: fit, evaluate, predict, demo.

Only this module prints or reads ``sys.argv``. A user error (bad file, bad flag) becomes one
line on stderr and exit status 2; ``--debug`` anywhere on the line shows the traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperCommand

from lstm_doctor import __version__
from lstm_doctor.cli_backtest import backtest_command
from lstm_doctor.config import DataConfig
from lstm_doctor.errors import ConfigError, LstmDoctorError
from lstm_doctor.os_errors import describe_os_error

if TYPE_CHECKING:  # the same names as _load_library() puts into this module
    from lstm_doctor.api import Forecaster
    from lstm_doctor.artifacts import check_out_dir, to_json, write_json_atomic
    from lstm_doctor.cli_export import export_run, predict_run
    from lstm_doctor.cli_report import (
        DEMO_SOURCE,
        note_command,
        record_provenance,
        report_command,
        study_of,
        write_log_report,
        write_run_report,
    )
    from lstm_doctor.cli_sequences import (
        fit_sequences,
        heal_sequences_command,
        load_sequence_estimator,
        sequence_scores_table,
        tune_sequences_command,
    )
    from lstm_doctor.data.demo import make_demo_frame
    from lstm_doctor.diagnosis.logs import read_log
    from lstm_doctor.diagnosis.sources import check_frame, diagnose_log
    from lstm_doctor.heal import heal as run_heal
    from lstm_doctor.output import write_predictions
    from lstm_doctor.reporting.terminal import (
        comparison_table,
        diagnosis_view,
        evaluation_table,
        sparkline,
        step_line,
        summary_table,
        verdict,
    )
    from lstm_doctor.sequence_artifacts import run_task
    from lstm_doctor.training.tensorboard import TensorBoardLog, chain
    from lstm_doctor.treatment.heal import HealStep
    from lstm_doctor.treatment.search import SearchConfig
    from lstm_doctor.treatment.study_report import TrialEvent
    from lstm_doctor.tune import tune as run_tune

app = typer.Typer(
    name="lstm-doctor",
    help="Train LSTM forecasters that generalize, and see why they do not.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


_ARGS: list[str] = []  # this invocation's arguments, for the provenance of the runs it writes


_LIBRARY = {  # name in this module: (module, attribute); the TYPE_CHECKING imports above
    "Forecaster": ("lstm_doctor.api", "Forecaster"),
    "check_out_dir": ("lstm_doctor.artifacts", "check_out_dir"),
    "to_json": ("lstm_doctor.artifacts", "to_json"),
    "write_json_atomic": ("lstm_doctor.artifacts", "write_json_atomic"),
    "export_run": ("lstm_doctor.cli_export", "export_run"),
    "predict_run": ("lstm_doctor.cli_export", "predict_run"),
    "DEMO_SOURCE": ("lstm_doctor.cli_report", "DEMO_SOURCE"),
    "note_command": ("lstm_doctor.cli_report", "note_command"),
    "record_provenance": ("lstm_doctor.cli_report", "record_provenance"),
    "report_command": ("lstm_doctor.cli_report", "report_command"),
    "study_of": ("lstm_doctor.cli_report", "study_of"),
    "write_log_report": ("lstm_doctor.cli_report", "write_log_report"),
    "write_run_report": ("lstm_doctor.cli_report", "write_run_report"),
    "fit_sequences": ("lstm_doctor.cli_sequences", "fit_sequences"),
    "heal_sequences_command": ("lstm_doctor.cli_sequences", "heal_sequences_command"),
    "load_sequence_estimator": ("lstm_doctor.cli_sequences", "load_sequence_estimator"),
    "sequence_scores_table": ("lstm_doctor.cli_sequences", "sequence_scores_table"),
    "tune_sequences_command": ("lstm_doctor.cli_sequences", "tune_sequences_command"),
    "make_demo_frame": ("lstm_doctor.data.demo", "make_demo_frame"),
    "read_log": ("lstm_doctor.diagnosis.logs", "read_log"),
    "check_frame": ("lstm_doctor.diagnosis.sources", "check_frame"),
    "diagnose_log": ("lstm_doctor.diagnosis.sources", "diagnose_log"),
    "run_heal": ("lstm_doctor.heal", "heal"),
    "write_predictions": ("lstm_doctor.output", "write_predictions"),
    "comparison_table": ("lstm_doctor.reporting.terminal", "comparison_table"),
    "diagnosis_view": ("lstm_doctor.reporting.terminal", "diagnosis_view"),
    "evaluation_table": ("lstm_doctor.reporting.terminal", "evaluation_table"),
    "sparkline": ("lstm_doctor.reporting.terminal", "sparkline"),
    "step_line": ("lstm_doctor.reporting.terminal", "step_line"),
    "summary_table": ("lstm_doctor.reporting.terminal", "summary_table"),
    "verdict": ("lstm_doctor.reporting.terminal", "verdict"),
    "run_task": ("lstm_doctor.sequence_artifacts", "run_task"),
    "TensorBoardLog": ("lstm_doctor.training.tensorboard", "TensorBoardLog"),
    "chain": ("lstm_doctor.training.tensorboard", "chain"),
    "HealStep": ("lstm_doctor.treatment.heal", "HealStep"),
    "SearchConfig": ("lstm_doctor.treatment.search", "SearchConfig"),
    "TrialEvent": ("lstm_doctor.treatment.study_report", "TrialEvent"),
    "run_tune": ("lstm_doctor.tune", "tune"),
}


def _load_library() -> None:
    """Import the library (torch, pandas, optuna) into this module when a command runs.

    ``--help``, ``--version`` and a mistyped flag never get here, so they answer without
    importing torch (seconds on a cold machine).
    """
    for name, (module, attribute) in _LIBRARY.items():
        globals()[name] = getattr(importlib.import_module(module), attribute)
    importlib.import_module("lstm_doctor.cli_report").remember_command(_ARGS)


class _LibraryCommand(TyperCommand):
    """A command that loads the library after its flags are parsed and before it runs."""

    def invoke(self, ctx: Any) -> Any:
        _load_library()
        return super().invoke(ctx)


# ----------------------------------------------------------------------------- shared flags
# Defaults are None so that the config dataclasses stay the one place where defaults live.
Target = Annotated[str, typer.Option(help="Target column(s), comma-separated.")]
Time = Annotated[str | None, typer.Option(help="Time column (parsed; increasing per series).")]
TimeFormat = Annotated[
    str | None, typer.Option(help="strftime format of --time, e.g. %d/%m/%Y [inferred].")
]
Encoding = Annotated[str | None, typer.Option(help="Text encoding of a CSV [utf-8].")]
Id = Annotated[str | None, typer.Option("--id", help="Series id column (one global model).")]
Covariates = Annotated[str | None, typer.Option(help="Covariate columns, comma-separated.")]
Lookback = Annotated[int | None, typer.Option(help="Input steps per window [96].")]
Horizon = Annotated[int | None, typer.Option(help="Steps to forecast [24].")]
Stride = Annotated[int | None, typer.Option(help="Step between training windows [1].")]
Split = Annotated[
    str | None,
    typer.Option(help="Fractions 0.7,0.1,0.2 | row counts 8640,2880,2880 | val,test start dates."),
]
Embargo = Annotated[int | None, typer.Option(help="Unused target steps after a split edge [0].")]
Scaler = Annotated[str | None, typer.Option(help="standard | robust | minmax | none.")]
Fill = Annotated[str | None, typer.Option(help="Repair NaN/inf: ffill | interpolate.")]
Season = Annotated[int | None, typer.Option(help="Seasonal-naive season (default: detected).")]
_REPORT_HELP = "Write report.html into the run directory (env LSTM_DOCTOR_REPORT=0: off)."
LogDir = Annotated[
    Path | None, typer.Option(help="Write TensorBoard event files here while training.")
]
Architecture = Annotated[
    str | None, typer.Option(help="step (reads every step) | segment (SegRNN-style) [step].")
]
SegmentLength = Annotated[
    int | None, typer.Option(help="Segment steps (segment) [divisor of lookback near a day].")
]
Decoder = Annotated[str | None, typer.Option(help="Segment decoder: parallel | recurrent.")]
Loss = Annotated[str | None, typer.Option(help="mse | mae | huber [step mse, segment mae].")]


def _columns(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(c.strip() for c in text.split(",") if c.strip())


TASKS = ("forecast", "classify", "regress")


def _given(**settings: Any) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if v is not None}


def _progress(epochs: int) -> tuple[Progress, Any]:
    progress = Progress(
        TextColumn("[bold]epoch"),
        MofNCompleteColumn(),
        BarColumn(),
        TextColumn("{task.fields[losses]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        # Redrawn once per epoch, not by rich's 10 Hz refresh thread: that thread would wake
        # between torch's own threads and stall them at every parallel region.
        auto_refresh=False,
    )
    task = progress.add_task("fit", total=epochs, losses="")

    def on_epoch(row: dict[str, float]) -> None:
        # Started on the first epoch, so a data error before training prints only its line.
        if not progress.live.is_started:
            progress.start()
        losses = f"train {row['train_loss']:.4f}  val {row['val_loss']:.4f}  lr {row['lr']:.1e}"
        progress.update(task, completed=row["epoch"], losses=losses, refresh=True)

    return progress, on_epoch


def _compact(value: Any) -> str:
    return to_json(value, indent=None)


def _report(
    forecaster: Forecaster,
    run: Path,
    as_json: bool,
    extra: dict[str, Any] | None = None,
    table: bool = True,
    report: Path | None = None,
) -> None:
    metrics = forecaster.metrics_
    if report is not None:
        extra = {**(extra or {}), "report": str(report)}
    if as_json:
        payload = {
            "run": str(run),
            "metrics": {"val": metrics["val"], "test": metrics["test"]},
            "baselines": metrics["baselines"],
            "original_units": metrics["original_units"],
            "skill": metrics["skill"],
            "season": metrics["season"],
            "n_windows": metrics["n_windows"],
            "training": metrics["training"],
            "diagnosis": forecaster.diagnosis_.to_dict(),
            **(extra or {}),
        }
        print(_compact(payload))
        return
    training = metrics["training"]
    if table:
        out.print(summary_table(metrics))
    out.print(verdict(metrics["test"]["mse"], metrics["skill"]))
    out.print(
        f"best epoch {training['best_epoch']} of {training['epochs']} "
        f"({training['stop_reason']}, {training['seconds']:.0f} s on {training['device']}); "
        f"season {metrics['season']}; run saved to [bold]{run}[/]"
    )
    out.print()
    out.print(diagnosis_view(forecaster.diagnosis_, forecaster.history_))
    if report is not None:
        out.print(f"report: [bold]{report}[/] (one HTML file; open it in a browser)")


def _fit_and_save(
    forecaster: Forecaster,
    data: Any,
    columns: dict[str, Any],
    out_dir: Path,
    *,
    as_json: bool,
    overwrite: bool = False,
    resume: bool = False,
    report: bool = True,
    data_source: str | None = None,
    log_dir: Path | None = None,
) -> None:
    """Fit with a per-epoch checkpoint beside ``out_dir``; save; drop the checkpoint; write
    the report (after the save: a failed report never costs the model)."""
    check_out_dir(out_dir, overwrite=overwrite, resume=resume)  # now, not after training
    checkpoint = out_dir.with_name(out_dir.name + ".checkpoint.safetensors")
    if checkpoint.exists() and not resume:
        err.print(f"note: starting afresh over the old checkpoint {checkpoint} (see --resume)")
    epochs = forecaster.get_params().get("epochs", 100)
    fit = {**columns, "checkpoint": checkpoint, "resume": resume}
    board = None if log_dir is None else TensorBoardLog(log_dir, out_dir.name)
    if as_json:
        forecaster.fit(data, **fit, on_epoch=board)
    else:
        progress, on_epoch = _progress(epochs)
        try:
            forecaster.fit(data, **fit, on_epoch=chain(on_epoch, board))
        finally:
            if progress.live.is_started:
                progress.stop()
    if board is not None:
        board.close(forecaster.resolved_settings(), _final_scores(forecaster.metrics_))
    note_command(forecaster, data_source or (data if isinstance(data, Path) else None))
    run = forecaster.save(out_dir, overwrite=overwrite or resume)
    if forecaster.history_.stop_reason != "interrupted":
        checkpoint.unlink(missing_ok=True)
    page = write_run_report(forecaster, run, err) if report else None
    _report(forecaster, run, as_json, report=page)


def _final_scores(metrics: dict[str, Any]) -> dict[str, float]:
    """The scores a TensorBoard run's hparams are listed with."""
    return {f"final/{s}_mse": metrics[s]["mse"] for s in ("val", "test") if s in metrics}


def _forecast_only(target: str | None, **sequence_flags: Any) -> None:
    """Forecasting needs --target and takes none of the sequence flags."""
    given = [name for name, value in sequence_flags.items() if value is not None]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise ConfigError(f"{flags} apply to --task classify|regress, not to forecasting.")
    if target is None:
        raise ConfigError(
            "fit needs --target for forecasting (or --task classify|regress with --label)."
        )


def _check_task(task: str) -> None:
    if task not in TASKS:
        raise ConfigError(f"--task {task!r} is not one of {' | '.join(TASKS)}; fix the spelling.")


def _default_out(stem: str) -> Path:
    return Path("runs") / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"


# ---------------------------------------------------------------------------------- commands
@app.command()
def fit(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Annotated[
        str | None, typer.Option(help="Target column(s), comma-separated (forecast).")
    ] = None,
    task: Annotated[str, typer.Option(help="forecast | classify | regress.")] = "forecast",
    sequence_id: Annotated[str | None, typer.Option(help="Sequence id column.")] = None,
    label: Annotated[str | None, typer.Option(help="Label column (one per sequence).")] = None,
    group: Annotated[str | None, typer.Option(help="Group column: one split per group.")] = None,
    test: Annotated[Path | None, typer.Option(help="Official test file (sequences).")] = None,
    features: Annotated[str | None, typer.Option(help="Feature columns [all numeric].")] = None,
    pooling: Annotated[str | None, typer.Option(help="last | mean | attention.")] = None,
    packing: Annotated[
        str | None, typer.Option(help="auto | packed | dense (exact either way) [auto].")
    ] = None,
    class_weights: Annotated[str | None, typer.Option(help="none | balanced.")] = None,
    label_smoothing: Annotated[float | None, typer.Option(help="Label smoothing.")] = None,
    ensemble: Annotated[
        int | None, typer.Option(help="Models on one split, seeds averaged (sequences).")
    ] = None,
    refit: Annotated[
        bool | None, typer.Option(help="Refit on train+val for the chosen epochs (sequences).")
    ] = None,
    encoder: Annotated[str | None, typer.Option(help="lstm | lstm-fcn | mlstm-fcn.")] = None,
    summary_features: Annotated[
        bool | None, typer.Option(help="Summary features into the head (sequences).")
    ] = None,
    series_norm: Annotated[
        bool | None, typer.Option(help="Z-normalize each sequence (sequences).")
    ] = None,
    time: Time = None,
    time_format: TimeFormat = None,
    encoding: Encoding = None,
    id: Id = None,
    covariates: Covariates = None,
    lookback: Lookback = None,
    horizon: Horizon = None,
    stride: Stride = None,
    split: Split = None,
    embargo: Embargo = None,
    scaler: Scaler = None,
    fill: Fill = None,
    season: Season = None,
    layers: Annotated[
        int | None, typer.Option(help="Stacked LSTM layers [step 2, segment 1].")
    ] = None,
    units: Annotated[int | None, typer.Option(help="Cells per layer [64].")] = None,
    dropout: Annotated[float | None, typer.Option(help="Dropout between layers [0].")] = None,
    bidirectional: Annotated[bool | None, typer.Option(help="Bidirectional encoder.")] = None,
    weight_drop: Annotated[
        float | None, typer.Option(help="DropConnect on recurrent weights [0].")
    ] = None,
    layer_norm: Annotated[bool | None, typer.Option(help="LayerNorm between layers.")] = None,
    head: Annotated[str | None, typer.Option(help="last | attention.")] = None,
    normalization: Annotated[
        str | None,
        typer.Option(help="Per window: none | revin | last_value | difference | seasonal."),
    ] = None,
    revin_affine: Annotated[bool | None, typer.Option(help="Learned RevIN affine.")] = None,
    channel_independent: Annotated[
        bool | None, typer.Option(help="One shared LSTM per target channel.")
    ] = None,
    architecture: Architecture = None,
    segment_length: SegmentLength = None,
    decoder: Decoder = None,
    loss: Loss = None,
    jitter: Annotated[float | None, typer.Option(help="Augment: noise std [0].")] = None,
    scaling: Annotated[float | None, typer.Option(help="Augment: magnitude std [0].")] = None,
    time_warp: Annotated[float | None, typer.Option(help="Augment: warp strength [0].")] = None,
    window_slice: Annotated[
        float | None, typer.Option(help="Augment: max cropped fraction [0].")
    ] = None,
    optimizer: Annotated[str | None, typer.Option(help="adam | adamw | rmsprop | sgd.")] = None,
    lr: Annotated[float | None, typer.Option(help="Learning rate [1e-3].")] = None,
    weight_decay: Annotated[float | None, typer.Option(help="Decoupled weight decay.")] = None,
    l2: Annotated[float | None, typer.Option(help="Keras-style L2 on LSTM kernels.")] = None,
    l1: Annotated[float | None, typer.Option(help="Keras-style L1 on LSTM kernels.")] = None,
    clip: Annotated[float | None, typer.Option(help="Gradient norm clip, 0 = off [1].")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Batch size [64].")] = None,
    epochs: Annotated[int | None, typer.Option(help="Maximum epochs [100].")] = None,
    patience: Annotated[int | None, typer.Option(help="Early stopping, 0 = off [10].")] = None,
    min_delta: Annotated[float | None, typer.Option(help="Smallest real improvement.")] = None,
    schedule: Annotated[
        str | None, typer.Option(help="plateau | cosine | onecycle | none.")
    ] = None,
    precision: Annotated[str | None, typer.Option(help="fp32 | bf16 (autocast forward).")] = None,
    device: Annotated[str | None, typer.Option(help="auto | cpu | cuda[:N].")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed [0].")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory to write.")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --out.")] = False,
    resume: Annotated[
        bool, typer.Option(help="Continue an interrupted fit from its --out checkpoint.")
    ] = False,
    report: Annotated[bool, typer.Option(help=_REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Train an LSTM on DATA, score it against naive baselines, save a run directory.

    Training state is checkpointed after every epoch beside --out; if the run is killed, the
    same command with --resume continues where it stopped, to the same result.
    """
    _check_task(task)
    settings = _given(
        lookback=lookback, horizon=horizon, stride=stride, split=split, embargo=embargo,
        scaler=scaler, fill=fill, season=season, time_format=time_format, encoding=encoding,
        layers=layers,
        units=units, dropout=dropout, bidirectional=bidirectional, weight_drop=weight_drop,
        layer_norm=layer_norm, head=head,
        normalization=normalization, revin_affine=revin_affine,
        channel_independent=channel_independent, architecture=architecture,
        segment_length=segment_length, decoder=decoder, loss=loss, jitter=jitter, scaling=scaling,
        time_warp=time_warp, window_slice=window_slice,
        optimizer=optimizer, lr=lr, weight_decay=weight_decay,
        l2=l2, l1=l1, batch_size=batch_size, epochs=epochs, min_delta=min_delta,
        schedule=schedule, precision=precision, device=device, seed=seed,
    )  # fmt: skip
    if clip is not None:
        settings["clip"] = clip if clip > 0 else None
    if patience is not None:
        settings["patience"] = patience if patience > 0 else None
    columns = {
        "time": time,
        "id": id,
        "covariates": _columns(covariates),
    }
    if task != "forecast":
        sequence_settings = _given(
            pooling=pooling,
            packing=packing,
            class_weights=class_weights,
            label_smoothing=label_smoothing,
            ensemble=ensemble,
            refit=refit,
            encoder=encoder,
            summary_features=summary_features,
            series_norm=series_norm,
        )
        columns = {"sequence": sequence_id, "label": label, "time": time, "group": group,
                   "features": _columns(features)}  # fmt: skip
        if resume and out_dir is None:
            raise ConfigError("--resume needs the --out of the run to continue.")
        fit_sequences(
            data, task=task, columns=columns, settings={**settings, **sequence_settings},
            test=test, out_dir=out_dir or _default_out(data.stem), overwrite=overwrite,
            as_json=as_json, progress=_progress, out=out, resume=resume, err=err,
            report=report, log_dir=log_dir,
        )  # fmt: skip
        return
    _forecast_only(target, sequence_id=sequence_id, label=label, group=group, test=test,
                   features=features, pooling=pooling, packing=packing,
                   class_weights=class_weights, label_smoothing=label_smoothing,
                   ensemble=ensemble, refit=refit, encoder=encoder,
                   summary_features=summary_features, series_norm=series_norm)  # fmt: skip
    columns["target"] = _columns(target)
    if resume and out_dir is None:
        raise ConfigError("--resume needs the --out of the run to continue.")
    forecaster = Forecaster(**settings)
    out_dir = out_dir or _default_out(data.stem)
    _fit_and_save(
        forecaster,
        data,
        columns,
        out_dir,
        as_json=as_json,
        overwrite=overwrite,
        resume=resume,
        report=report,
        log_dir=log_dir,
    )


app.command("backtest")(backtest_command(fit, out, err))


@app.command()
def demo(
    epochs: Annotated[int, typer.Option(help="Maximum epochs.")] = 30,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory to write.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fit on the built-in demo series (hourly sensor load with a regime change)."""
    frame = make_demo_frame()
    if not as_json:
        out.print(
            f"Demo data: {len(frame)} hourly rows of 'load' (target) and 'temperature' "
            "(covariate): daily and weekly cycles, trend, AR noise, a regime change at 80%."
        )
    forecaster = Forecaster(lookback=48, horizon=24, layers=1, units=32, epochs=epochs, patience=6)
    columns = {"target": "load", "time": "time", "covariates": ("temperature",)}
    _fit_and_save(forecaster, frame, columns, out_dir or _default_out("demo"), as_json=as_json,
                  data_source=DEMO_SOURCE)  # fmt: skip


@app.command()
def evaluate(
    run: Annotated[Path, typer.Argument(help="Run directory written by fit.")],
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file with the same columns.")],
    split: Annotated[str, typer.Option(help="test | val (the run's own split) | all.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score a saved model and the baselines on DATA (nothing is refitted)."""
    if run_task(run) != "forecast":  # a sequence run: every labelled sequence of DATA
        scores = load_sequence_estimator(run).evaluate(data)
        if as_json:
            print(_compact(scores))
        else:
            out.print(sequence_scores_table(scores))
        return
    forecaster = Forecaster.load(run)
    metrics = forecaster.evaluate(data, split=split)
    if as_json:
        print(_compact(metrics))
        return
    table = evaluation_table(metrics, split)
    out.print(table)
    out.print(verdict(metrics[split]["mse"], metrics["skill"], split))


@app.command()
def predict(
    run: Annotated[Path, typer.Argument(help="Run directory written by fit.")],
    data: Annotated[Path, typer.Argument(help="Recent data: at least lookback rows per series.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write forecasts to .csv, .parquet or .json.")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --out file.")] = False,
    interval: Annotated[
        float | None, typer.Option(help="Add <target>_lower/_upper: conformal level, e.g. 0.9.")
    ] = None,
    onnx: Annotated[
        Path | None, typer.Option(help="Run this exported .onnx file with onnxruntime.")
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="naive | seasonal_naive: the baseline's forecasts.")
    ] = None,
) -> None:
    """Forecast the horizon after the end of each series in DATA (original units); for a
    sequence run, one row per sequence: the class and its probabilities (or the number)."""
    if baseline is not None and run_task(run) != "forecast":
        raise ConfigError("--baseline is for forecasting runs; this run is a sequence run.")
    if onnx is not None or interval is not None:
        if baseline is not None:
            raise ConfigError("--baseline takes no --onnx or --interval; drop one of them.")
        frame = predict_run(run, data, onnx=onnx, interval=interval)
    elif run_task(run) != "forecast":
        frame = load_sequence_estimator(run).predict(data)
    else:
        frame = Forecaster.load(run).predict(data, baseline=baseline)
    if out_file is None:
        print(frame.to_csv(index=False), end="")
        return
    write_predictions(frame, out_file, overwrite=overwrite)
    err.print(f"{len(frame)} prediction rows written to {out_file}")


@app.command()
def export(
    run: Annotated[Path, typer.Argument(help="Run directory written by fit.")],
    onnx: Annotated[Path, typer.Option(help="The .onnx file to write.")],
    overwrite: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Export RUN's model as ONNX (scaled units in and out; see docs/backtest_and_export.md)."""
    err.print(export_run(run, onnx, overwrite=overwrite), highlight=False)


@app.command()
def heal(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Annotated[
        str | None, typer.Option(help="Target column(s), comma-separated (forecast).")
    ] = None,
    task: Annotated[str, typer.Option(help="forecast | classify | regress.")] = "forecast",
    sequence_id: Annotated[str | None, typer.Option(help="Sequence id column.")] = None,
    label: Annotated[str | None, typer.Option(help="Label column (one per sequence).")] = None,
    group: Annotated[str | None, typer.Option(help="Group column: one split per group.")] = None,
    test: Annotated[Path | None, typer.Option(help="Official test file (sequences).")] = None,
    time: Time = None,
    time_format: TimeFormat = None,
    encoding: Encoding = None,
    id: Id = None,
    covariates: Covariates = None,
    lookback: Lookback = None,
    horizon: Horizon = None,
    stride: Stride = None,
    split: Split = None,
    embargo: Embargo = None,
    scaler: Scaler = None,
    fill: Fill = None,
    season: Season = None,
    epochs: Annotated[int | None, typer.Option(help="Maximum epochs per fit [100].")] = None,
    patience: Annotated[int | None, typer.Option(help="Early stopping patience [10].")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Batch size [64].")] = None,
    precision: Annotated[str | None, typer.Option(help="fp32 | bf16.")] = None,
    device: Annotated[str | None, typer.Option(help="auto | cpu | cuda[:N].")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed [0].")] = None,
    ensemble: Annotated[
        int | None, typer.Option(help="Final model: seeds averaged (sequences).")
    ] = None,
    refit: Annotated[
        bool | None, typer.Option(help="Final model: refit on train+val (sequences).")
    ] = None,
    budget: Annotated[
        float, typer.Option(help="Budget in minutes: converted to epochs up front.")
    ] = 20.0,
    budget_epochs: Annotated[
        int | None, typer.Option(help="Budget in training epochs: same treatment anywhere.")
    ] = None,
    max_steps: Annotated[int, typer.Option(help="Most treatment steps.")] = 20,
    recipe: Annotated[
        bool, typer.Option(help="Also fit the textbook recipe to compare (outside the budget).")
    ] = True,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory to write.")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --out.")] = False,
    report: Annotated[bool, typer.Option(help=_REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Treat the model: start small, diagnose, change one thing, keep what helps on val.

    Never reads the test split until the end; then scores it once and saves a run
    directory with treatment.json (every step: finding, change, val before/after, kept).
    """
    _check_task(task)
    settings = _given(
        lookback=lookback, horizon=horizon, stride=stride, split=split, embargo=embargo,
        scaler=scaler, fill=fill, season=season, time_format=time_format, encoding=encoding,
        epochs=epochs,
        batch_size=batch_size, precision=precision, device=device, seed=seed,
    )  # fmt: skip
    if patience is not None:
        settings["patience"] = patience if patience > 0 else None
    out_dir = out_dir or _default_out(f"heal-{data.stem}")
    check_out_dir(out_dir, overwrite=overwrite)  # now, not after the treatment

    def on_step(step: HealStep) -> None:
        if not as_json:
            out.print(step_line(step))

    if task != "forecast":
        if log_dir is not None:
            raise ConfigError("--log-dir is for forecasting heals; drop it with --task " + task)
        columns = {"sequence": sequence_id, "label": label, "time": time, "group": group}
        final = _given(ensemble=ensemble, refit=refit)
        heal_sequences_command(
            data, task=task, columns=columns, settings={**settings, **final}, test=test,
            out_dir=out_dir,
            overwrite=overwrite, as_json=as_json, budget=budget, max_steps=max_steps,
            on_step=on_step, out=out, report=report, err=err,
        )  # fmt: skip
        return
    _forecast_only(target, sequence_id=sequence_id, label=label, group=group, test=test,
                   ensemble=ensemble, refit=refit)  # fmt: skip

    outcome = run_heal(
        data, target=_columns(target), time=time, id=id, covariates=_columns(covariates),
        budget_minutes=budget, budget_epochs=budget_epochs, max_steps=max_steps,
        on_step=on_step, compare_recipe=recipe, log_dir=log_dir, **settings,
    )  # fmt: skip
    note_command(outcome.forecaster, data)
    run = outcome.forecaster.save(out_dir, overwrite=overwrite)
    treatment = outcome.treatment()
    write_json_atomic(run / "treatment.json", treatment)
    page = write_run_report(outcome.forecaster, run, err, treatment=treatment) if report else None
    if as_json:
        summary = {k: v for k, v in treatment.items() if k != "steps"}
        extra = {"treatment": treatment["steps"], "treatment_summary": summary}
        _report(outcome.forecaster, run, as_json=True, extra=extra, report=page)
        return
    if outcome.verdict is not None:  # decided on validation, before the test split was read
        style = "green" if outcome.verdict["beats_best_baseline_on_val"] else "bold yellow"
        out.print(f"verdict (validation only): the healed model {outcome.verdict['text']}",
                  style=style, markup=False)  # fmt: skip
    out.print(
        f"treatment stopped ({outcome.stop_reason}) after {len(outcome.steps)} step(s): val MSE "
        f"{treatment['start_val_mse']:.4f} (start) -> {treatment['final_val_mse']:.4f}"
    )
    out.print(f"budget: {escape(treatment['budget']['rule'])}", style="dim")
    selection = treatment["selection"]
    if selection["origins"] > 1:
        out.print(f"selection: the steps' val MSE pools {selection['origins']} validation origins; "
                  "the line above is the main validation split", style="dim")  # fmt: skip
    if "note" in selection:
        out.print(f"selection: {escape(selection['note'])}", style="dim")
    out.print(comparison_table(treatment["comparison"]))
    _report(outcome.forecaster, run, as_json=False, table=False, report=page)


def _trial_line(event: TrialEvent) -> str:
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


@app.command()
def tune(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Annotated[
        str | None, typer.Option(help="Target column(s), comma-separated (forecast).")
    ] = None,
    task: Annotated[str, typer.Option(help="forecast | classify | regress.")] = "forecast",
    sequence_id: Annotated[str | None, typer.Option(help="Sequence id column.")] = None,
    label: Annotated[str | None, typer.Option(help="Label column (one per sequence).")] = None,
    test: Annotated[Path | None, typer.Option(help="Official test file (sequences).")] = None,
    time: Time = None,
    time_format: TimeFormat = None,
    encoding: Encoding = None,
    id: Id = None,
    covariates: Covariates = None,
    lookback: Lookback = None,
    horizon: Horizon = None,
    stride: Stride = None,
    split: Split = None,
    embargo: Embargo = None,
    scaler: Scaler = None,
    fill: Fill = None,
    season: Season = None,
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
    report: Annotated[bool, typer.Option(help=_REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Search the settings that close the train/test gap, with Optuna; refit the best.

    Trials are ranked by validation MSE relative to naive's (val/naive), which does not
    depend on the scaler. Flags that name a setting fix it (it leaves the search space).
    Trials never read the test
    split; the best is refitted, scored on test once and saved to OUT/best, with
    OUT/trials.csv and OUT/importances.json. Run the same command again to resume; with
    --storage postgresql://... run it on many machines to share one study.
    """
    settings = _given(
        lookback=lookback, horizon=horizon, stride=stride, split=split, embargo=embargo,
        scaler=scaler, fill=fill, season=season, time_format=time_format, encoding=encoding,
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
            out.print(_trial_line(event), highlight=False)

    if task != "forecast":
        tune_sequences_command(
            data, task=task, columns={"sequence": sequence_id, "label": label, "time": time},
            settings=settings, test=test, out_dir=out_dir or Path("runs") / f"tune-{data.stem}",
            search=config, as_json=as_json, on_trial=on_trial, out=out,
        )  # fmt: skip
        return
    if target is None:
        raise ConfigError("tune needs --target (or --task classify|regress with --label).")
    outcome = run_tune(
        data, target=_columns(target), time=time, id=id, covariates=_columns(covariates),
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
        _report(outcome.forecaster, outcome.run, as_json=True, extra={"study": summary},
                report=page)  # fmt: skip
        return
    counts, best = summary["trials"], summary["best"]
    out.print(
        f"study {summary['name']!r}: {counts['complete']} complete, {counts['pruned']} pruned, "
        f"{counts['failed']} failed; best trial {best['number']} (val/naive "
        f"{best['val_vs_naive']:.3f}, val MSE {best['val_mse']:.4f}): "
        + ", ".join(f"{k}={_short(v)}" for k, v in best["params"].items()),
        highlight=False,
    )
    if summary.get("importances"):
        ranked = list(summary["importances"].items())[:5]
        out.print("importance: " + ", ".join(f"{k} {v:.2f}" for k, v in ranked), highlight=False)
    _report(outcome.forecaster, outcome.run, as_json=False, report=page)


def _short(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


@app.command("lr-find")
def lr_find(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Target,
    time: Time = None,
    time_format: TimeFormat = None,
    encoding: Encoding = None,
    id: Id = None,
    covariates: Covariates = None,
    lookback: Lookback = None,
    horizon: Horizon = None,
    split: Split = None,
    scaler: Scaler = None,
    fill: Fill = None,
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
) -> None:
    """LR range test: train briefly while the learning rate grows; suggest a learning rate."""
    settings = _given(
        lookback=lookback, horizon=horizon, split=split, scaler=scaler, fill=fill,
        time_format=time_format, encoding=encoding, layers=layers, units=units,
        architecture=architecture, segment_length=segment_length, loss=loss,
        optimizer=optimizer, batch_size=batch_size, precision=precision, seed=seed,
    )  # fmt: skip
    result = Forecaster(**settings).lr_find(
        data, _columns(target), time=time, id=id, covariates=_columns(covariates),
        min_lr=min_lr, max_lr=max_lr, n_steps=steps,
    )  # fmt: skip
    if as_json:
        print(_compact(result.to_dict()))
        return
    out.print(f"loss (smoothed, log scale) over lr {result.lrs[0]:.1e} → {result.lrs[-1]:.1e}:")
    out.print(f"  {sparkline(list(result.smoothed), width=60)}")
    if result.suggestion is None:
        out.print(f"[yellow]No suggestion[/]: {result.rule}")
    else:
        out.print(f"suggested --lr {result.suggestion:.2e}  ({result.rule})")


@app.command()
def check(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
    target: Target,
    time: Time = None,
    time_format: TimeFormat = None,
    encoding: Encoding = None,
    id: Id = None,
    covariates: Covariates = None,
    lookback: Lookback = None,
    horizon: Horizon = None,
    stride: Stride = None,
    split: Split = None,
    embargo: Embargo = None,
    scaler: Scaler = None,
    fill: Fill = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON list.")] = False,
) -> None:
    """Check DATA and the pipeline for leakage and data problems (no training)."""
    settings = _given(
        target=_columns(target), time=time, id=id, covariates=_columns(covariates),
        lookback=lookback, horizon=horizon, stride=stride, split=split, embargo=embargo,
        scaler=scaler, fill=fill, time_format=time_format, encoding=encoding,
    )  # fmt: skip
    diagnosis = check_frame(data, DataConfig(**settings))
    if as_json:
        print(_compact(diagnosis.to_dict()))
        return
    if not diagnosis.findings:
        out.print("[green]No leakage or data problems found.[/]")
        return
    out.print(diagnosis_view(diagnosis))


@app.command()
def diagnose(
    path: Annotated[Path, typer.Argument(help="A run directory, or a training log file/dir.")],
    train_col: Annotated[str | None, typer.Option(help="Train loss column of a log.")] = None,
    val_col: Annotated[str | None, typer.Option(help="Val loss column of a log.")] = None,
    report: Annotated[
        Path | None, typer.Option(help="Also write an HTML report (curves, diagnosis) here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Diagnose a run of ours, or a Keras / Lightning / TensorBoard / CSV training log."""
    log = read_log(path, train_col=train_col, val_col=val_col)
    diagnosis = diagnose_log(log, path)
    if report is not None:
        page = write_log_report(log.history, diagnosis, f"{path} ({log.source})", report)
        err.print(f"report: {page}", highlight=False)
    notes = list(log.meta.get("notes") or []) if log.source != "lstm-doctor" else []
    if as_json:
        print(_compact({"source": log.source, "notes": notes, "diagnosis": diagnosis.to_dict()}))
        return
    out.print(f"Read {len(log.history)} epochs from {path} ({log.source}).")
    for note in notes:
        out.print(f"[dim]Note: {note}.[/]")
    out.print(diagnosis_view(diagnosis, log.history))


@app.command()
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
    report_command(run, out_file, data, out)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False,
    threads: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="CPU threads for torch in this command [auto: from the model's size and "
            "the cores this process may use].",
        ),
    ] = None,
) -> None:
    if version:
        print(f"lstm-doctor {__version__}")
        raise typer.Exit()
    if threads is not None:
        from lstm_doctor.training.threads import set_threads  # turns the automatic choice off

        set_threads(threads)


for _info in app.registered_commands:  # every command loads the library when it runs
    _info.cls = _LibraryCommand


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one-line errors and exit status 2 for user errors."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    _ARGS[:] = args
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        handlers=[RichHandler(console=err, show_path=False)],
        format="%(message)s",
    )
    try:
        result = app(args=args, prog_name="lstm-doctor", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # bad flag or argument: click's UsageError family
        if debug:
            raise
        ctx = getattr(exc, "ctx", None)
        command = "" if ctx is None or ctx.info_name == "lstm-doctor" else f" {ctx.info_name}"
        hint = f" (see: lstm-doctor{command} --help)"
        message = " ".join(exc.format_message().split())
        err.print(f"error: {message}{hint}", highlight=False, markup=False, soft_wrap=True)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted", highlight=False)
        return 130
    except LstmDoctorError as exc:
        if debug:
            raise
        err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        return 2
    except OSError as exc:  # a full disk, a path through a file: the user's to fix
        if debug:
            raise
        line = describe_os_error(exc)
        if line is not None:
            err.print(f"error: {line}", highlight=False, markup=False, soft_wrap=True)
            return 2
        err.print(f"error: {exc} (add --debug for the traceback)", highlight=False,
                  markup=False, soft_wrap=True)  # fmt: skip
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
