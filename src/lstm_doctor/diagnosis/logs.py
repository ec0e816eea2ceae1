"""Read anyone's training log into a History, so the diagnosis can judge it.

``read_log`` recognises a log by its content: an lstm-doctor run directory, a Keras
``History.history`` dumped as JSON, a Keras ``CSVLogger`` file, a PyTorch Lightning
``CSVLogger`` ``metrics.csv``, TensorBoard event files (Keras, Lightning, plain
``SummaryWriter``), or a plain CSV / JSON table with recognisable loss columns. Every format
ends as one row per epoch: ``epoch`` (1-based), ``train_loss``, ``val_loss``, ``lr``,
``grad_norm``, ``seconds`` (NaN where the log does not say) and the log's other metrics
under their own names.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor.errors import ArtifactError, DataError
from lstm_doctor.history import HISTORY_COLUMNS, History

__all__ = ["SOURCES", "LoadedLog", "read_log"]

SOURCES = (
    "lstm-doctor",
    "keras-json",
    "keras-csv",
    "lightning-csv",
    "tensorboard",
    "generic-csv",
    "generic-json",
)


def _loss_names(*splits: str) -> frozenset[str]:
    """Loss names as people write them (``train`` -> train_loss, train/loss, loss/train,
    train_nll, train_loss_epoch, train_epoch_loss).

    Names are compared after ``_norm``: lower case, with "-" and " " read as "_".
    """
    forms = ("{s}_loss", "{s}/loss", "loss/{s}", "{s}_nll", "nll/{s}", "{s}/nll")
    forms += ("{s}_loss_epoch", "{s}_epoch_loss", "epoch_{s}_loss", "{s}/epoch_loss")
    return frozenset(f.format(s=s) for s in splits for f in forms)


_TRAIN_NAMES = _loss_names("train", "training", "trn", "tr") | {
    "loss",
    "nll",
    "epoch_loss",
    "loss_epoch",
}
_VAL_NAMES = _loss_names("val", "valid", "validation", "eval", "dev")
# A log with no loss column: accuracy (higher is better) is read as the error 1 - accuracy.
_TRAIN_ACC = ("train_acc", "train_accuracy", "training_accuracy", "accuracy", "acc")
_VAL_ACC = ("val_acc", "val_accuracy", "valid_acc", "validation_accuracy", "eval_accuracy")
_EPOCH_NAMES = ("epoch", "epochs")
_STEP_NAMES = ("iteration", "iter", "step", "steps")
_IGNORED_TAGS = frozenset({"hp_metric"})  # Lightning's placeholder for hyperparameters
_NOT_LR = ("-momentum", "-weight_decay")  # what Lightning's LearningRateMonitor adds


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


def read_log(
    path: str | Path, *, train_col: str | None = None, val_col: str | None = None
) -> LoadedLog:
    """Read a training log of any supported format into a per-epoch History.

    Args:
        path: a log file, a TensorBoard log directory, or an lstm-doctor run directory.
        train_col: the column (or tag) holding the training loss; detected by name if None.
        val_col: the column (or tag) holding the validation loss; detected by name if None.
            Both are ignored for an lstm-doctor run, whose columns are known.

    Raises:
        DataError: the path is missing, unreadable, of no known format, or ambiguous.
    """
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise DataError(f"Training log {where!r} does not exist.")
    if path.is_dir():
        if (path / "config.json").is_file() and (path / "history.csv").is_file():
            return _read_run(path)
        event_files = sorted(path.rglob("*tfevents*"))
        if event_files:
            frame, meta = _tensorboard_frame(path, event_files)
            return _finish(frame, where, "tensorboard", meta, train_col, val_col)
        if not (path / "metrics.csv").is_file():
            raise DataError(
                f"Cannot read directory {where!r} as a training log: it holds no lstm-doctor "
                "run (config.json + history.csv), no TensorBoard event files and no "
                "metrics.csv; pass a log file instead."
            )
        path = path / "metrics.csv"
        where = str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise DataError(f"Cannot read training log {where!r}: {exc}") from None
    if b"brain.Event:" in head:  # the first record of every TensorBoard event file
        frame, meta = _tensorboard_frame(path, [path])
        return _finish(frame, where, "tensorboard", meta, train_col, val_col)
    if head.lstrip()[:1] in (b"{", b"["):
        frame, source = _json_frame(path)
    else:
        frame, source = _csv_frame(path)
    return _finish(frame, where, source, {}, train_col, val_col)


# ------------------------------------------------------------------------------ our own run
def _read_run(path: Path) -> LoadedLog:
    try:
        config = json.loads((path / "config.json").read_text())
        history = History.from_csv(path / "history.csv")
    except (OSError, ValueError, ArtifactError) as exc:
        raise DataError(f"Cannot read run {str(path)!r} as a training log: {exc}") from None
    if not isinstance(config, dict):
        raise DataError(f"config.json of run {str(path)!r} should hold a JSON object.")
    training = config.get("training") or {}
    history.best_epoch = training.get("best_epoch")
    history.stop_reason = training.get("stop_reason")
    history.events = list(training.get("events") or [])
    return LoadedLog(history, "lstm-doctor", config)


# ------------------------------------------------------------------------------ JSON and CSV
def _json_frame(path: Path) -> tuple[pd.DataFrame, str]:
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
        if "loss" in value and _find(frame.columns, _EPOCH_NAMES + _STEP_NAMES) is None:
            frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
            return frame, "keras-json"
        return _generic(frame, str(path)), "generic-json"
    raise DataError(
        f"Cannot read {str(path)!r} as a training log: found JSON {type(value).__name__}, "
        "expected a dict of per-epoch lists (Keras History) or a list of records."
    )


def _csv_frame(path: Path) -> tuple[pd.DataFrame, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            header = handle.readline()
        sep = max((",", ";", "\t"), key=header.count)  # Keras' CSVLogger takes a separator
        frame = pd.read_csv(path, sep=sep)
    except (OSError, ValueError) as exc:  # pandas' parser and decode errors are ValueErrors
        raise DataError(f"Cannot read {str(path)!r} as a training log: {exc}") from None
    where, columns = str(path), list(frame.columns)
    if "epoch" in columns and "step" in columns and _looks_like_lightning(frame):
        frame = _aggregate(frame, "epoch", where, zero_based=True, lightning=True)
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
    key = _find(frame.columns, _EPOCH_NAMES)
    if key is not None:
        return _aggregate(frame, key, where, zero_based=None, is_epoch=True)
    key = _find(frame.columns, _STEP_NAMES)
    if key is not None:
        return _aggregate(frame, key, where, zero_based=None, is_epoch=False)
    frame = frame.copy()
    frame.insert(0, "epoch", np.arange(1, len(frame) + 1))
    return frame


def _aggregate(
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
    out.insert(0, "epoch", _epoch_numbers(out.index.to_numpy(), zero_based, is_epoch))
    out = out.reset_index(drop=True)
    out.attrs["notes"] = notes
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
    n = _norm(name)
    return n in _VAL_NAMES or n.startswith(("val", "eval", "lr", "learning_rate"))


def _epoch_numbers(keys: np.ndarray, zero_based: bool | None, is_epoch: bool) -> np.ndarray:
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


# ------------------------------------------------------------------------------ TensorBoard
def _tensorboard_frame(root: Path, files: list[Path]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Scalars of every run under ``root``, one row per epoch.

    Keras writes ``train/`` and ``validation/`` runs with the same ``epoch_*`` tags, stepped
    by the 0-based epoch; Lightning writes one run with an ``epoch`` tag next to metrics
    stepped by the global step; plain ``SummaryWriter`` users step by whatever they like.
    """
    runs = _read_scalars(root, files)
    base = root if root.is_dir() else root.parent
    names = {run: (base / run).name for run in runs}  # "train", "validation", "version_0"
    series: dict[str, tuple[str, list[tuple]]] = {}  # column -> (run/tag, events)
    if {"train", "validation"} & set(names.values()):
        if list(names.values()).count("train") > 1:
            raise DataError(
                f"Cannot read {str(root)!r} as a training log: it holds several Keras runs "
                f"({', '.join(sorted(runs))}); point at one of them."
            )
        for run, tags in runs.items():
            prefix = {"train": "", "validation": "val_"}.get(names[run])
            for tag, events in tags.items():
                if prefix is not None and tag.startswith("epoch_"):  # not batch_*, evaluation_*
                    series[prefix + tag.removeprefix("epoch_")] = (f"{run}/{tag}", events)
    else:
        seen: dict[str, str] = {}  # tag -> run
        for run, tags in runs.items():
            for tag, events in tags.items():
                if tag in seen:
                    raise DataError(
                        f"Cannot read {str(root)!r} as a training log: tag {tag!r} is in "
                        f"runs {seen[tag]!r} and {run!r}; point at one run directory."
                    )
                seen[tag] = run
                series[tag] = (tag if run == "." else f"{run}/{tag}", events)
    if not series:
        raise DataError(
            f"Cannot read {str(root)!r} as a training log: its TensorBoard events hold no "
            "scalars; expected per-epoch losses."
        )
    meta = {"tags": {name: tag for name, (tag, _) in series.items()}}
    if "epoch" in series:  # Lightning logs the epoch itself, next to every metric
        records = [
            {"step": step, "_time": time, name: value}
            for name, (_, events) in series.items()
            for step, time, value in events
        ]
        frame = pd.DataFrame.from_records(records).sort_values(["step", "_time"], kind="stable")
        frame = frame.drop(columns="_time")
        return _aggregate(frame, "epoch", str(root), zero_based=True, lightning=True), meta
    columns = {}
    for name, (_, events) in series.items():
        ordered = sorted(events, key=lambda e: e[1])  # a rewritten step keeps its last value
        columns[name] = pd.Series({step: value for step, _, value in ordered}, dtype=float)
    frame = pd.DataFrame(columns).sort_index()
    frame.insert(0, "epoch", _epoch_numbers(frame.index.to_numpy(), None, is_epoch=False))
    return frame.reset_index(drop=True), meta


def _read_scalars(root: Path, files: list[Path]) -> dict[str, dict[str, list[tuple]]]:
    """``{run: {tag: [(step, wall_time, value), ...]}}``; a run is a directory below ``root``."""
    try:
        from tensorboard.backend.event_processing import event_accumulator as ea
        from tensorboard.util import tensor_util
    except ImportError:
        raise DataError(
            f"{str(root)!r} holds TensorBoard event files; reading them needs the tensorboard "
            'package: pip install "lstm-doctor[tensorboard]".'
        ) from None
    guidance = {ea.SCALARS: 0, ea.TENSORS: 0}  # 0 keeps every point (default: a sample)
    runs: dict[str, dict[str, list[tuple]]] = {}
    for source in [root] if root.is_file() else sorted({f.parent for f in files if f.is_file()}):
        accumulator = ea.EventAccumulator(str(source), size_guidance=guidance)
        try:
            accumulator.Reload()
        except Exception as exc:  # the reader raises its own (TensorFlow-stub) error types
            raise DataError(f"Cannot read TensorBoard events in {str(source)!r}: {exc}") from None
        tags: dict[str, list[tuple]] = defaultdict(list)
        available = accumulator.Tags()
        for tag in available[ea.SCALARS]:
            tags[tag] += [(e.step, e.wall_time, e.value) for e in accumulator.Scalars(tag)]
        for tag in available[ea.TENSORS]:  # TF2 (Keras) writes scalars as tensors
            if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
                continue
            for e in accumulator.Tensors(tag):
                value = tensor_util.make_ndarray(e.tensor_proto)
                if value.size == 1 and value.dtype.kind in "biuf":
                    tags[tag].append((e.step, e.wall_time, float(value.reshape(-1)[0])))
        kept = {t: v for t, v in tags.items() if t not in _IGNORED_TAGS and v}
        if kept:
            runs["." if source == root else str(source.relative_to(root))] = kept
    return runs


# ------------------------------------------------------------------------------ to a History
def _finish(
    frame: pd.DataFrame,
    where: str,
    source: str,
    meta: dict[str, Any],
    train_col: str | None,
    val_col: str | None,
) -> LoadedLog:
    """Name the loss columns, check they hold numbers, and build the History rows."""
    notes = list(frame.attrs.get("notes", []))
    frame = frame.apply(pd.to_numeric, errors="coerce")
    columns = [str(c) for c in frame.columns if c != "epoch"]
    if len(frame) == 0:
        raise DataError(f"Cannot read {where!r} as a training log: it holds no epochs.")
    train = _pick(columns, _TRAIN_NAMES, train_col, "train", where)
    val = _pick(columns, _VAL_NAMES, val_col, "val", where)
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
    if len(empty) == len([c for c in (train, val) if c is not None]):
        raise DataError(
            f"Cannot read {where!r} as a training log: column {empty[0]!r} holds no finite "
            "numbers; expected one loss per epoch."
        )
    for column in empty:  # a run that diverged at once, or Keras' NA for a missing val_loss
        notes.append(f"column {column!r} holds no finite value")
    lr = _find(columns, ("lr", "learning_rate")) or next(  # Lightning: lr-Adam, lr-SGD/pg1
        (c for c in columns if c.startswith("lr-") and not c.endswith(_NOT_LR)), None
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
    for names, out in ((_TRAIN_ACC, "train_error"), (_VAL_ACC, "val_error")):
        column = _find(columns, names)
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
    found = [c for c in columns if _norm(c) in names]
    if len(found) > 1:
        raise DataError(
            f"Cannot read {where!r} as a training log: several {role} loss columns "
            f"({', '.join(found)}); pick one with --{role}-col."
        )
    return found[0] if found else None


def _find(columns: Any, names: tuple[str, ...]) -> str | None:
    """The first column whose normalised name is in ``names`` (in the order of ``names``)."""
    by_name = {_norm(str(c)): str(c) for c in columns}
    return next((by_name[n] for n in names if n in by_name), None)


def _norm(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")
