"""Tests of the LSTM forecaster: shapes, dropout placement, the head's input, the kernels."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.models import LSTMForecaster, build_model

BATCH, LOOKBACK, N_INPUTS, N_TARGETS, HORIZON, UNITS = 5, 7, 3, 2, 4, 6


def make_model(**model) -> LSTMForecaster:
    torch.manual_seed(0)
    config = ModelConfig(**{"units": UNITS, **model})
    return build_model(config, N_INPUTS, N_TARGETS, HORIZON)


@pytest.fixture
def x() -> torch.Tensor:
    return torch.randn(BATCH, LOOKBACK, N_INPUTS, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("layers", [1, 3])
def test_output_is_batch_horizon_targets(x, layers, bidirectional):
    model = make_model(layers=layers, bidirectional=bidirectional)

    out = model(x)

    assert out.shape == (BATCH, HORIZON, N_TARGETS)
    assert out.dtype == torch.float32
    assert model(x[:1]).shape == (1, HORIZON, N_TARGETS)


def test_build_model_keeps_its_settings_and_follows_the_torch_seed():
    model = make_model(layers=2, dropout=0.1)
    assert isinstance(model, LSTMForecaster)
    assert model.config == ModelConfig(layers=2, units=UNITS, dropout=0.1)
    assert (model.n_inputs, model.n_targets, model.horizon) == (N_INPUTS, N_TARGETS, HORIZON)
    again = make_model(layers=2, dropout=0.1)
    for a, b in zip(model.parameters(), again.parameters(), strict=True):
        assert torch.equal(a, b)


@pytest.mark.parametrize("bidirectional", [False, True])
def test_one_layer_has_no_dropout_at_all(x, bidirectional):
    model = make_model(layers=1, dropout=0.5, bidirectional=bidirectional).train()

    assert model.lstm.dropout == 0.0
    assert torch.equal(model(x), model(x))


def test_dropout_acts_between_stacked_layers_only(x):
    model = make_model(layers=3, dropout=0.5).train()

    assert model.lstm.dropout == 0.5
    assert not any(isinstance(m, nn.Dropout) for m in model.modules())  # none on the output
    assert not torch.equal(model(x), model(x))
    model.eval()
    assert torch.equal(model(x), model(x))


@pytest.mark.parametrize("layers", [1, 3])
def test_unidirectional_head_reads_the_last_layers_final_state(x, layers):
    model = make_model(layers=layers).eval()
    with torch.no_grad():
        outputs, _ = model.lstm(x)
        expected = model.head(outputs[:, -1]).view(BATCH, HORIZON, N_TARGETS)
        torch.testing.assert_close(model(x), expected)


@pytest.mark.parametrize("layers", [1, 3])
def test_bidirectional_head_reads_both_directions_final_states(x, layers):
    model = make_model(layers=layers, bidirectional=True).eval()
    assert model.head.in_features == 2 * UNITS

    with torch.no_grad():
        outputs, _ = model.lstm(x)  # (batch, time, 2 * units): forward, then backward
        forward_final = outputs[:, -1, :UNITS]
        backward_final = outputs[:, 0, UNITS:]  # after reading the whole window from its end
        expected = model.head(torch.cat([forward_final, backward_final], dim=-1))
        torch.testing.assert_close(model(x), expected.view(BATCH, HORIZON, N_TARGETS))

        # The backward state at the last step has seen one step only: not what the head reads.
        one_step = model.head(torch.cat([forward_final, outputs[:, -1, UNITS:]], dim=-1))
        assert not torch.allclose(model(x), one_step.view(BATCH, HORIZON, N_TARGETS))


def test_the_backward_direction_reads_the_whole_window(x):
    model = make_model(layers=1, bidirectional=True).eval()
    changed = x.clone()
    changed[:, 0] += 1.0  # only the first step: the forward state also sees it, via the chain

    with torch.no_grad():
        _, (h_n, _) = model.lstm(changed)
        _, (h_ref, _) = model.lstm(x)
    assert not torch.allclose(h_n[-1], h_ref[-1])  # backward final state saw step 0


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("layers", [1, 3])
def test_kernels_are_exactly_the_lstm_weight_matrices(layers, bidirectional):
    model = make_model(layers=layers, bidirectional=bidirectional)
    suffixes = ["", "_reverse"] if bidirectional else [""]
    expected = {
        f"weight_{kind}_l{layer}{suffix}"
        for layer in range(layers)
        for kind in ("ih", "hh")
        for suffix in suffixes
    }

    kernels = model.kernels()

    lstm_params = dict(model.lstm.named_parameters())
    assert len(kernels) == len(expected) == 2 * layers * len(suffixes)
    assert {id(p) for p in kernels} == {id(lstm_params[name]) for name in expected}
    assert all(isinstance(p, nn.Parameter) and p.dim() == 2 for p in kernels)
    assert all(p is not model.head.weight for p in kernels)
