"""A log read into a per-epoch History: the columns named, checked and turned into rows."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.diagnosis.logs.names import (
    NOT_LR,
    TRAIN_ACC,
    TRAIN_NAMES,
    VAL_ACC,
    VAL_NAMES,
    find_column,
    normalized_name,
    text_cells,
)
from lstm_doctor.errors import DataError
from lstm_doctor.history import HISTORY_COLUMNS, History


@dataclass(frozen=True)
class LoadedLog:
    """A History read from a log, the format it came in (one of ``SOURCES``), and context.

    ``meta`` holds the run's ``config.json`` for an lstm-doctor run; for other formats it
    names the columns (or TensorBoard tags) that became ``train_loss``, ``val_loss``, ``lr``,
    and ``notes``: what reading did to the log (per-step rows averaged to epochs, epochs
    logged twice, accuracy read as an error), one sentence each.
    """

    history: History
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


def to_loaded_log(
    frame: pd.DataFrame,
    where: str,
    source: str,
    meta: dict[str, Any],
    train_col: str | None,
    val_col: str | None,
) -> LoadedLog:
    """Name the loss columns, check they hold numbers, and build the History rows."""
    notes = list(frame.attrs.get("notes", []))
    wordy_columns = set(frame.attrs.get("text_columns", ()))  # found before the log was
    wordy_columns |= {str(c) for c in frame.columns if text_cells(frame[c]).any()}  # averaged
    frame = frame.apply(pd.to_numeric, errors="coerce")
    columns = [str(c) for c in frame.columns if c != "epoch"]
    if len(frame) == 0:
        raise DataError(f"Cannot read {where!r} as a training log: it holds no epochs.")
    train = _pick(columns, TRAIN_NAMES, train_col, "train", where)
    val = _pick(columns, VAL_NAMES, val_col, "val", where)
    if train is None and val is None and train_col is None and val_col is None:
        frame, train, val = _accuracy_as_error(frame, columns)
        if train is not None or val is not None:
            notes.append("no loss column: the error 1 - accuracy is read as the loss")
            columns = [str(c) for c in frame.columns if c != "epoch"]
    if train is None and val is None:
        raise DataError(
            f"Cannot read {where!r} as a training log: no train/val loss columns among "
            f"{', '.join(columns) or '(none)'}; name them with --train-col/--val-col."
        )
    empty = [
        c for c in (train, val) if c is not None and not np.isfinite(frame[c].to_numpy(float)).any()
    ]
    wordy = [c for c in empty if c in wordy_columns]
    if wordy:  # words where losses belong: not a log of this run's losses
        raise DataError(
            f"Cannot read {where!r} as a training log: column {wordy[0]!r} holds no finite "
            "numbers; expected one loss per epoch."
        )
    # A column of NaN/inf (or blanks) is a reading too: a run that diverged at its first
    # epoch writes NaN for every loss (the diagnosis calls it diverging), and Keras writes
    # NA for a val_loss it never got (no validation).
    for column in empty:
        notes.append(f"column {column!r} holds no finite value")
    lr = find_column(columns, ("lr", "learning_rate")) or next(  # Lightning: lr-Adam, lr-SGD/pg1
        (c for c in columns if c.startswith("lr-") and not c.endswith(NOT_LR)), None
    )
    used = {"train_loss": train, "val_loss": val, "lr": lr}
    out = pd.DataFrame({"epoch": frame["epoch"].astype(int)})
    for name in HISTORY_COLUMNS[1:]:
        source_column = used.get(name, name if name in columns else None)
        out[name] = frame[source_column] if source_column is not None else math.nan
    for column in columns:  # the other metrics, under their own names (not text columns)
        keep = column not in out.columns and column not in used.values()
        if keep and frame[column].notna().any():
            out[column] = frame[column]
    rows = [
        {k: int(v) if k == "epoch" else float(v) for k, v in record.items()}
        for record in out.to_dict(orient="records")
    ]
    return LoadedLog(History(rows=rows), source, {**meta, "columns": used, "notes": notes})


def _accuracy_as_error(
    frame: pd.DataFrame, columns: list[str]
) -> tuple[pd.DataFrame, str | None, str | None]:
    """Add ``train_error``/``val_error`` = 1 - accuracy (a percentage read as such)."""
    picked = []
    frame = frame.copy()
    for names, out in ((TRAIN_ACC, "train_error"), (VAL_ACC, "val_error")):
        column = find_column(columns, names)
        if column is None:
            picked.append(None)
            continue
        values = frame[column].astype(float)
        top = 100.0 if float(values.max(skipna=True) or 0.0) > 1.0 else 1.0
        frame[out] = (top - values) / top
        picked.append(out)
    return frame, picked[0], picked[1]


def _pick(
    columns: list[str], names: frozenset[str], given: str | None, role: str, where: str
) -> str | None:
    if given is not None:
        if given in columns:
            return given
        base = given.removesuffix("_epoch").removesuffix("_step")  # a raw Lightning name
        if base in columns:
            return base
        raise DataError(
            f"Cannot read {where!r} as a training log: no {role} column {given!r}; the "
            f"columns are {', '.join(columns)}."
        )
    found = [c for c in columns if normalized_name(c) in names]
    if len(found) > 1:
        raise DataError(
            f"Cannot read {where!r} as a training log: several {role} loss columns "
            f"({', '.join(found)}); pick one with --{role}-col."
        )
    return found[0] if found else None
