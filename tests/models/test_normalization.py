"""Tests of per-window normalization: exact inverses and hand-computed forecasts."""

from __future__ import annotations

import pytest
import torch

from lstm_doctor.models.normalization import (
    Difference,
    LastValue,
    RevIN,
    Seasonal,
    build_normalization,
)

N_CHANNELS, N_TARGETS = 3, 2


@pytest.fixture
def x() -> torch.Tensor:
    gen = torch.Generator().manual_seed(0)
    scale = torch.tensor([1.0, 100.0, 0.1])
    return torch.randn(4, 8, N_CHANNELS, generator=gen) * scale + torch.tensor([5.0, -300.0, 0.0])


@pytest.mark.parametrize("affine", [False, True])
def test_revin_inverts_exactly(x, affine):
    revin = RevIN(N_CHANNELS, N_CHANNELS, affine=affine)
    if affine:
        with torch.no_grad():
            revin.weight.uniform_(0.5, 2.0)
            revin.bias.uniform_(-1.0, 1.0)

    normalized, context = revin.normalize(x)

    torch.testing.assert_close(revin.denormalize(normalized, context), x)


def test_revin_gives_each_window_and_channel_zero_mean_unit_std(x):
    normalized, (mean, std) = RevIN(N_CHANNELS, N_TARGETS, affine=False).normalize(x)

    assert mean.shape == std.shape == (4, 1, N_CHANNELS)
    torch.testing.assert_close(
        normalized.mean(dim=1), torch.zeros(4, N_CHANNELS), atol=1e-5, rtol=0
    )
    torch.testing.assert_close(
        normalized.std(dim=1, unbiased=False), torch.ones(4, N_CHANNELS), atol=1e-3, rtol=0
    )


def test_revin_denormalizes_targets_with_their_own_statistics(x):
    revin = RevIN(N_CHANNELS, N_TARGETS, affine=True)
    _, context = revin.normalize(x)
    forecast = torch.zeros(4, 5, N_TARGETS)  # the network predicts "the window's mean"

    out = revin.denormalize(forecast, context)

    expected = x[..., :N_TARGETS].mean(dim=1, keepdim=True).expand(4, 5, N_TARGETS)
    torch.testing.assert_close(out, expected)


def test_revin_affine_is_learned_per_channel_and_only_when_asked():
    assert [n for n, _ in RevIN(N_CHANNELS, N_TARGETS, affine=False).named_parameters()] == []
    affine = RevIN(N_CHANNELS, N_TARGETS, affine=True)
    assert {n: tuple(p.shape) for n, p in affine.named_parameters()} == {
        "weight": (N_CHANNELS,),
        "bias": (N_CHANNELS,),
    }


def test_revin_of_a_constant_channel_is_finite():
    x = torch.full((2, 6, 1), 7.0)
    revin = RevIN(1, 1, affine=False)

    normalized, context = revin.normalize(x)

    assert torch.equal(normalized, torch.zeros_like(x))
    torch.testing.assert_close(
        revin.denormalize(torch.zeros(2, 3, 1), context), torch.full((2, 3, 1), 7.0)
    )


def test_last_value_subtracts_and_adds_back_the_last_step(x):
    norm = LastValue(N_TARGETS)

    normalized, context = norm.normalize(x)

    torch.testing.assert_close(normalized, x - x[:, -1:])
    assert torch.equal(normalized[:, -1], torch.zeros(4, N_CHANNELS))
    out = norm.denormalize(torch.zeros(4, 5, N_TARGETS), context)  # zero change: last value
    torch.testing.assert_close(out, x[:, -1:, :N_TARGETS].expand(4, 5, N_TARGETS))


def test_difference_inputs_are_first_differences_starting_at_zero():
    x = torch.tensor([[[1.0], [3.0], [6.0], [5.0]]])

    normalized, _ = Difference(1).normalize(x)

    assert torch.equal(normalized, torch.tensor([[[0.0], [2.0], [3.0], [-1.0]]]))


def test_difference_forecast_is_last_value_plus_summed_steps():
    x = torch.tensor([[[1.0, 10.0], [3.0, 20.0], [6.0, 40.0]]])
    norm = Difference(2)
    _, context = norm.normalize(x)
    steps = torch.tensor([[[1.0, -1.0], [2.0, -2.0], [0.5, 0.0]]])

    out = norm.denormalize(steps, context)

    assert torch.equal(out, torch.tensor([[[7.0, 39.0], [9.0, 37.0], [9.5, 37.0]]]))
    assert torch.equal(norm.denormalize(torch.zeros(1, 3, 2), context), x[:, -1:].expand(1, 3, 2))


def test_build_normalization_names():
    assert build_normalization("none", 3, 2, affine=True) is None
    assert isinstance(build_normalization("revin", 3, 2, affine=False), RevIN)
    assert build_normalization("revin", 3, 2, affine=True).affine
    assert isinstance(build_normalization("last_value", 3, 2, affine=False), LastValue)
    assert isinstance(build_normalization("difference", 3, 2, affine=False), Difference)
    assert build_normalization("seasonal", 3, 2, affine=False, season=4).season == 4
    with pytest.raises(ValueError, match="unknown normalization 'zscore'"):
        build_normalization("zscore", 3, 2, affine=False)
    with pytest.raises(ValueError, match="seasonal normalization needs a season"):
        build_normalization("seasonal", 3, 2, affine=False)


def test_seasonal_forecast_of_zeros_is_seasonal_naive(x):
    norm = Seasonal(N_TARGETS, season=3)
    inputs, context = norm.normalize(x)
    assert torch.equal(inputs, x - x[:, -1:])  # inputs lose their level only
    horizon = 7  # longer than a season: the last season repeats
    out = norm.denormalize(torch.zeros(4, horizon, N_TARGETS), context)
    for h in range(horizon):
        assert torch.equal(out[:, h], x[:, 8 - 3 + h % 3, :N_TARGETS])
    y = torch.randn(4, horizon, N_TARGETS)
    assert torch.allclose(norm.denormalize(y, context) - out, y, atol=1e-3)


def test_seasonal_needs_a_season_of_lookback(x):
    with pytest.raises(ValueError, match="needs lookback >= season 9"):
        Seasonal(N_TARGETS, season=9).normalize(x)
