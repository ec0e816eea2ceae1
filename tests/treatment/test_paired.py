"""The paired test and its multiple-comparison rule, on synthetic candidates (numpy only)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_doctor.treatment.paired import (
    FAMILY_ALPHA,
    effective_windows,
    hac_lag,
    local_level,
    long_run_variance,
    paired_decision,
    t_quantile,
)


def _window_losses(rng: np.random.Generator, n: int, horizon: int) -> np.ndarray:
    """Per-window MSE of ``n`` overlapping windows (stride 1) of unit-variance errors."""
    errors = rng.standard_normal(n + horizon)
    return np.convolve(errors**2, np.ones(horizon) / horizon, mode="valid")[:n]


def _noise_like(rng: np.random.Generator, losses: np.ndarray, horizon: int) -> np.ndarray:
    """A candidate no better than ``losses``: each window's loss times a mean-one factor
    that drifts over ``horizon`` neighbouring windows, as a refit's errors do."""
    n = losses.size
    walk = np.convolve(rng.standard_normal(n + horizon - 1), np.ones(horizon), mode="valid")
    return losses * np.exp(0.2 * walk / math.sqrt(horizon) - 0.02)  # E[exp(.)] = 1


def test_a_true_five_percent_improvement_on_500_independent_windows_is_kept() -> None:
    kept = 0
    for seed in range(50):
        rng = np.random.default_rng(seed)
        incumbent = rng.gamma(4.0, 0.25, 500)  # mean-one per-window losses
        candidate = 0.95 * incumbent * np.exp(0.2 * rng.standard_normal(500) - 0.02)
        decision = paired_decision(candidate, incumbent, horizon=1, n_candidates=8)
        kept += decision.kept
        if decision.kept:
            assert decision.high < 0 and decision.relative == pytest.approx(-0.05, abs=0.03)
    assert kept >= 45  # power at least 90% with 8 candidates planned


SEEDS = 200
# The stated rate is FAMILY_ALPHA = 5% of treatments; allow two binomial standard errors of
# the SEEDS-seed estimate.
FAMILY_LIMIT = FAMILY_ALPHA + 2 * math.sqrt(FAMILY_ALPHA * (1 - FAMILY_ALPHA) / SEEDS)


def _noise_keep_rate(make_losses, n: int, horizon: int, first_seed: int) -> float:
    """Share of treatments (20 pure-noise candidates each) that keep any candidate."""
    treatments_keeping = 0
    for seed in range(first_seed, first_seed + SEEDS):
        rng = np.random.default_rng(seed)
        incumbent = make_losses(rng, n, horizon)
        kept = [
            paired_decision(
                _noise_like(rng, incumbent, horizon), incumbent, horizon=horizon, n_candidates=20
            ).kept
            for _ in range(20)
        ]
        treatments_keeping += any(kept)
    return treatments_keeping / SEEDS


@pytest.mark.parametrize(("n", "horizon"), [(500, 1), (500, 6), (300, 24)])
def test_pure_noise_across_20_candidates_is_kept_at_most_at_the_family_rate(
    n: int, horizon: int
) -> None:
    assert _noise_keep_rate(_window_losses, n, horizon, first_seed=0) <= FAMILY_LIMIT


def test_an_iid_interval_would_not_hold_on_overlapping_windows() -> None:
    """The HAC variance matters: on windows sharing 23 of 24 targets it is many times the
    i.i.d. variance, so a test that ignored the overlap would keep noise."""
    rng = np.random.default_rng(0)
    d = _noise_like(rng, _window_losses(rng, 1000, 24), 24) - _window_losses(rng, 1000, 24)
    assert long_run_variance(d, hac_lag(1000, 24)) > 5 * np.var(d)


def test_the_more_candidates_the_wider_the_interval() -> None:
    rng = np.random.default_rng(1)
    incumbent = rng.gamma(4.0, 0.25, 300)
    candidate = 0.97 * incumbent * np.exp(0.2 * rng.standard_normal(300) - 0.02)
    one, many = (paired_decision(candidate, incumbent, horizon=1, n_candidates=m) for m in (1, 50))
    assert many.high - many.low > one.high - one.low
    assert many.level > one.level and many.alpha == pytest.approx(FAMILY_ALPHA / 50)
    assert one.mean_diff == many.mean_diff


def test_a_worse_candidate_is_never_kept_and_the_record_has_the_interval() -> None:
    rng = np.random.default_rng(2)
    incumbent = rng.gamma(4.0, 0.25, 400)
    decision = paired_decision(incumbent * 1.2, incumbent, horizon=4, n_candidates=3)
    assert not decision.kept and decision.low > 0
    record = decision.to_dict()
    assert record["interval_relative"] == [decision.low, decision.high]
    assert record["n_candidates"] == 3
    assert record["interval"][0] == pytest.approx(decision.low * incumbent.mean())
    assert record["pooled_relative_change"] == pytest.approx(0.2)
    assert f"{decision.relative:+.1%} [{decision.low:+.1%}" in decision.describe()
    assert decision.relative == pytest.approx(0.2, abs=0.02)


def test_too_few_effective_windows_never_keep_a_change() -> None:
    incumbent = np.linspace(1.0, 2.0, 20)
    decision = paired_decision(incumbent * 0.5, incumbent, horizon=12, n_candidates=1)
    assert effective_windows(20, 12) < 2 and not decision.kept
    assert not paired_decision(np.ones(1), np.ones(1) * 2, horizon=1, n_candidates=1).kept


def test_unaligned_losses_are_refused() -> None:
    with pytest.raises(ValueError, match="two equal 1-D arrays"):
        paired_decision(np.ones(3), np.ones(4), horizon=1, n_candidates=1)


def test_t_quantile_matches_known_values() -> None:
    assert t_quantile(0.975, 10) == pytest.approx(2.228, abs=0.01)
    assert t_quantile(0.995, 30) == pytest.approx(2.750, abs=0.01)
    assert t_quantile(0.975, math.inf) == pytest.approx(1.960, abs=1e-3)


def _drifting_losses(rng: np.random.Generator, n: int, horizon: int) -> np.ndarray:
    """A level model's per-window losses on a series that drifts away from its training
    range: the loss level grows a hundredfold across the windows (heteroscedastic)."""
    return _window_losses(rng, n, horizon) * np.geomspace(1.0, 100.0, n)


def test_a_consistent_gain_on_drifting_losses_is_kept() -> None:
    """The DAX case: a candidate 60% better on every window of a drifting series. The raw
    differences grow with the drift, so their mean is swamped by the last stretch; relative
    to the incumbent's local level they are steady."""
    kept = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        incumbent = _drifting_losses(rng, 240, 5)
        candidate = 0.4 * _noise_like(rng, incumbent, 5)
        decision = paired_decision(candidate, incumbent, horizon=5, n_candidates=8)
        kept += decision.kept
        assert decision.relative == pytest.approx(-0.6, abs=0.1)
    assert kept >= 18


@pytest.mark.parametrize(("n", "horizon"), [(400, 1), (300, 5)])
def test_pure_noise_on_drifting_losses_is_kept_at_most_at_the_family_rate(
    n: int, horizon: int
) -> None:
    assert _noise_keep_rate(_drifting_losses, n, horizon, first_seed=1000) <= FAMILY_LIMIT


def test_winning_most_windows_but_losing_the_pooled_loss_is_not_kept() -> None:
    """Better by 10% on 95% of the windows, ten times worse on the rest: lower on the
    relative statistic's typical window, higher on the mean loss the run is selected on."""
    rng = np.random.default_rng(3)
    incumbent = rng.gamma(4.0, 0.25, 600)
    candidate = 0.9 * incumbent
    candidate[::20] *= 100.0
    decision = paired_decision(candidate, incumbent, horizon=1, n_candidates=1)
    assert decision.mean_diff > 0 and not decision.kept


def test_the_local_level_follows_the_drift_and_never_reaches_zero() -> None:
    losses = np.concatenate([np.zeros(10), np.full(10, 4.0)])
    level = local_level(losses, 2)
    assert level[0] > 0 and level[-1] == pytest.approx(4.0)
    assert level[9] == pytest.approx(np.mean(losses[7:12]))
    assert np.all(np.diff(level) >= 0)
