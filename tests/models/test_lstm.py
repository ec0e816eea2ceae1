"""Tests of the LSTM forecaster: shapes, dropout, heads, kernels, and every ModelConfig option."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from lstm_doctor.config import ModelConfig
from lstm_doctor.errors import ConfigError
from lstm_doctor.models import LSTMForecaster, build_model

BATCH, LOOKBACK, N_INPUTS, N_TARGETS, HORIZON, UNITS = 5, 7, 3, 2, 4, 6


def make_model(n_inputs: int = N_INPUTS, n_targets: int = N_TARGETS, **model) -> LSTMForecaster:
    torch.manual_seed(0)
    config = ModelConfig(**{"units": UNITS, **model})
    return build_model(config, n_inputs, n_targets, HORIZON)


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


# --- The ModelConfig options: weight drop, layer norm, heads, normalization, channels ---

DEFAULT_STATE = {  # ModelConfig() with 3 inputs, 2 targets, horizon 4, before these options
    "lstm.weight_ih_l0": (256, 3),
    "lstm.weight_hh_l0": (256, 64),
    "lstm.bias_ih_l0": (256,),
    "lstm.bias_hh_l0": (256,),
    "lstm.weight_ih_l1": (256, 64),
    "lstm.weight_hh_l1": (256, 64),
    "lstm.bias_ih_l1": (256,),
    "lstm.bias_hh_l1": (256,),
    "head.weight": (8, 64),
    "head.bias": (8,),
}


def test_default_model_has_the_state_dict_older_runs_hold():
    model = build_model(ModelConfig(), 3, 2, 4)

    state = model.state_dict()

    assert list(state) == list(DEFAULT_STATE)
    assert {k: tuple(v.shape) for k, v in state.items()} == DEFAULT_STATE
    assert type(model.lstm) is nn.LSTM


COMBINATIONS = [
    {
        "layers": layers,
        "bidirectional": bidirectional,
        "dropout": 0.2,
        "weight_drop": weight_drop,
        "layer_norm": layer_norm,
        "head": head,
        "normalization": normalization,
        "revin_affine": affine,
        "channel_independent": channel_independent,
    }
    for layers in (1, 2)
    for bidirectional in (False, True)
    for weight_drop in (0.0, 0.3)
    for layer_norm in (False, True)
    for head in ("last", "attention")
    for normalization, affine in (
        ("none", False),
        ("revin", False),
        ("revin", True),
        ("last_value", False),
        ("difference", False),
    )
    for channel_independent in (False, True)
]


@pytest.mark.parametrize(
    "settings", COMBINATIONS, ids=lambda s: "-".join(str(v) for v in s.values())
)
def test_every_combination_trains_and_round_trips_through_safetensors(tmp_path, settings):
    n_inputs = N_TARGETS if settings["channel_independent"] else N_INPUTS
    config = ModelConfig(units=4, **settings)
    torch.manual_seed(0)
    model = build_model(config, n_inputs, N_TARGETS, HORIZON).train()
    x = torch.randn(3, LOOKBACK, n_inputs, generator=torch.Generator().manual_seed(2))

    out = model(x)
    out.square().mean().backward()

    assert out.shape == (3, HORIZON, N_TARGETS)
    assert all(p.grad is not None for p in model.kernels())
    save_file(model.state_dict(), tmp_path / "model.safetensors")
    torch.manual_seed(1)
    loaded = build_model(config, n_inputs, N_TARGETS, HORIZON)
    loaded.load_state_dict(load_file(tmp_path / "model.safetensors"), strict=True)
    model.eval(), loaded.eval()
    assert torch.equal(loaded(x), model(x))


def test_channel_independent_rejects_covariates():
    with pytest.raises(ConfigError, match="channel_independent needs no covariates"):
        build_model(ModelConfig(channel_independent=True), 3, 2, 4)


def test_channel_independent_runs_one_shared_network_of_one_channel(x):
    model = make_model(N_TARGETS, channel_independent=True, normalization="revin").eval()
    x = x[..., :N_TARGETS]

    assert model.lstm.input_size == 1
    assert model.head.out_features == HORIZON
    out = model(x)
    flipped = model(x.flip(-1))  # the same weights read each channel: permuting permutes
    torch.testing.assert_close(flipped, out.flip(-1))
    alone = make_model(1, 1, channel_independent=True, normalization="revin").eval()
    for c in range(N_TARGETS):  # each channel's forecast depends on that channel only
        torch.testing.assert_close(out[..., c : c + 1], alone(x[..., c : c + 1]))


def _zero_network(model: LSTMForecaster, bias: float = 0.0) -> LSTMForecaster:
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.fill_(bias)
    return model.eval()


@pytest.mark.parametrize("channel_independent", [False, True])
@pytest.mark.parametrize("normalization", ["last_value", "difference"])
def test_a_network_that_outputs_zeros_predicts_the_last_value(
    x, normalization, channel_independent
):
    n_inputs = N_TARGETS if channel_independent else N_INPUTS
    model = _zero_network(
        make_model(n_inputs, normalization=normalization, channel_independent=channel_independent)
    )
    x = x[..., :n_inputs]

    expected = x[:, -1:, :N_TARGETS].expand(BATCH, HORIZON, N_TARGETS)
    torch.testing.assert_close(model(x), expected)


def test_difference_forecast_adds_up_the_predicted_steps(x):
    model = _zero_network(make_model(normalization="difference"), bias=0.5)

    steps = 0.5 * torch.arange(1, HORIZON + 1, dtype=torch.float32).view(1, HORIZON, 1)
    torch.testing.assert_close(model(x), x[:, -1:, :N_TARGETS] + steps)


def test_revin_network_that_outputs_zeros_predicts_the_window_mean(x):
    model = _zero_network(make_model(normalization="revin", revin_affine=True))

    expected = x[..., :N_TARGETS].mean(dim=1, keepdim=True).expand(BATCH, HORIZON, N_TARGETS)
    torch.testing.assert_close(model(x), expected)


def test_normalization_makes_the_forecast_follow_the_level(x):
    model = make_model(normalization="revin").eval()

    torch.testing.assert_close(model(x + 100.0), model(x) + 100.0)
    assert [n for n, _ in model.named_parameters() if n.startswith("normalization")] == []
    affine = make_model(normalization="revin", revin_affine=True)
    assert {n for n, _ in affine.named_parameters() if n.startswith("normalization")} == {
        "normalization.weight",
        "normalization.bias",
    }


@pytest.mark.parametrize("bidirectional", [False, True])
def test_attention_head_reads_the_pooled_outputs_of_every_step(x, bidirectional):
    model = make_model(head="attention", bidirectional=bidirectional).eval()
    width = UNITS * (2 if bidirectional else 1)
    assert model.head.in_features == width

    with torch.no_grad():
        outputs, _ = model.lstm(x)
        pooled, weights = model.attention(outputs)
        expected = model.head(pooled).view(BATCH, HORIZON, N_TARGETS)
        torch.testing.assert_close(model(x), expected)
    assert weights.shape == (BATCH, LOOKBACK)
    torch.testing.assert_close(weights.sum(dim=1), torch.ones(BATCH))


def test_layer_norm_model_stacks_normalized_layers_with_dropout_between(x):
    model = make_model(layers=3, dropout=0.5, layer_norm=True)

    assert len(model.lstm.layers) == 3
    assert len(model.lstm.norms) == 2
    model.train()
    assert not torch.equal(model(x), model(x))
    model.eval()
    assert torch.equal(model(x), model(x))


def test_weight_drop_changes_training_outputs_only(x):
    model = make_model(weight_drop=0.5)

    model.train()
    assert not torch.equal(model(x), model(x))
    model.eval()
    assert torch.equal(model(x), model(x))


@pytest.mark.parametrize("layer_norm", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_kernels_with_weight_drop_are_the_raw_weights_and_no_norm_gains(layer_norm, bidirectional):
    model = make_model(
        layers=2, weight_drop=0.3, layer_norm=layer_norm, bidirectional=bidirectional
    )
    names = {id(p): n for n, p in model.named_parameters()}

    kernels = [names[id(p)] for p in model.kernels()]

    assert len(kernels) == 2 * 2 * (2 if bidirectional else 1)
    assert sum(n.endswith("_raw") for n in kernels) == len(kernels) // 2
    assert all(".weight_ih_l" in n or ".weight_hh_l" in n for n in kernels)


def test_seasonal_normalization_needs_a_season() -> None:
    config = ModelConfig(layers=1, units=4, normalization="seasonal")
    with pytest.raises(ConfigError, match="'seasonal' needs the step architecture and a season"):
        build_model(config, 1, 1, 3)
    model = build_model(config, 1, 1, 3, season=2)
    assert model(torch.zeros(2, 4, 1)).shape == (2, 3, 1)
