"""Per-feature scaling of padded sequences, fitted on the training sequences' real steps.

Padding is excluded from the statistics: a mean over padded steps would drift towards 0
with the share of padding, which depends on the longest sequence, not on the data.
"""

from __future__ import annotations

import numpy as np
import torch

from lstm_doctor.data.scale import Scaler, fit_scaler
from lstm_doctor.data.sequences import SequenceSet, valid_mask

__all__ = ["apply_sequence_scaler", "fit_sequence_scaler"]

_ALL = ("all",)  # one "series": every sequence shares the statistics


def fit_sequence_scaler(kind: str, train: SequenceSet) -> Scaler:
    """A ``Scaler`` of one series over every real (unpadded) step of ``train``."""
    mask = valid_mask(train.lengths, train.values.shape[1])
    rows = train.values[mask].numpy().astype(np.float64)  # (real steps, features)
    return fit_scaler(kind, rows, np.array([0]), np.array([len(rows)]), train.features, _ALL)


def apply_sequence_scaler(scaler: Scaler, sequences: SequenceSet) -> SequenceSet:
    """Scaled copy of ``sequences``; padded steps stay exactly 0."""
    center = torch.as_tensor(scaler.center[0], dtype=torch.float32)
    scale = torch.as_tensor(scaler.scale[0], dtype=torch.float32)
    mask = valid_mask(sequences.lengths, sequences.values.shape[1]).unsqueeze(-1)
    scaled = torch.where(mask, (sequences.values - center) / scale, 0.0)
    return sequences.with_values(scaled)
