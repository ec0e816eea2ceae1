"""Padding invariance: a sequence gives the same output and loss alone, in a batch with
other lengths, and with extra padding (of any value: NaN and huge numbers included)."""

from __future__ import annotations

import pytest
import torch

from lstm_doctor.config import ModelConfig
from lstm_doctor.models.sequence_lstm import build_sequence_model
from lstm_doctor.training.sequence_trainer import SequenceLoss

LENGTHS = torch.tensor([9, 2, 6, 1, 4])
CASES = [
    (pooling, bidirectional, layers)
    for pooling in ("last", "mean", "attention")
    for bidirectional in (False, True)
    for layers in (1, 2)
]


def _batch(fill: float) -> torch.Tensor:
    x = torch.randn(len(LENGTHS), int(LENGTHS.max()), 3, generator=torch.Generator().manual_seed(1))
    for i, n in enumerate(LENGTHS):
        x[i, n:] = fill
    return x


@pytest.mark.parametrize(("pooling", "bidirectional", "layers"), CASES)
def test_padding_invariance_of_outputs_and_loss(pooling, bidirectional, layers) -> None:
    torch.manual_seed(0)
    config = ModelConfig(layers=layers, units=8, bidirectional=bidirectional, dropout=0.3)
    model = build_sequence_model(config, 3, 4, pooling).eval()
    targets = torch.tensor([0, 3, 1, 2, 1])
    loss = SequenceLoss("classify", label_smoothing=0.1)
    x = _batch(0.0)
    mixed = model(x, LENGTHS)
    alone = torch.cat([model(x[i : i + 1, :n], LENGTHS[i : i + 1]) for i, n in enumerate(LENGTHS)])
    extra = model(torch.cat([x, torch.zeros(len(LENGTHS), 7, 3)], dim=1), LENGTHS)
    torch.testing.assert_close(mixed, alone, atol=1e-6, rtol=0)
    torch.testing.assert_close(mixed, extra, atol=1e-6, rtol=0)
    torch.testing.assert_close(loss(mixed, targets), loss(alone, targets), atol=1e-6, rtol=0)
    torch.testing.assert_close(loss(mixed, targets), loss(extra, targets), atol=1e-6, rtol=0)


@pytest.mark.parametrize("pooling", ["last", "mean", "attention"])
@pytest.mark.parametrize("fill", [float("nan"), 1e30, -1e6])
def test_the_recurrence_never_sees_padding(pooling, fill) -> None:
    torch.manual_seed(0)
    model = build_sequence_model(ModelConfig(layers=2, units=8, bidirectional=True), 3, 2, pooling)
    model.eval()
    clean = model(_batch(0.0), LENGTHS)
    dirty = model(_batch(fill), LENGTHS)
    assert torch.isfinite(dirty).all()
    torch.testing.assert_close(clean, dirty, atol=0, rtol=0)


def test_gradients_do_not_reach_padding() -> None:
    torch.manual_seed(0)
    model = build_sequence_model(ModelConfig(layers=1, units=4), 3, 2, "attention")
    x = _batch(0.0).requires_grad_(True)
    model(x, LENGTHS).sum().backward()
    for i, n in enumerate(LENGTHS):
        assert (x.grad[i, n:] == 0).all()


def test_weight_drop_model_runs_packed() -> None:
    model = build_sequence_model(ModelConfig(layers=1, units=4, weight_drop=0.3), 3, 1, "last")
    assert model(_batch(0.0), LENGTHS).shape == (5, 1)
    assert len(model.kernels()) == 2
