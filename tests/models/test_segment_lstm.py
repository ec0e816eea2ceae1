"""Tests of the segment-recurrent LSTM: shapes, padding and cropping, the channel embedding,
the parallel decoder against a step-by-step reference, persistence and seeds."""

from __future__ import annotations

import math

import pytest
import torch
from safetensors.torch import load_file, save_file

from lstm_doctor.config import ModelConfig
from lstm_doctor.errors import ConfigError
from lstm_doctor.models import build_model
from lstm_doctor.models.segment_lstm import SegmentLSTM, default_segment_length

BATCH, CHANNELS, UNITS = 3, 4, 8


def make_model(lookback: int, horizon: int, **model) -> SegmentLSTM:
    torch.manual_seed(0)
    config = ModelConfig(architecture="segment", units=UNITS, **model)
    return build_model(config, CHANNELS, CHANNELS, horizon, lookback=lookback)


def inputs(lookback: int, batch: int = BATCH) -> torch.Tensor:
    return torch.randn(batch, lookback, CHANNELS, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("decoder", ["parallel", "recurrent"])
@pytest.mark.parametrize(
    ("lookback", "horizon", "segment"),
    [(24, 12, 6), (24, 12, 12), (25, 12, 6), (24, 13, 6), (23, 5, 6), (8, 30, 4), (6, 1, 6)],
)
def test_output_is_batch_horizon_channels_for_any_lengths(lookback, horizon, segment, decoder):
    model = make_model(lookback, horizon, segment_length=segment, decoder=decoder)

    assert model.n_in_segments == math.ceil(lookback / segment)
    assert model.pad == model.n_in_segments * segment - lookback
    assert model.n_out_segments == math.ceil(horizon / segment)
    assert model(inputs(lookback)).shape == (BATCH, horizon, CHANNELS)


def test_lookback_padding_repeats_the_first_value_and_drops_nothing():
    model = make_model(10, 4, segment_length=4, normalization="none").eval()  # pad 2
    x = inputs(10)
    padded = torch.cat([x[:, :1], x[:, :1], x], dim=1)
    unpadded = make_model(12, 4, segment_length=4, normalization="none").eval()
    unpadded.load_state_dict(model.state_dict())

    assert torch.allclose(model(x), unpadded(padded), atol=1e-6)
    changed = x.clone()
    changed[:, 0] += 1.0  # the oldest step still reaches the forecast
    assert not torch.allclose(model(changed), model(x))


def test_horizon_crop_returns_the_first_steps_of_the_decoded_segments():
    long = make_model(12, 8, segment_length=4).eval()
    short = make_model(12, 6, segment_length=4).eval()  # ceil(6/4) = 2 segments, cropped
    short.load_state_dict(long.state_dict())

    x = inputs(12)
    assert torch.equal(short(x), long(x)[:, :6])


@pytest.mark.parametrize("layers", [1, 2])  # 1: the factored step; 2: one nn.LSTM call
def test_parallel_decoder_equals_a_step_by_step_reference(layers):
    model = make_model(20, 14, segment_length=5, layers=layers, dropout=0.3).eval()
    x = inputs(20)
    expected = torch.empty(BATCH, 14, CHANNELS)
    normalized, (last,) = model.normalization.normalize(x)
    for b in range(BATCH):
        for c in range(CHANNELS):
            series = normalized[b, :, c]
            segments = series.view(1, 4, 5)
            _, (h, cell) = model.lstm(model.embed(segments))
            values = []
            for j in range(model.n_out_segments):  # one LSTM step per segment, separately
                query = torch.cat([model.position_embedding[j], model.channel_embedding[c]])
                out, _ = model.lstm(query.view(1, 1, UNITS), (h, cell))
                values.append(model.head(out[0, 0]))
            expected[b, :, c] = torch.cat(values)[:14] + last[b, 0, c]

    torch.testing.assert_close(model(x), expected, atol=1e-6, rtol=0)


def test_recurrent_decoder_feeds_each_segment_back():
    model = make_model(12, 8, segment_length=4, decoder="recurrent", normalization="none")
    model.eval()
    x = inputs(12)
    series = x[0, :, 0].view(1, 3, 4)
    _, (h, cell) = model.lstm(model.embed(series))
    first = model.head(h[-1])
    _, (h, cell) = model.lstm(model.embed(first).unsqueeze(1), (h, cell))
    second = model.head(h[-1])

    torch.testing.assert_close(model(x)[0, :, 0], torch.cat([first, second], 1)[0])
    assert not hasattr(model, "channel_embedding")


def test_channels_share_weights_and_differ_only_by_their_embedding():
    model = make_model(12, 8, segment_length=4).eval()
    same = inputs(12)[..., :1].expand(-1, -1, CHANNELS).contiguous()

    out = model(same)
    assert not torch.allclose(out[..., 0], out[..., 1])  # identity is told apart
    with torch.no_grad():
        model.channel_embedding[1] = model.channel_embedding[0]
    out = model(same)
    torch.testing.assert_close(out[..., 0], out[..., 1], atol=0, rtol=0)


def test_channel_embedding_follows_the_channel_not_its_values():
    model = make_model(12, 8, segment_length=4).eval()
    x = inputs(12)
    swapped = x[..., [1, 0, 2, 3]]
    with torch.no_grad():
        embedding = model.channel_embedding.clone()
        out = model(x)
        model.channel_embedding[[0, 1]] = embedding[[1, 0]]
    # Swapping the channels and their identities swaps the forecasts.
    torch.testing.assert_close(model(swapped)[..., [1, 0, 2, 3]], out, atol=1e-6, rtol=0)


def test_last_value_is_the_default_normalization_and_revin_is_available():
    assert make_model(12, 4).config.normalization == "last_value"
    assert make_model(12, 4).config.layers == 1
    model = make_model(12, 4, normalization="revin", revin_affine=True).eval()
    x = inputs(12)
    shifted = x + 100.0  # RevIN: a level shift of the window shifts the forecast
    torch.testing.assert_close(model(shifted), model(x) + 100.0, atol=1e-3, rtol=0)


@pytest.mark.parametrize("decoder", ["parallel", "recurrent"])
def test_trains_and_round_trips_through_safetensors(tmp_path, decoder):
    model = make_model(24, 10, segment_length=6, decoder=decoder, dropout=0.2).train()
    x = inputs(24)
    model(x).square().mean().backward()
    assert all(p.grad is not None for p in model.kernels())
    assert len(model.kernels()) == 2  # one layer: input and recurrent kernels

    save_file(model.state_dict(), tmp_path / "model.safetensors")
    torch.manual_seed(5)
    loaded = build_model(model.config, CHANNELS, CHANNELS, 10, lookback=24)
    loaded.load_state_dict(load_file(tmp_path / "model.safetensors"), strict=True)
    model.eval(), loaded.eval()
    assert torch.equal(loaded(x), model(x))


def test_the_torch_seed_fixes_the_weights():
    a, b = make_model(24, 10), make_model(24, 10)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q)


def test_covariates_are_refused():
    config = ModelConfig(architecture="segment")
    with pytest.raises(ConfigError, match=r"takes no covariates.*3 inputs for 2 targets"):
        build_model(config, 3, 2, 4, lookback=24)


def test_build_model_needs_the_lookback():
    with pytest.raises(ValueError, match="needs the lookback"):
        build_model(ModelConfig(architecture="segment"), 2, 2, 4)


@pytest.mark.parametrize(
    ("lookback", "season", "expected"),
    [(720, 24, 48), (720, 96, 48), (720, None, 48), (336, None, 48), (512, None, 32),
     (96, 96, 24), (100, 24, 25), (3, None, 1)],
)  # fmt: skip
def test_default_segment_length_is_a_divisor_near_48_steps(lookback, season, expected):
    segment = default_segment_length(lookback, season)

    assert segment == expected
    assert lookback % segment == 0
    assert lookback // segment >= min(4, lookback)
