from __future__ import annotations

import pytest
import torch

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.sequence_augment import make_sequence_augmenter

LENGTHS = torch.tensor([12, 5, 1])


def _batch() -> torch.Tensor:
    x = torch.arange(12.0).view(1, 12, 1).repeat(3, 1, 2)
    for i, n in enumerate(LENGTHS):
        x[i, n:] = 0.0
    return x


def test_nothing_to_do_is_none() -> None:
    assert make_sequence_augmenter(TrainConfig(), torch.Generator()) is None


@pytest.mark.parametrize(
    "settings",
    [{"jitter": 0.5}, {"scaling": 0.3}, {"time_warp": 0.5}, {"window_slice": 0.4},
     {"jitter": 0.1, "scaling": 0.1, "time_warp": 0.3, "window_slice": 0.3}],
)  # fmt: skip
def test_padding_stays_zero_and_real_steps_change(settings) -> None:
    augment = make_sequence_augmenter(TrainConfig(**settings), torch.Generator().manual_seed(0))
    x = _batch()
    y = augment(x, LENGTHS)
    for i, n in enumerate(LENGTHS):
        assert (y[i, n:] == 0).all()
    assert not torch.equal(y[0], x[0]) and torch.equal(x, _batch())  # input untouched


def test_warps_and_slices_stay_inside_each_sequence() -> None:
    config = TrainConfig(time_warp=0.5, window_slice=0.4)
    y = make_sequence_augmenter(config, torch.Generator().manual_seed(3))(_batch(), LENGTHS)
    for i, n in enumerate(LENGTHS):
        real = y[i, :n, 0]
        assert real.min() >= 0 and real.max() <= n - 1  # values read from its own steps
        assert (real[1:] >= real[:-1] - 1e-5).all()  # still in time order
