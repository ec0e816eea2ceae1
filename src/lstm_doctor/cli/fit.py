"""The fit, backtest and demo commands: train, score against the baselines, save a run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lstm_doctor.cli.app import err, out
from lstm_doctor.cli.options import (
    REPORT_HELP,
    Architecture,
    Decoder,
    LogDir,
    Loss,
    SegmentLength,
    check_task,
    column_list,
    data_settings,
    default_out,
    given_settings,
    sequence_columns,
    sequence_flags,
    with_data_flags,
    with_task_flags,
)
from lstm_doctor.errors import ConfigError

if TYPE_CHECKING:  # annotations only; the commands import the library when they run
    from lstm_doctor.api.forecaster import Forecaster


def epoch_progress(epochs: int) -> tuple[Progress, Any]:
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


def compact_json(value: Any) -> str:
    from lstm_doctor.artifacts import to_json

    return to_json(value, indent=None)


def print_run(
    forecaster: Forecaster,
    run: Path,
    as_json: bool,
    extra: dict[str, Any] | None = None,
    table: bool = True,
    report: Path | None = None,
) -> None:
    from lstm_doctor.cli.report import print_diagnosis
    from lstm_doctor.reporting.terminal import summary_table, verdict

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
        print(compact_json(payload))
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
    print_diagnosis(out, forecaster, report)


def fit_and_save(
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
    from lstm_doctor.artifacts import check_out_dir
    from lstm_doctor.cli.report import note_command, write_run_report
    from lstm_doctor.training.tensorboard import TensorBoardLog, chain

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
        progress, on_epoch = epoch_progress(epochs)
        try:
            forecaster.fit(data, **fit, on_epoch=chain(on_epoch, board))
        finally:
            if progress.live.is_started:
                progress.stop()
    if board is not None:
        board.close(forecaster.resolved_settings(), final_scores(forecaster.metrics_))
    note_command(forecaster, data_source or (data if isinstance(data, Path) else None))
    run = forecaster.save(out_dir, overwrite=overwrite or resume)
    if forecaster.history_.stop_reason != "interrupted":
        checkpoint.unlink(missing_ok=True)
    page = write_run_report(forecaster, run, err) if report else None
    print_run(forecaster, run, as_json, report=page)


def final_scores(metrics: dict[str, Any]) -> dict[str, float]:
    """The scores a TensorBoard run's hparams are listed with."""
    return {f"final/{s}_mse": metrics[s]["mse"] for s in ("val", "test") if s in metrics}


def check_forecast_only(target: str | None, **sequence_flags: Any) -> None:
    """Forecasting needs --target and takes none of the sequence flags."""
    given = [name for name, value in sequence_flags.items() if value is not None]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise ConfigError(f"{flags} apply to --task classify|regress, not to forecasting.")
    if target is None:
        raise ConfigError(
            "fit needs --target for forecasting (or --task classify|regress with --label)."
        )


@with_data_flags(after="series_norm")
@with_task_flags()
def fit(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file.")],
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
    report: Annotated[bool, typer.Option(help=REPORT_HELP, envvar="LSTM_DOCTOR_REPORT")] = True,
    log_dir: LogDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    **flags: Any,
) -> None:
    """Train an LSTM on DATA, score it against naive baselines, save a run directory.

    Training state is checkpointed after every epoch beside --out; if the run is killed, the
    same command with --resume continues where it stopped, to the same result.
    """
    from lstm_doctor.api.forecaster import Forecaster
    from lstm_doctor.cli.sequences import SequenceJob, fit_sequences

    check_task(flags["task"])
    settings = given_settings(
        **data_settings(flags),
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
        "time": flags["time"],
        "id": flags["id"],
        "covariates": column_list(flags["covariates"]),
    }
    if flags["task"] != "forecast":
        sequence_settings = given_settings(
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
        columns = {**sequence_columns(flags), "features": column_list(features)}
        if resume and out_dir is None:
            raise ConfigError("--resume needs the --out of the run to continue.")
        job = SequenceJob(data, flags["task"], columns, {**settings, **sequence_settings},
                          flags["test"], out_dir or default_out(data.stem))  # fmt: skip
        fit_sequences(
            job, overwrite=overwrite, as_json=as_json, progress=epoch_progress, out=out,
            resume=resume, err=err, report=report, log_dir=log_dir,
        )  # fmt: skip
        return
    check_forecast_only(flags["target"], **sequence_flags(flags),
                   features=features, pooling=pooling, packing=packing,
                   class_weights=class_weights, label_smoothing=label_smoothing,
                   ensemble=ensemble, refit=refit, encoder=encoder,
                   summary_features=summary_features, series_norm=series_norm)  # fmt: skip
    columns["target"] = column_list(flags["target"])
    if resume and out_dir is None:
        raise ConfigError("--resume needs the --out of the run to continue.")
    forecaster = Forecaster(**settings)
    out_dir = out_dir or default_out(data.stem)
    fit_and_save(
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


def demo(
    epochs: Annotated[int, typer.Option(help="Maximum epochs.")] = 30,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory to write.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fit on the built-in demo series (hourly sensor load with a regime change)."""
    from lstm_doctor.api.forecaster import Forecaster
    from lstm_doctor.cli.report import DEMO_SOURCE
    from lstm_doctor.data.demo import make_demo_frame

    frame = make_demo_frame()
    if not as_json:
        out.print(
            f"Demo data: {len(frame)} hourly rows of 'load' (target) and 'temperature' "
            "(covariate): daily and weekly cycles, trend, AR noise, a regime change at 80%."
        )
    forecaster = Forecaster(lookback=48, horizon=24, layers=1, units=32, epochs=epochs, patience=6)
    columns = {"target": "load", "time": "time", "covariates": ("temperature",)}
    fit_and_save(forecaster, frame, columns, out_dir or default_out("demo"), as_json=as_json,
                  data_source=DEMO_SOURCE)  # fmt: skip
