"""JSON and CSV logs (Keras History and CSVLogger, Lightning's metrics.csv, generic tables)
as one row per epoch: per-step rows averaged, repeated epochs resolved."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from lstm_doctor.diagnosis.logs.names import (
    EPOCH_NAMES,
    STEP_NAMES,
    VAL_NAMES,
    find_column,
    normalized_name,
    text_cells,
)
from lstm_doctor.errors import DataError


def json_frame(path: Path) -> tuple[pd.DataFrame, str]:
    """Keras ``History.history`` (a dict of lists, epochs implicit) or a generic table."""
    try:
        value = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise DataError(f"Cannot read {str(path)!r} as a training log: bad JSON ({exc}).") from None
    if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
        return _generic(pd.DataFrame.from_records(value), str(path)), "generic-json"
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        lengths = {k: len(v) for k, v in value.items()}
        if len(set(lengths.values())) > 1:
            found = ", ".join(f"{k} has {n}" for k, n in lengths.items())
            raise DataError(
                f"Cannot read {str(path)!r} as a training log: its lists differ in length "
                f"({found}); expected one value per epoch in each."
            )
        frame = pd.DataFrame(value)
        if "loss" in value and find_column(frame.columns, EPOCH_NAMES + STEP_NAMES) is None:
            frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
            return frame, "keras-json"
        return _generic(frame, str(path)), "generic-json"
    raise DataError(
        f"Cannot read {str(path)!r} as a training log: found JSON {type(value).__name__}, "
        "expected a dict of per-epoch lists (Keras History) or a list of records."
    )


def csv_frame(path: Path) -> tuple[pd.DataFrame, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            header = handle.readline()
        sep = max((",", ";", "\t"), key=header.count)  # Keras' CSVLogger takes a separator
        frame = pd.read_csv(path, sep=sep)
    except (OSError, ValueError) as exc:  # pandas' parser and decode errors are ValueErrors
        raise DataError(f"Cannot read {str(path)!r} as a training log: {exc}") from None
    where, columns = str(path), list(frame.columns)
    if "epoch" in columns and "step" in columns and _looks_like_lightning(frame):
        frame = aggregate(frame, "epoch", where, zero_based=True, lightning=True)
        return frame, "lightning-csv"
    if columns[:1] == ["epoch"] and "loss" in columns and len(frame):
        epoch = pd.to_numeric(frame["epoch"], errors="coerce")
        if epoch.iloc[0] == 0:  # Keras' 0-based epoch; an appended second fit() restarts at 0
            increasing = epoch.notna().all() and epoch.is_monotonic_increasing and epoch.is_unique
            frame["epoch"] = epoch + 1 if increasing else np.arange(1, len(frame) + 1)
            return frame, "keras-csv"
    return _generic(frame, where), "generic-csv"


def _looks_like_lightning(frame: pd.DataFrame) -> bool:
    """Lightning writes step rows and epoch rows apart, with empty cells between them."""
    suffixed = any(str(c).endswith(("_step", "_epoch")) or str(c).startswith("lr-") for c in frame)
    return suffixed or frame["epoch"].isna().any() or frame["epoch"].duplicated().any()


def _generic(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """Rows keyed by an epoch column, else by a step column, else by their order."""
    key = find_column(frame.columns, EPOCH_NAMES)
    if key is not None:
        return aggregate(frame, key, where, zero_based=None, is_epoch=True)
    key = find_column(frame.columns, STEP_NAMES)
    if key is not None:
        return aggregate(frame, key, where, zero_based=None, is_epoch=False)
    frame = frame.copy()
    frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
    return frame


def aggregate(
    frame: pd.DataFrame,
    key: str,
    where: str,
    *,
    zero_based: bool | None,
    is_epoch: bool = True,
    lightning: bool = False,
) -> pd.DataFrame:
    """One row per value of ``key``: the mean of a training metric, the last validation value.

    Rows that lack ``key`` (Lightning's learning-rate rows) belong to the next row that has
    it. Lightning's ``X_epoch`` wins over ``X_step``; both become ``X``.
    """
    frame = frame.copy()
    keys = pd.to_numeric(frame.pop(key), errors="coerce").bfill().ffill()
    if len(keys) and keys.isna().all():
        raise DataError(
            f"Cannot read {where!r} as a training log: column {key!r} holds no numbers; "
            "expected the epoch (or step) of each row."
        )
    notes: list[str] = []
    if is_epoch:
        keys, frame, repeated = _last_occurrence(keys, frame)
        if repeated:
            shift = 1 if zero_based or (zero_based is None and float(keys.min()) == 0) else 0
            notes.append(
                f"epochs {_span([r + shift for r in repeated])} were logged more than once "
                "(a resumed run?): the last occurrence of each is kept"
            )
    if "step" in frame.columns and key != "step":
        order = np.argsort(pd.to_numeric(frame["step"], errors="coerce").to_numpy(), kind="stable")
        frame, keys = frame.iloc[order], keys.iloc[order]
    frame = frame.drop(columns=[c for c in ("step",) if c in frame.columns])
    wordy = [str(c) for c in frame.columns if text_cells(frame[c]).any()]  # before they go
    frame = frame.apply(pd.to_numeric, errors="coerce")
    if is_epoch:
        per_epoch = frame.notna().groupby(keys.to_numpy()).sum()
        train_like = [c for c in per_epoch.columns if not _is_val_or_lr(_base(str(c)))]
        if train_like and bool((per_epoch[train_like] > 1).any().any()):
            notes.append(
                f"per-step rows were averaged to {keys.nunique()} epochs (validation: the last "
                "value of each epoch)"
            )
    else:
        notes.append(f"no epoch column: each {key!r} value is read as one epoch")
    merged: dict[str, pd.Series] = {}
    for column in sorted(frame.columns, key=lambda c: not str(c).endswith("_epoch")):
        name, kind = str(column), ""
        if lightning and name.endswith(("_epoch", "_step")):
            name, kind = name.rsplit("_", 1)
        if name in merged:
            continue
        grouped = frame[column].groupby(keys)
        last = kind == "epoch" or (kind == "" and _is_val_or_lr(name))
        merged[name] = grouped.last() if last else grouped.mean()
    out = pd.DataFrame(merged).sort_index()
    out.insert(0, "epoch", epoch_numbers(out.index.to_numpy(), zero_based, is_epoch))
    out = out.reset_index(drop=True)
    out.attrs["notes"] = notes
    out.attrs["text_columns"] = sorted({_base(c) if lightning else c for c in wordy})
    return out


def _base(name: str) -> str:
    return name.removesuffix("_epoch").removesuffix("_step")


def _last_occurrence(keys: pd.Series, frame: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, list]:
    """Rows of a resumed run: where the epoch goes back, the later rows replace the earlier.

    The log is cut where the epoch number falls; an epoch logged in several such segments
    keeps only the rows of its last one. Returns the kept keys and rows and the repeated
    epochs (sorted).
    """
    values = keys.to_numpy(dtype=float)
    if len(values) < 2 or not (np.diff(values) < 0).any():
        return keys, frame, []
    segment = np.concatenate([[0], np.cumsum(np.diff(values) < 0)])
    last = pd.Series(segment).groupby(values).transform("max").to_numpy()
    keep = segment == last
    seen = pd.Series(segment).groupby(values).nunique()
    repeated = sorted(float(k) for k, n in seen.items() if n > 1)
    return keys[keep], frame[keep], repeated


def _span(values: list) -> str:
    ints = [int(v) for v in values]
    if len(ints) > 1 and ints == list(range(ints[0], ints[-1] + 1)):
        return f"{ints[0]}-{ints[-1]}"
    return ", ".join(str(v) for v in ints[:10]) + (" ..." if len(ints) > 10 else "")


def _is_val_or_lr(name: str) -> bool:
    n = normalized_name(name)
    return n in VAL_NAMES or n.startswith(("val", "eval", "lr", "learning_rate"))


def epoch_numbers(keys: np.ndarray, zero_based: bool | None, is_epoch: bool) -> np.ndarray:
    """1-based epochs from sorted unique keys: epoch indices kept, other axes ranked 1..n."""
    keys = keys.astype(float)
    if not len(keys):
        return keys.astype(int)
    integral = bool(np.all(keys == np.round(keys)) and keys.min() >= 0)
    contiguous = bool(np.all(np.diff(keys) == 1))
    if integral and (is_epoch or contiguous):
        shift = keys[0] == 0 if zero_based is None else zero_based
        return (keys + shift).astype(int)
    return np.arange(1, len(keys) + 1)
