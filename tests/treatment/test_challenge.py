"""A pre-specified alternative (the textbook recipe) against the treatment's winner."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_doctor.diagnosis.findings import Diagnosis, Finding
from lstm_doctor.treatment.heal import alpha_share, challenge, heal_loop

GOOD = Diagnosis((Finding("good_fit", "info", "good fit", {}, ()),))


@dataclass
class Fitted:
    val_loss: float
    settings: dict
    diagnosis: Diagnosis
    val_noise: float
    val_losses: tuple
    origin_val_losses: tuple
    epochs: int = 10


def _fitted(losses: np.ndarray, origins: tuple, horizon: int, **settings) -> Fitted:
    keys = np.arange(losses.size, dtype=np.int64)
    settings = {"horizon": horizon, **settings}
    return Fitted(float(losses.mean()), settings, GOOD, 0.0, (keys, losses), origins)


def _pair(scale: float, horizon: int, seed: int, second_origin: float = 1.0):
    """Incumbent and challenger on 400 shared windows; the challenger's losses are the
    incumbent's times ``scale`` with 10% window noise; two validation origins."""
    rng = np.random.default_rng(seed)
    base = rng.gamma(4.0, 0.25, 400)
    ours = base * scale * np.exp(0.1 * rng.standard_normal(400))
    incumbent = _fitted(base, (float(base.mean()), 1.0), horizon, units=32)
    challenger = _fitted(ours, (float(ours.mean()), second_origin), horizon, units=64)
    return challenger, incumbent


def _challenge(challenger, incumbent, *, small: bool, n: int = 9):
    return challenge(challenger, incumbent, n, step=9, small_validation=small,
                     name="textbook_recipe", summary="the recipe: fixed up front")  # fmt: skip


def test_on_small_validation_a_challenger_lower_at_every_origin_is_kept() -> None:
    # a 200-step horizon: 400 windows are worth about one, the paired test cannot keep it
    challenger, incumbent = _pair(0.9, horizon=200, seed=0, second_origin=0.95)
    step = _challenge(challenger, incumbent, small=True)
    assert step.kept and step.decision["kept_lower_at_every_origin"]
    assert "lower at every origin" in step.decision["rule"]
    assert step.change == {"units": 64} and step.before == {"units": 32}
    assert step.decision["origin_val_losses"]["incumbent"] == [incumbent.val_loss, 1.0]


def test_on_small_validation_a_challenger_worse_at_one_origin_is_not_kept() -> None:
    challenger, incumbent = _pair(0.9, horizon=200, seed=0, second_origin=1.05)
    step = _challenge(challenger, incumbent, small=True)
    assert not step.kept and not step.decision["kept_lower_at_every_origin"]


def test_on_large_validation_only_the_paired_test_decides() -> None:
    # 0.5% lower at every origin, but within the 10% window noise: not kept
    challenger, incumbent = _pair(0.995, horizon=1, seed=1, second_origin=0.99)
    assert not _challenge(challenger, incumbent, small=False).kept
    # a true 10% gain on 400 independent windows is kept on the paired test
    challenger, incumbent = _pair(0.9, horizon=1, seed=1, second_origin=1.2)
    step = _challenge(challenger, incumbent, small=False)
    assert step.kept and not step.decision["kept_lower_at_every_origin"]
    assert step.decision["interval"][1] < 0


def test_pure_noise_on_large_validation_is_kept_at_most_at_the_test_level() -> None:
    kept = sum(
        _challenge(*_pair(1.0, horizon=1, seed=seed, second_origin=0.9), small=False).kept
        for seed in range(200)
    )
    # the challenge is one of the "other" tests: 0.05 * 0.5 / 8 one-sided, plus sampling slack
    assert kept <= 200 * 0.05 * alpha_share(9, 9) + 3


def test_the_loop_counts_the_challenge_in_its_bonferroni_divisor() -> None:
    def fit(settings, warm_from=None):
        return _fitted(np.ones(50), (1.0,), **settings)

    plain = heal_loop(fit, {"units": 32, "horizon": 1}, max_steps=4)
    counted = heal_loop(fit, {"units": 32, "horizon": 1}, max_steps=4, extra_tests=1)
    assert counted.n_candidates == plain.n_candidates + 1
