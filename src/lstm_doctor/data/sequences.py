"""Separate sequences of different lengths, one label each: a padded tensor plus lengths.

A long table (one row per sequence and step) becomes a ``SequenceSet``: values
(n_sequences, max_len, features) float32, zero after each sequence's end, its ``lengths``,
one label per sequence, the sequence ids and (optionally) a group per sequence. Padding is
only storage: the model packs the sequences, so padded steps never reach the recurrence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from lstm_doctor.config.sequence import SequenceConfig
from lstm_doctor.data.magnitude import check_magnitude
from lstm_doctor.errors import DataError

__all__ = ["SequenceSet", "build_sequences", "feature_columns", "valid_mask"]


@dataclass(frozen=True)
class SequenceSet:
    """Padded sequences: ``values`` (n, max_len, features), ``lengths`` (n,) int64.

    ``labels`` is (n,) int64 class indices into ``classes`` (classification) or float64
    numbers (regression, ``classes`` empty); None when the data has no label (predict).
    ``groups`` (n,) holds each sequence's group, or is None.
    """

    values: torch.Tensor
    lengths: torch.Tensor
    labels: np.ndarray | None
    ids: np.ndarray
    features: tuple[str, ...]
    classes: tuple = ()
    groups: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.lengths.numel() and int(self.lengths.min()) < 1:
            first = int(torch.argmin(self.lengths))
            raise DataError(
                f"Sequence {self.ids[first]!r} has {int(self.lengths[first])} steps; every "
                "sequence needs at least 1 step. Drop it or fix its rows."
            )

    def __len__(self) -> int:
        return len(self.lengths)

    def subset(self, index: np.ndarray) -> SequenceSet:
        """The sequences at ``index``, padded to their own longest length."""
        index = np.asarray(index, dtype=np.int64)
        lengths = self.lengths[torch.from_numpy(index)]
        width = int(lengths.max()) if len(index) else 0
        return SequenceSet(
            values=self.values[torch.from_numpy(index), :width].contiguous(),
            lengths=lengths,
            labels=None if self.labels is None else self.labels[index],
            ids=self.ids[index],
            features=self.features,
            classes=self.classes,
            groups=None if self.groups is None else self.groups[index],
        )

    def with_values(self, values: torch.Tensor) -> SequenceSet:
        """The same sequences with new values (a scaled copy)."""
        return SequenceSet(
            values, self.lengths, self.labels, self.ids, self.features, self.classes, self.groups
        )


def valid_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    """(n, max_len) bool: True on each sequence's real steps, False on its padding."""
    return torch.arange(max_len, device=lengths.device)[None, :] < lengths[:, None]


def feature_columns(frame: pd.DataFrame, config: SequenceConfig) -> tuple[str, ...]:
    """The feature columns: ``config.features``, or every numeric column without a role."""
    if config.features:
        return config.features
    roles = {config.label, config.sequence_id, config.time, config.group}
    chosen = tuple(
        c
        for c in frame.columns
        if c not in roles
        and pd.api.types.is_numeric_dtype(frame[c])
        and not pd.api.types.is_bool_dtype(frame[c])
    )
    if not chosen:
        raise DataError(
            "The data has no numeric feature column besides the label, sequence id, time and "
            f"group columns (columns: {', '.join(map(str, frame.columns))})."
        )
    return chosen


def _check_columns(frame: pd.DataFrame, needed: list[str], source: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataError(
            f"Column(s) {', '.join(map(repr, missing))} are not in the {source}; available: "
            f"{', '.join(map(str, frame.columns))}."
        )


def _first_nan(frame: pd.DataFrame, columns: list[str], source: str, what: str) -> None:
    for col in columns:
        bad = np.flatnonzero(frame[col].isna().to_numpy())
        if bad.size:
            raise DataError(
                f"{what} column {col!r} of the {source} has a missing value at row "
                f"{int(bad[0])} ({bad.size} in all); fill or drop those rows."
            )


def _per_sequence_value(
    frame: pd.DataFrame, codes: np.ndarray, ids: np.ndarray, column: str, what: str
) -> np.ndarray:
    """The one value of ``column`` in each sequence; an error names a sequence with two."""
    values = frame[column].to_numpy()
    order = np.argsort(codes, kind="stable")
    first = np.searchsorted(codes[order], np.arange(len(ids)))
    one = values[order][first]
    differs = values != one[codes]
    if differs.any():
        row = int(np.flatnonzero(differs)[0])
        raise DataError(
            f"Sequence {ids[codes[row]]!r} has two {what}s in column {column!r}: "
            f"{one[codes[row]]!r} and {values[row]!r} (row {row}); every row of a sequence "
            f"must carry the same {what}."
        )
    return one


def build_sequences(
    frame: pd.DataFrame,
    config: SequenceConfig,
    *,
    features: tuple[str, ...] | None = None,
    classes: tuple | None = None,
    require_label: bool = True,
    source: str = "data",
) -> SequenceSet:
    """Group a long table into padded sequences (ordered by ``time`` when given).

    Args:
        features: the training features; another file must have exactly these columns.
        classes: the training classes; a label outside them is an error (test files).
        require_label: False for prediction, where the label column may be absent.

    Raises:
        DataError: a missing column, a missing value in an id, time, feature or label, a
            sequence whose rows disagree on the label or group, a label with one class
            (training) or a class unseen in training, features that differ from training.
    """
    roles = [config.sequence_id] + [c for c in (config.time, config.group) if c is not None]
    _check_columns(frame, roles, source)
    own = feature_columns(frame, config)
    if features is not None and set(own) != set(features):
        extra = sorted(set(own) - set(features))
        missing = sorted(set(features) - set(own))
        raise DataError(
            f"The features of the {source} differ from those the model was trained on "
            f"(missing: {', '.join(missing) or 'none'}; extra: {', '.join(extra) or 'none'}); "
            "use files with the same columns."
        )
    own = features if features is not None else own
    _check_columns(frame, list(own), source)
    has_label = config.label in frame.columns
    if require_label:
        _check_columns(frame, [config.label], source)
    _first_nan(frame, roles, source, "The")
    _first_nan(frame, list(own), source, "Feature")
    if has_label:
        _first_nan(frame, [config.label], source, "Label")
    non_numeric = [c for c in own if not pd.api.types.is_numeric_dtype(frame[c])]
    if non_numeric:
        raise DataError(
            f"Feature column {non_numeric[0]!r} of the {source} is not numeric; encode it as "
            "numbers or leave it out of --features."
        )

    codes, ids = pd.factorize(frame[config.sequence_id], sort=False)
    ids = np.asarray(ids)
    if config.time is not None:  # by sequence, then by time within it
        order = np.lexsort((frame[config.time].to_numpy(), codes))
    else:  # by sequence, rows in file order
        order = np.argsort(codes, kind="stable")
    lengths = np.bincount(codes, minlength=len(ids))
    sorted_codes = codes[order]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    position = np.arange(len(order)) - starts[sorted_codes]
    raw = frame[list(own)].to_numpy(dtype=np.float64)
    check_magnitude(raw, own, source)
    values = np.zeros((len(ids), int(lengths.max()), len(own)), dtype=np.float32)
    values[sorted_codes, position] = raw[order]
    if not np.isfinite(values).all():
        col = int(np.argwhere(~np.isfinite(values))[0, 2])
        raise DataError(
            f"Feature column {own[col]!r} of the {source} has an infinite value; fix or drop it."
        )

    labels, found_classes = None, tuple(classes or ())
    if has_label:
        raw = _per_sequence_value(frame, codes, ids, config.label, "label")
        labels, found_classes = _encode_labels(raw, config, classes, source)
    groups = None
    if config.group is not None:
        groups = _per_sequence_value(frame, codes, ids, config.group, "group")
    return SequenceSet(
        values=torch.from_numpy(values),
        lengths=torch.from_numpy(lengths.astype(np.int64)),
        labels=labels,
        ids=ids,
        features=tuple(own),
        classes=found_classes,
        groups=groups,
    )


def _encode_labels(
    raw: np.ndarray, config: SequenceConfig, classes: tuple | None, source: str
) -> tuple[np.ndarray, tuple]:
    """Class indices and the classes (sorted, from training), or numbers for regression."""
    if config.task == "regress":
        try:
            return raw.astype(np.float64), ()
        except (TypeError, ValueError):
            raise DataError(
                f"Label column {config.label!r} of the {source} is not numeric; --task regress "
                "needs numbers (use --task classify for classes)."
            ) from None
    if raw.dtype == object:  # strings (or mixed): compare as text, sort as text
        raw = raw.astype(str)
    if classes is None:
        found = np.unique(raw)
        if len(found) < 2:
            raise DataError(
                f"Label column {config.label!r} has a single class ({found[0]!r}) in the "
                f"{source}; classification needs at least two."
            )
        classes = tuple(found.tolist())
    lookup = {c: i for i, c in enumerate(classes)}
    unseen = sorted({str(v) for v in raw.tolist() if v not in lookup})
    if unseen:
        raise DataError(
            f"Label column {config.label!r} of the {source} has class(es) never seen in "
            f"training: {', '.join(unseen)} (training classes: "
            f"{', '.join(map(str, classes))})."
        )
    return np.array([lookup[v] for v in raw.tolist()], dtype=np.int64), tuple(classes)
