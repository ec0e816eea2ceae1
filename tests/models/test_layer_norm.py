"""Tests of the layer-normalized LSTM stack: nn.LSTM's interface, norms and dropout placement."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from lstm_doctor.models.layer_norm import LayerNormLSTM
from lstm_doctor.models.weight_drop import LSTMStack, WeightDropLSTM

UNITS = 5


def make_stack(layers: int = 3, **kwargs) -> LayerNormLSTM:
    torch.manual_seed(0)
    return LayerNormLSTM(3, LSTMStack(UNITS, layers, **kwargs))


@pytest.fixture
def x() -> torch.Tensor:
    return torch.randn(4, 6, 3, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("layers", [1, 3])
def test_returns_what_a_batch_first_nn_lstm_returns(x, layers, bidirectional):
    stack = make_stack(layers, bidirectional=bidirectional)
    plain = nn.LSTM(3, UNITS, layers, bidirectional=bidirectional, batch_first=True)
    directions = 2 if bidirectional else 1

    outputs, (h_n, c_n) = stack(x)
    ref_outputs, (ref_h, ref_c) = plain(x)

    assert outputs.shape == ref_outputs.shape == (4, 6, directions * UNITS)
    assert h_n.shape == ref_h.shape == c_n.shape == ref_c.shape
    torch.testing.assert_close(h_n[-directions], outputs[:, -1, :UNITS])  # last layer, forward
    if bidirectional:
        torch.testing.assert_close(h_n[-1], outputs[:, 0, UNITS:])  # last layer, backward


@pytest.mark.parametrize("layers", [1, 2, 4])
def test_one_layer_norm_between_each_pair_of_layers(layers):
    stack = make_stack(layers, bidirectional=True)

    assert len(stack.layers) == layers
    assert all(type(layer) is nn.LSTM and layer.num_layers == 1 for layer in stack.layers)
    assert len(stack.norms) == layers - 1
    assert all(norm.normalized_shape == (2 * UNITS,) for norm in stack.norms)
    assert stack.layers[1 % layers].input_size == (3 if layers == 1 else 2 * UNITS)


def test_forward_is_lstm_then_norm_then_next_lstm(x):
    stack = make_stack(2).eval()
    first, second = stack.layers
    with torch.no_grad():
        stack.norms[0].weight.uniform_(0.5, 2.0)
        stack.norms[0].bias.uniform_(-1.0, 1.0)

    outputs, _ = stack(x)

    hidden, _ = first(x)
    expected, _ = second(F.layer_norm(hidden, (UNITS,), stack.norms[0].weight, stack.norms[0].bias))
    torch.testing.assert_close(outputs, expected)


def test_dropout_acts_between_layers_in_training_only(x):
    stack = make_stack(2, dropout=0.5)

    stack.train()
    assert not torch.equal(stack(x)[0], stack(x)[0])
    stack.eval()
    assert torch.equal(stack(x)[0], stack(x)[0])
    single = make_stack(1, dropout=0.5).train()
    assert torch.equal(single(x)[0], single(x)[0])  # one layer: nothing in between


def test_each_layer_gets_weight_drop(x):
    stack = make_stack(2, weight_drop=0.3)

    assert all(isinstance(layer, WeightDropLSTM) for layer in stack.layers)
    assert {"layers.0.weight_hh_l0_raw", "layers.1.weight_hh_l0_raw"} <= set(stack.state_dict())
