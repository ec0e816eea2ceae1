"""Flags that several commands share, and small helpers for their values.

Defaults are None so that the config dataclasses stay the one place where defaults live.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from lstm_doctor.errors import ConfigError

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

REPORT_HELP = "Write report.html into the run directory (env LSTM_DOCTOR_REPORT=0: off)."

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


def column_list(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(c.strip() for c in text.split(",") if c.strip())


TASKS = ("forecast", "classify", "regress")


def given_settings(**settings: Any) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if v is not None}


def check_task(task: str) -> None:
    if task not in TASKS:
        raise ConfigError(f"--task {task!r} is not one of {' | '.join(TASKS)}; fix the spelling.")


def default_out(stem: str) -> Path:
    return Path("runs") / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"


def _data_flags(
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
) -> None:
    """The data flags, declared once: the columns, and the settings of ``DataConfig``."""


DATA_FLAGS = inspect.signature(_data_flags, eval_str=True).parameters
# The DataConfig settings among the data flags (the columns aside), in the order commands
# pass them on.
DATA_SETTINGS = (
    "lookback", "horizon", "stride", "split", "embargo", "scaler", "fill", "season",
    "time_format", "encoding",
)  # fmt: skip


def _task_flags(
    target: Annotated[
        str | None, typer.Option(help="Target column(s), comma-separated (forecast).")
    ] = None,
    task: Annotated[str, typer.Option(help="forecast | classify | regress.")] = "forecast",
    sequence_id: Annotated[str | None, typer.Option(help="Sequence id column.")] = None,
    label: Annotated[str | None, typer.Option(help="Label column (one per sequence).")] = None,
    group: Annotated[str | None, typer.Option(help="Group column: one split per group.")] = None,
    test: Annotated[Path | None, typer.Option(help="Official test file (sequences).")] = None,
) -> None:
    """The task flags of the commands that fit models (fit, heal, tune), declared once."""


TASK_FLAGS = inspect.signature(_task_flags, eval_str=True).parameters

Command = TypeVar("Command", bound=Callable[..., Any])


def _splice(command: Command, flags: list[inspect.Parameter], after: str) -> Command:
    """``command`` with ``flags`` in its signature after its parameter ``after`` (Typer reads
    the signature; the command takes them as ``**flags`` keyword arguments)."""
    own = inspect.signature(command, eval_str=True).parameters.values()
    own = [p for p in own if p.kind is not inspect.Parameter.VAR_KEYWORD]
    at = [p.name for p in own].index(after) + 1
    parameters = [*own[:at], *flags, *own[at:]]
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command


def with_data_flags(after: str, without: tuple[str, ...] = ()) -> Callable[[Command], Command]:
    """Give a command the data flags (declared once, above; all but ``without``), listed
    after its parameter ``after``."""
    flags = [p for name, p in DATA_FLAGS.items() if name not in without]
    return lambda command: _splice(command, flags, after)


def with_task_flags(without: tuple[str, ...] = ()) -> Callable[[Command], Command]:
    """Give a command the task flags (declared once, above; all but ``without``), listed
    right after its DATA argument."""
    flags = [p for name, p in TASK_FLAGS.items() if name not in without]
    return lambda command: _splice(command, flags, "data")


def data_settings(data: dict[str, Any]) -> dict[str, Any]:
    """The DataConfig settings among a command's data flags, given or not."""
    return {name: data[name] for name in DATA_SETTINGS if name in data}


def forecast_columns(target: str | None, flags: dict[str, Any]) -> dict[str, Any]:
    """The column arguments of a forecasting fit, from ``--target`` and the data flags."""
    return {
        "target": column_list(target),
        "time": flags["time"],
        "id": flags["id"],
        "covariates": column_list(flags["covariates"]),
    }


def sequence_columns(flags: dict[str, Any]) -> dict[str, Any]:
    """The column arguments of a sequence fit, from the task and data flags."""
    names = {"sequence": "sequence_id", "label": "label", "time": "time", "group": "group"}
    return {key: flags[name] for key, name in names.items() if name in flags}


def sequence_flags(flags: dict[str, Any]) -> dict[str, Any]:
    """The task flags that only sequence tasks take (forecasting rejects them when given)."""
    return {
        name: flags[name] for name in ("sequence_id", "label", "group", "test") if name in flags
    }
