"""Tests for lstm_doctor.data.augment: each augmentation on its own, their order, determinism."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_doctor.config import TrainConfig
from lstm_doctor.data.augment import Augmenter, make_augmenter

BATCH, LOOKBACK, N_FEATURES, HORIZON, N_TARGETS = 64, 24, 3, 5, 2
ALL = {"window_slice": 0.3, "time_warp": 0.3, "scaling": 0.2, "jitter": 0.1}


def augmenter(seed: int = 0, **strengths: Any) -> Augmenter:
    augment = make_augmenter(TrainConfig(**strengths), torch.Generator().manual_seed(seed))
    assert augment is not None
    return augment


def batch(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Random inputs (batch, lookback, features) and targets (batch, horizon, targets)."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(BATCH, LOOKBACK + HORIZON, N_FEATURES, generator=generator).cumsum(1)
    return x[:, :LOOKBACK].clone(), x[:, LOOKBACK:, :N_TARGETS].clone()


def ramps(lookback: int = LOOKBACK, n: int = BATCH) -> tuple[torch.Tensor, torch.Tensor]:
    """Every input channel is the step index 0..lookback-1; targets go on from there."""
    x = torch.arange(lookback, dtype=torch.float32).view(1, lookback, 1)
    y = torch.arange(lookback, lookback + HORIZON, dtype=torch.float32).view(1, HORIZON, 1)
    return x.expand(n, -1, N_FEATURES).clone(), y.expand(n, -1, N_TARGETS).clone()


# ---------------------------------------------------------------------------- all of them
def test_no_strength_gives_no_augmenter():
    assert make_augmenter(TrainConfig(), torch.Generator()) is None


@pytest.mark.parametrize(
    "strengths", [{"window_slice": 0.3}, {"time_warp": 0.3}, {"scaling": 0.2}, {"jitter": 0.1}, ALL]
)
def test_shapes_dtypes_and_inputs_are_kept(strengths):
    x, y = batch()
    x0, y0 = x.clone(), y.clone()

    xa, ya = augmenter(**strengths)(x, y)

    assert (xa.shape, ya.shape) == (x.shape, y.shape)
    assert (xa.dtype, ya.dtype) == (torch.float32, torch.float32)
    assert not torch.equal(xa, x)
    assert torch.isfinite(xa).all() and torch.isfinite(ya).all()
    assert torch.equal(x, x0) and torch.equal(y, y0)  # arguments untouched


@pytest.mark.parametrize("strengths", [{"window_slice": 0.3}, {"time_warp": 0.3}, ALL])
def test_same_seed_same_batches_other_seed_other_batches(strengths):
    x, y = batch()
    first, again = augmenter(seed=5, **strengths), augmenter(seed=5, **strengths)
    for _ in range(3):  # the generator advances the same way batch after batch
        a, b = first(x, y), again(x, y)
        assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])
    other = augmenter(seed=6, **strengths)(x, y)
    assert not torch.equal(other[0], augmenter(seed=5, **strengths)(x, y)[0])
    assert not torch.equal(a[0], augmenter(seed=5, **strengths)(x, y)[0])  # it did advance


def test_only_the_given_generator_is_used():
    x, y = batch()
    global_state = torch.get_rng_state()
    generator = torch.Generator().manual_seed(0)
    before = generator.get_state()

    make_augmenter(TrainConfig(**ALL), generator)(x, y)  # type: ignore[misc]

    assert torch.equal(torch.get_rng_state(), global_state)
    assert not torch.equal(generator.get_state(), before)


def test_slicing_and_warping_keep_the_last_input_so_scaling_is_the_only_change_at_the_seam():
    # The last input step is the one just before the first target: slicing and warping keep
    # it in place, and scaling multiplies it and the targets by the same factor.
    x, y = batch()
    xa, ya = augmenter(window_slice=0.5, time_warp=0.5, scaling=0.3)(x, y)
    factor = ya / y
    torch.testing.assert_close(factor, factor[:, :1, :1].expand_as(factor))
    torch.testing.assert_close(xa[:, -1], x[:, -1] * factor[:, :1, 0])


def test_lookback_of_one_step_is_left_to_scaling_and_jitter():
    x, y = torch.ones(4, 1, 2), torch.ones(4, 2, 1)
    xa, ya = augmenter(window_slice=0.5, time_warp=0.5)(x, y)
    assert torch.equal(xa, x) and torch.equal(ya, y)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_on_cuda_the_same_seed_gives_the_same_batches_as_on_cpu():
    x, y = batch()
    cpu = augmenter(seed=3, **ALL)(x, y)
    cuda = augmenter(seed=3, **ALL)(x.cuda(), y.cuda())
    assert cuda[0].device.type == "cuda"
    torch.testing.assert_close(cuda[0].cpu(), cpu[0])
    torch.testing.assert_close(cuda[1].cpu(), cpu[1])


# ---------------------------------------------------------------------------- jitter
def test_jitter_adds_gaussian_noise_of_that_std_to_inputs_only():
    x, y = batch()
    xa, ya = augmenter(jitter=0.5)(x, y)
    noise = xa - x
    assert torch.equal(ya, y)
    assert float(noise.std()) == pytest.approx(0.5, rel=0.05)
    assert abs(float(noise.mean())) < 0.02


# ---------------------------------------------------------------------------- scaling
def test_scaling_multiplies_each_windows_inputs_and_targets_by_one_factor():
    x, y = batch()
    x, y = x.abs() + 1.0, y.abs() + 1.0  # no division by zero below
    xa, ya = augmenter(scaling=0.2)(x, y)

    factor = (xa / x)[:, :1, :1]  # (batch, 1, 1)
    torch.testing.assert_close(xa, x * factor)
    torch.testing.assert_close(ya, y * factor)
    assert float(factor.std()) == pytest.approx(0.2, rel=0.3)
    assert float(factor.mean()) == pytest.approx(1.0, abs=0.1)
    assert len(factor.unique()) == BATCH  # one factor per window


def test_strong_scaling_never_flips_or_zeroes_a_window():
    x, y = torch.ones(4096, 2, 1), torch.ones(4096, 1, 1)
    _, ya = augmenter(scaling=1.0)(x, y)
    assert float(ya.min()) == pytest.approx(0.1)


# ---------------------------------------------------------------------------- time warping
def test_time_warp_resamples_a_ramp_monotonically_with_both_ends_fixed():
    x, y = ramps()
    xa, ya = augmenter(time_warp=0.5)(x, y)

    assert torch.equal(ya, y)
    assert (xa.diff(dim=1) > 0).all()  # strictly increasing: the order of events is kept
    assert torch.equal(xa[:, 0], x[:, 0]) and torch.equal(xa[:, -1], x[:, -1])
    assert torch.equal(xa, xa[:, :, :1].expand_as(xa))  # one warp for all channels
    assert (xa - x).abs().amax(dim=(1, 2)).min() > 0.1  # every window is warped


def test_time_warp_is_smooth_and_grows_with_its_strength():
    x, y = ramps(lookback=96)
    xa, _ = augmenter(time_warp=0.2)(x, y)
    # Smooth: the local speed changes little from step to step.
    assert float(xa[:, :, 0].diff(dim=1).diff(dim=1).abs().max()) < 0.05
    weak, strong = ((augmenter(time_warp=s)(x, y)[0] - x).abs().mean() for s in (0.1, 0.6))
    assert strong > 2 * weak


def test_time_warp_keeps_a_constant_series_constant():
    x = torch.full((8, LOOKBACK, 2), 3.0)
    xa, _ = augmenter(time_warp=1.0)(x, torch.zeros(8, 1, 1))
    assert torch.equal(xa, x)


# ---------------------------------------------------------------------------- window slicing
def test_window_slice_stretches_the_last_part_of_the_lookback_back_to_full_length():
    x, y = ramps()
    xa, ya = augmenter(window_slice=0.4)(x, y)

    starts = xa[:, 0, 0]
    assert torch.equal(ya, y)
    # The crop ends at the last input step and is at least 60% of the lookback long.
    assert torch.equal(xa[:, -1], x[:, -1])
    assert (starts >= 0).all() and (starts <= 0.4 * (LOOKBACK - 1) + 1e-5).all()
    assert float(starts.max()) > 0.3 * (LOOKBACK - 1) and float(starts.min()) < 0.1 * LOOKBACK
    # A ramp's crop, stretched linearly, is again a ramp: from the start to the last step.
    expected = torch.stack([torch.linspace(float(s), LOOKBACK - 1, LOOKBACK) for s in starts])
    torch.testing.assert_close(xa[:, :, 0], expected)


@settings(max_examples=40, deadline=None)
@given(
    lookback=st.integers(2, 50),
    window_slice=st.sampled_from([0.0, 0.1, 0.5]),
    time_warp=st.sampled_from([0.0, 0.2, 1.0]),
    seed=st.integers(0, 2**16),
)
def test_slicing_and_warping_are_monotone_resamplings_ending_at_the_last_step(
    lookback, window_slice, time_warp, seed
):
    if not (window_slice or time_warp):
        return
    x, y = ramps(lookback=lookback, n=8)
    xa, _ = augmenter(seed, window_slice=window_slice, time_warp=time_warp)(x, y)
    assert (xa.diff(dim=1) > 0).all()
    assert torch.equal(xa[:, -1], x[:, -1])
    assert (xa[:, 0] >= 0).all() and (xa[:, 0] <= window_slice * (lookback - 1) + 1e-4).all()
