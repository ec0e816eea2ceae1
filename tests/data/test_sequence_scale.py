from __future__ import annotations

import numpy as np
import torch

from lstm_doctor.data.sequence_scale import apply_sequence_scaler, fit_sequence_scaler
from lstm_doctor.data.sequences import SequenceSet


def _set(values: list[list[float]]) -> SequenceSet:
    lengths = torch.tensor([len(v) for v in values])
    padded = torch.full((len(values), int(lengths.max()), 1), 1e6)  # huge padding
    for i, v in enumerate(values):
        padded[i, : len(v), 0] = torch.tensor(v)
    return SequenceSet(padded, lengths, None, np.arange(len(values)), ("x",))


def test_statistics_come_from_real_steps_only() -> None:
    s = _set([[1.0, 2.0, 3.0, 4.0], [5.0]])
    scaler = fit_sequence_scaler("standard", s)
    real = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert np.allclose(scaler.center, real.mean()) and np.allclose(scaler.scale, real.std())
    scaled = apply_sequence_scaler(scaler, s)
    assert scaled.values[1, 1:].abs().max() == 0  # padding stays exactly 0
    assert np.isclose(float(scaled.values[1, 0, 0]), (5 - real.mean()) / real.std(), atol=1e-6)


def test_more_padding_does_not_change_the_scaler() -> None:
    short = _set([[1.0, 2.0], [3.0, 7.0]])
    padded = _set([[1.0, 2.0], [3.0, 7.0], [0.5] * 1])
    padded = SequenceSet(
        torch.cat([short.values, torch.zeros(2, 30, 1)], 1), short.lengths, None, short.ids, ("x",)
    )
    a, b = fit_sequence_scaler("standard", short), fit_sequence_scaler("standard", padded)
    assert np.allclose(a.center, b.center) and np.allclose(a.scale, b.scale)
