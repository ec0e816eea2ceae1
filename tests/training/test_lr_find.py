"""Tests of the LR range test.

The suggestion rule is tested as a pure function on scripted curves (a sigmoid fall with a
known steepest point, cliffs, flat and rising curves, noise, NaN tails). The range test itself
runs a 1x8 LSTM over the noisy sine of conftest.py.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch

from lstm_doctor.config import ModelConfig, TrainConfig
from lstm_doctor.data import Windows
from lstm_doctor.errors import ConfigError, DataError
from lstm_doctor.models import LSTMForecaster, build_model
from lstm_doctor.training.lr_find import LrFindResult, lr_range_test, suggest_lr

N_INPUTS, N_TARGETS, HORIZON = 2, 1, 3
LRS = np.geomspace(1e-6, 1.0, 100)
LOG_LRS = np.log10(LRS)


def make_model(seed: int = 0, **model: Any) -> LSTMForecaster:
    torch.manual_seed(seed)
    return build_model(
        ModelConfig(**{"layers": 1, "units": 8, **model}), N_INPUTS, N_TARGETS, HORIZON
    )


def make_config(**train: Any) -> TrainConfig:
    return TrainConfig(**{"batch_size": 32, **train})


def fall(center: float = -3.0, width: float = 0.25, rise_from: float = -1.0) -> np.ndarray:
    """A loss that falls from 1 to 0.2 around lr 10**center, then climbs after 10**rise_from."""
    level = 1 - 0.8 / (1 + np.exp(-(LOG_LRS - center) / width))
    return level + 5 * np.maximum(LOG_LRS - rise_from, 0.0) ** 2


def ema(values: np.ndarray, beta: float = 0.98) -> np.ndarray:
    """The debiased EMA that fastai, Lightning and lr_range_test record."""
    average, out = 0.0, []
    for step, value in enumerate(values):
        average = beta * average + (1 - beta) * value
        out.append(average / (1 - beta ** (step + 1)))
    return np.array(out)


# --- the suggestion rule, on scripted curves -------------------------------------------------


def test_suggestion_is_the_steepest_point_of_a_clean_fall():
    lr, rule = suggest_lr(LRS, fall(center=-3.0))
    assert rule.startswith("steepest")
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.1)


@pytest.mark.parametrize("center", [-4.0, -3.0, -2.5])
def test_suggestion_follows_the_fall(center):
    lr, _ = suggest_lr(LRS, fall(center=center, rise_from=center + 2))
    assert math.log10(lr) == pytest.approx(center, abs=0.1)


@pytest.mark.parametrize("seed", range(5))
def test_suggestion_survives_noise(seed):
    noise = np.random.default_rng(seed).standard_normal(len(LRS))
    lr, _ = suggest_lr(LRS, fall() * (1 + 0.02 * noise))
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.2)
    # Noisy batches smoothed by the EMA: the fall is read late, but inside the descent.
    lr, _ = suggest_lr(LRS, ema(fall() * (1 + 0.1 * noise)))
    assert -3.3 < math.log10(lr) < -2.0


def test_the_first_tenth_is_ignored():
    """A plunge in the first points (the EMA of a few batches) must not be the answer."""
    losses = fall()
    losses[:6] += np.linspace(5.0, 0.0, 6)
    lr, _ = suggest_lr(LRS, losses)
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.1)


def test_only_the_stretch_before_the_minimum_counts():
    """A steeper fall after the global minimum (loss recovering from a spike) is ignored."""
    losses = fall(center=-3.0, rise_from=1.0)  # minimum at the end of the gentle fall ...
    later = LOG_LRS > -1.5
    losses[later] = 3.0 - 2.5 / (1 + np.exp(-(LOG_LRS[later] + 0.5) / 0.05))  # ... a spike
    assert losses.argmin() < np.flatnonzero(later)[0]
    lr, _ = suggest_lr(LRS, losses)
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.1)


def test_a_cliff_just_before_the_minimum_is_capped_a_decade_below_it():
    cliff = 1 - 0.8 / (1 + np.exp(-(LOG_LRS + 1.2) / 0.05))
    losses = cliff + np.where(LOG_LRS > -1, 5 * (LOG_LRS + 1) ** 2, 0.0)
    lr, rule = suggest_lr(LRS, losses)
    lr_at_min = LRS[losses.argmin()]
    assert rule.startswith("minimum/10")
    assert lr == pytest.approx(lr_at_min / 10, rel=0.3)


def test_a_curve_still_falling_at_the_end_says_so():
    lr, rule = suggest_lr(LRS, fall(center=-3.0, rise_from=5.0))
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.1)
    assert "raise max_lr" in rule


@pytest.mark.parametrize(
    "losses",
    [
        np.ones(100),
        *(1 + 0.007 * np.random.default_rng(seed).standard_normal(100) for seed in range(3)),
        np.linspace(1.0, 3.0, 100),
        np.exp(np.linspace(0.0, 5.0, 100)),
        np.r_[np.ones(50), np.linspace(1.0, 0.99, 50)],  # a 1% dip is no descent
    ],
    ids=["flat", "noisy-0", "noisy-1", "noisy-2", "rising", "exploding", "dip"],
)
def test_no_suggestion_from_a_flat_or_rising_curve(losses):
    lr, rule = suggest_lr(LRS, losses)
    assert lr is None
    assert rule.startswith("none") and "flat or rising" in rule


def test_a_nan_ends_the_curve():
    losses = fall(rise_from=-1.5)
    losses[75:] = np.nan
    lr, _ = suggest_lr(LRS, losses)
    assert math.log10(lr) == pytest.approx(-3.0, abs=0.1)


def test_too_few_finite_points_give_no_suggestion():
    losses = fall()
    losses[12:] = np.inf
    lr, rule = suggest_lr(LRS, losses)
    assert lr is None
    assert rule.startswith("none: too few finite points (12 of 100)")


def test_mismatched_arrays_are_rejected():
    with pytest.raises(ValueError, match="one length; got shapes"):
        suggest_lr(LRS, fall()[:-1])


# --- the range test, on a tiny LSTM ------------------------------------------------------------


def test_the_callers_model_and_rng_are_untouched(sine_windows):
    train_windows, _ = sine_windows
    model = make_model(layers=2, dropout=0.5)  # dropout draws from the global RNG
    model.eval()
    before = {k: v.detach().clone() for k, v in model.state_dict().items()}
    rng_before = torch.get_rng_state()
    result = lr_range_test(model, train_windows, make_config(), max_lr=10.0, n_steps=40)
    assert len(result.lrs) > 1
    for key, value in model.state_dict().items():
        torch.testing.assert_close(value, before[key], rtol=0, atol=0, msg=key)
    assert not model.training
    assert all(p.grad is None for p in model.parameters())
    assert torch.equal(torch.get_rng_state(), rng_before)


def test_lrs_grow_geometrically_from_min_to_max(sine_windows):
    train_windows, _ = sine_windows
    result = lr_range_test(
        make_model(), train_windows, make_config(), min_lr=1e-5, max_lr=1e-2, n_steps=30
    )
    lrs = np.array(result.lrs)
    assert not result.stopped_early
    assert len(lrs) == len(result.losses) == len(result.smoothed) == 30
    assert lrs[0] == pytest.approx(1e-5) and lrs[-1] == pytest.approx(1e-2)
    np.testing.assert_allclose(lrs[1:] / lrs[:-1], 1000 ** (1 / 29), rtol=1e-9)


def test_smoothed_is_the_debiased_ema_of_the_losses(sine_windows):
    train_windows, _ = sine_windows
    result = lr_range_test(make_model(), train_windows, make_config(), n_steps=30, smooth=0.9)
    np.testing.assert_allclose(result.smoothed, ema(np.array(result.losses), 0.9), rtol=1e-9)


def test_a_huge_max_lr_stops_early_on_divergence(sine_windows):
    train_windows, _ = sine_windows
    result = lr_range_test(make_model(), train_windows, make_config(), max_lr=1e4, n_steps=60)
    assert result.stopped_early
    assert len(result.lrs) < 60
    last = result.smoothed[-1]
    assert not math.isfinite(last) or last > 4.0 * min(result.smoothed)
    # Every earlier point was within the bound: the test stopped at the first excess.
    assert all(s <= 4.0 * min(result.smoothed[: i + 1]) for i, s in enumerate(result.smoothed[:-1]))


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_suggestion_lies_between_min_lr_and_the_minimum(sine_windows, optimizer):
    train_windows, _ = sine_windows
    config = make_config(optimizer=optimizer)
    result = lr_range_test(make_model(), train_windows, config, min_lr=1e-6, max_lr=10.0)
    assert result.suggestion is not None, result.rule
    lr_at_min = result.lrs[int(np.argmin(result.smoothed))]
    assert 1e-6 <= result.suggestion <= lr_at_min
    assert result.rule.split(":")[0] in ("steepest", "minimum/10")
    assert (result.suggestion, result.rule) == suggest_lr(result.lrs, result.smoothed)


def test_same_seed_same_result_other_seed_other_batches(sine_windows):
    train_windows, _ = sine_windows

    def run(seed: int) -> LrFindResult:
        return lr_range_test(make_model(), train_windows, make_config(seed=seed), n_steps=40)

    first = run(0)
    assert run(0) == first
    assert run(1).losses != first.losses


def test_settings_of_the_config_are_honored(sine_windows):
    train_windows, _ = sine_windows

    def losses(**train: Any) -> tuple[float, ...]:
        config = make_config(**train)
        return lr_range_test(make_model(), train_windows, config, max_lr=1.0, n_steps=40).losses

    plain = losses()
    for changed in (
        {"optimizer": "sgd"},
        {"clip": 1e-3},
        {"batch_size": 8},
        {"weight_decay": 0.5},
        {"precision": "bf16"},
        {"jitter": 0.3},
    ):
        other = losses(**changed)
        assert all(math.isfinite(v) for v in other[:20]), changed
        assert other != plain, changed


def test_result_round_trips_to_plain_values(sine_windows):
    train_windows, _ = sine_windows
    result = lr_range_test(make_model(), train_windows, make_config(), n_steps=20)
    as_dict = result.to_dict()
    assert LrFindResult(**{k: tuple(v) if isinstance(v, list) else v for k, v in as_dict.items()})
    assert as_dict["lrs"] == list(result.lrs)
    assert set(as_dict) == {"lrs", "losses", "smoothed", "suggestion", "rule", "stopped_early"}


@pytest.mark.parametrize(
    ("argument", "value", "match"),
    [
        ("min_lr", 0.0, "'min_lr' parameter of lr_range_test must be a finite number > 0"),
        ("min_lr", math.nan, "'min_lr' parameter .* Got nan"),
        ("max_lr", 1e-7, r"'max_lr' parameter .* > min_lr \(1e-06\)"),
        ("n_steps", 4, "'n_steps' parameter .* integer >= 5. Got 4"),
        ("n_steps", 10.0, "'n_steps' parameter .* Got 10.0"),
        ("smooth", 1.0, "'smooth' parameter .* >= 0 and < 1"),
        ("diverge_factor", 1.0, "'diverge_factor' parameter .* > 1"),
    ],
)
def test_bad_arguments_are_rejected(sine_windows, argument, value, match):
    train_windows, _ = sine_windows
    with pytest.raises(ConfigError, match=match):
        lr_range_test(make_model(), train_windows, make_config(), **{argument: value})


def test_no_windows_is_a_data_error():
    data = torch.zeros(20, N_INPUTS)
    empty = torch.zeros(0, dtype=torch.int64)
    windows = Windows(data, empty, empty, lookback=12, horizon=HORIZON, n_targets=N_TARGETS)
    with pytest.raises(DataError, match="needs training windows and got none"):
        lr_range_test(make_model(), windows, make_config())
