"""Commands on a saved run: evaluate, predict, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lstm_doctor.cli.app import err, out
from lstm_doctor.cli.fit import compact_json
from lstm_doctor.errors import ConfigError


def evaluate(
    run: Annotated[Path, typer.Argument(help="Run directory written by fit.")],
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file with the same columns.")],
    split: Annotated[str, typer.Option(help="test | val (the run's own split) | all.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score a saved model and the baselines on DATA (nothing is refitted)."""
    from lstm_doctor.api.forecaster import Forecaster
    from lstm_doctor.api.runs import load_estimator
    from lstm_doctor.cli.sequences import sequence_scores_table
    from lstm_doctor.reporting.terminal import evaluation_table, verdict

    estimator = load_estimator(run)
    if not isinstance(estimator, Forecaster):  # a sequence run: every labelled sequence
        scores = estimator.evaluate(data)
        if as_json:
            print(compact_json(scores))
        else:
            out.print(sequence_scores_table(scores))
        return
    metrics = estimator.evaluate(data, split=split)
    if as_json:
        print(compact_json(metrics))
        return
    table = evaluation_table(metrics, split)
    out.print(table)
    out.print(verdict(metrics[split]["mse"], metrics["skill"], split))


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
    from lstm_doctor.api.runs import load_estimator
    from lstm_doctor.artifacts.sequence import run_task
    from lstm_doctor.cli.export import predict_run
    from lstm_doctor.cli.output import write_predictions

    if baseline is not None and run_task(run) != "forecast":
        raise ConfigError("--baseline is for forecasting runs; this run is a sequence run.")
    if onnx is not None or interval is not None:
        if baseline is not None:
            raise ConfigError("--baseline takes no --onnx or --interval; drop one of them.")
        frame = predict_run(run, data, onnx=onnx, interval=interval)
    else:  # a baseline is for forecasting runs only (checked above)
        options = {} if baseline is None else {"baseline": baseline}
        frame = load_estimator(run).predict(data, **options)
    if out_file is None:
        print(frame.to_csv(index=False), end="")
        return
    write_predictions(frame, out_file, overwrite=overwrite)
    err.print(f"{len(frame)} prediction rows written to {out_file}")


def export(
    run: Annotated[Path, typer.Argument(help="Run directory written by fit.")],
    onnx: Annotated[Path, typer.Option(help="The .onnx file to write.")],
    overwrite: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Export RUN's model as ONNX (scaled units in and out; see docs/backtest_and_export.md)."""
    from lstm_doctor.cli.export import export_run

    err.print(export_run(run, onnx, overwrite=overwrite), highlight=False)
