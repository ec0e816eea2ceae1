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
from pathlib import Path

from lstm_doctor.diagnosis.logs.loaded import LoadedLog, to_loaded_log
from lstm_doctor.diagnosis.logs.tables import csv_frame, json_frame
from lstm_doctor.diagnosis.logs.tensorboard import tensorboard_frame
from lstm_doctor.errors import ArtifactError, DataError
from lstm_doctor.history import History

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
            frame, meta = tensorboard_frame(path, event_files)
            return to_loaded_log(frame, where, "tensorboard", meta, train_col, val_col)
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
        frame, meta = tensorboard_frame(path, [path])
        return to_loaded_log(frame, where, "tensorboard", meta, train_col, val_col)
    if head.lstrip()[:1] in (b"{", b"["):
        frame, source = json_frame(path)
    else:
        frame, source = csv_frame(path)
    return to_loaded_log(frame, where, source, {}, train_col, val_col)


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
