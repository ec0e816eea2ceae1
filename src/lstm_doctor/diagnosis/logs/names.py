"""The names a training log gives its columns: loss, accuracy, epoch and step columns of
Keras, Lightning, TensorBoard and hand-written loggers, matched case- and dash-insensitively."""

from __future__ import annotations

from typing import Any

import pandas as pd


def loss_names(*splits: str) -> frozenset[str]:
    """Loss names as people write them (``train`` -> train_loss, train/loss, loss/train,
    train_nll, train_loss_epoch, train_epoch_loss).

    Names are compared after ``normalized_name``: lower case, with "-" and " " read as "_".
    """
    forms = ("{s}_loss", "{s}/loss", "loss/{s}", "{s}_nll", "nll/{s}", "{s}/nll")
    forms += ("{s}_loss_epoch", "{s}_epoch_loss", "epoch_{s}_loss", "{s}/epoch_loss")
    return frozenset(f.format(s=s) for s in splits for f in forms)


TRAIN_NAMES = loss_names("train", "training", "trn", "tr") | {
    "loss",
    "nll",
    "epoch_loss",
    "loss_epoch",
}
VAL_NAMES = loss_names("val", "valid", "validation", "eval", "dev")
# A log with no loss column: accuracy (higher is better) is read as the error 1 - accuracy.
TRAIN_ACC = ("train_acc", "train_accuracy", "training_accuracy", "accuracy", "acc")
VAL_ACC = ("val_acc", "val_accuracy", "valid_acc", "validation_accuracy", "eval_accuracy")
EPOCH_NAMES = ("epoch", "epochs")
STEP_NAMES = ("iteration", "iter", "step", "steps")
IGNORED_TAGS = frozenset({"hp_metric"})  # Lightning's placeholder for hyperparameters
NOT_LR = ("-momentum", "-weight_decay")  # what Lightning's LearningRateMonitor adds


def find_column(columns: Any, names: tuple[str, ...]) -> str | None:
    """The first column whose normalised name is in ``names`` (in the order of ``names``)."""
    by_name = {normalized_name(str(c)): str(c) for c in columns}
    return next((by_name[n] for n in names if n in by_name), None)


def normalized_name(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


_NOT_A_NUMBER = frozenset({"", "nan", "-nan", "na", "n/a", "null", "none"})


def text_cells(column: pd.Series) -> pd.Series:
    """True where a cell holds words, not a number (NaN, inf and blanks are numbers here)."""
    numbers = pd.to_numeric(column, errors="coerce")
    spelled = column.astype(str).str.strip().str.lower()
    return column.notna() & numbers.isna() & ~spelled.isin(_NOT_A_NUMBER)
