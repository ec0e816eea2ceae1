"""The heal loop on scripted fits: what it tries, keeps and reverts, and when it stops."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy
from lstm_doctor.treatment.heal import heal_loop


@dataclass
class Scripted:
    val_loss: float
    settings: dict
    diagnosis: Diagnosis
    val_noise: float = 0.0


@dataclass
class Fits:
    """val loss as a function of the settings; every candidate is diagnosed as overfitting."""

    losses: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    warm: list = field(default_factory=list)
    delay: float = 0.0

    def __call__(self, settings: dict, warm_from: Scripted | None = None) -> Scripted:
        self.calls.append(dict(settings))
        self.warm.append(warm_from)
        time.sleep(self.delay)
        finding = Finding("overfitting", "warning", "overfitting: val rose", {"rise": 1.0}, (
            Remedy({"dropout": 0.2}, "dropout"),
            Remedy({"weight_decay": 1e-4}, "decay"),
            Remedy({"units": 16}, "smaller"),
        ))  # fmt: skip
        key = (settings.get("dropout", 0.0), settings.get("weight_decay", 0.0), settings["units"])
        return Scripted(self.losses.get(key, 1.0), settings, Diagnosis((finding,)))


START = {"layers": 2, "units": 32, "dropout": 0.0, "weight_decay": 0.0}


def test_keeps_what_helps_and_reverts_what_does_not() -> None:
    fits = Fits({(0.2, 0.0, 32): 0.8, (0.2, 1e-4, 32): 0.805, (0.2, 0.0, 16): 0.7})
    result = heal_loop(fits, START)
    assert [(s.change, s.kept) for s in result.steps] == [
        ({"dropout": 0.2}, True),  # 1.0 -> 0.8
        ({"weight_decay": 1e-4}, False),  # 0.8 -> 0.805: worse, reverted
        ({"units": 16}, True),  # 0.8 -> 0.7
    ]
    assert result.best.settings == {**START, "dropout": 0.2, "units": 16}
    assert result.start.val_loss == 1.0 and result.stop_reason == "nothing left to try"
    assert result.steps[1].before == {"weight_decay": 0.0}


def test_a_gain_within_the_margin_is_not_kept() -> None:
    fits = Fits({(0.2, 0.0, 32): 0.995})  # 0.5% better: below the 1% margin
    result = heal_loop(fits, START, max_steps=1)
    assert not result.steps[0].kept and result.best.val_loss == 1.0


def test_stops_at_max_steps_and_on_budget() -> None:
    assert len(heal_loop(Fits(), START, max_steps=2).steps) == 2
    slow = Fits(delay=0.05)
    result = heal_loop(slow, START, budget_seconds=0.08)
    assert result.stop_reason == "budget" and len(result.steps) <= 1


def test_ctrl_c_keeps_the_best_so_far() -> None:
    fits = Fits({(0.2, 0.0, 32): 0.8})

    def interrupt(step) -> None:
        if step.step == 2:
            raise KeyboardInterrupt

    result = heal_loop(fits, START, on_step=interrupt)
    assert result.stop_reason == "interrupted" and result.best.val_loss == 0.8


def test_deterministic_for_the_same_fits() -> None:
    losses = {(0.2, 0.0, 32): 0.8, (0.2, 0.0, 16): 0.7}
    a, b = heal_loop(Fits(losses), START), heal_loop(Fits(losses), START)
    assert a.steps and any(s.kept for s in a.steps)  # not two empty logs compared
    assert [s.to_dict() | {"seconds": 0} for s in a.steps] == [
        s.to_dict() | {"seconds": 0} for s in b.steps
    ]


def test_regularization_starts_warm_from_the_incumbent_and_a_new_shape_starts_afresh() -> None:
    fits = Fits({(0.2, 0.0, 32): 0.8, (0.2, 1e-4, 32): 0.805, (0.2, 0.0, 16): 0.7})
    result = heal_loop(fits, START)
    start, after_dropout = fits.warm[0], fits.warm[1]
    assert start is None  # the first model starts from scratch
    assert after_dropout is result.start  # dropout 0 -> 0.2: fine-tune the start model
    assert fits.warm[2].settings["dropout"] == 0.2  # weight decay: from the kept dropout model
    assert fits.warm[3] is None  # units 32 -> 16: another shape, from scratch
    assert [s.warm_start for s in result.steps] == [True, True, False]
    assert result.steps[0].to_dict()["warm_start"] is True


def test_a_candidate_that_cannot_be_fitted_is_reverted_with_its_reason() -> None:
    from lstm_doctor.errors import DataError

    fits = Fits({(0.0, 1e-4, 32): 0.5})  # dropout stays 0: its fit failed

    def fit(settings, warm_from=None):
        if settings.get("dropout") == 0.2:
            raise DataError("Series 'x' is too short for lookback 1440.")
        return fits(settings, warm_from)

    result = heal_loop(fit, START, max_steps=2)
    failed = result.steps[0]
    assert not failed.kept and "too short" in failed.error and failed.val_after != failed.val_after
    assert result.steps[1].change == {"weight_decay": 1e-4} and result.steps[1].kept


@dataclass
class Paired(Scripted):
    """A scripted fit with per-window losses and an epoch count."""

    val_losses: tuple | None = None
    epochs: int = 10


def _paired_fits(scale: dict, epochs: int = 10):
    """Per-window losses: the start's, times ``scale[units]`` with a little window noise."""
    base = np.random.default_rng(0).gamma(4.0, 0.25, 400)
    calls = []

    def fit(settings, warm_from=None) -> Paired:
        calls.append(settings)
        rng = np.random.default_rng(len(calls))
        losses = base * scale.get(settings["units"], 1.0) * np.exp(0.1 * rng.standard_normal(400))
        finding = Finding("good_fit", "info", "good fit", {}, ())
        keys = np.arange(400, dtype=np.int64) + 7
        return Paired(
            float(losses.mean()), settings, Diagnosis((finding,)), 0.0, (keys, losses), epochs
        )

    return fit, calls


GOOD = {"layers": 1, "units": 32, "horizon": 1, "normalization": "last_value"}


def test_a_paired_decision_keeps_a_real_gain_and_records_its_interval() -> None:
    fit, _ = _paired_fits({64: 0.9})  # growing to 64 units: 10% lower loss on every window
    result = heal_loop(fit, GOOD, max_steps=5)
    kept = [s for s in result.steps if s.kept]
    assert [s.change for s in kept] == [{"units": 64}]
    decision = kept[0].decision
    assert decision["kept"] and decision["interval"][1] < 0
    assert decision["n_candidates"] == result.n_candidates == 5
    assert all(s.decision is not None for s in result.steps)


def test_a_gain_within_the_paired_noise_is_reverted() -> None:
    fit, _ = _paired_fits({64: 0.995})  # 0.5% lower on average: window noise is 10%
    result = heal_loop(fit, GOOD, max_steps=5)
    assert not any(s.kept for s in result.steps)
    grown = next(s for s in result.steps if s.change == {"units": 64})
    assert grown.decision["interval"][0] < 0 < grown.decision["interval"][1]


def test_the_epoch_budget_stops_the_same_way_on_any_machine() -> None:
    fit, _ = _paired_fits({}, epochs=10)
    result = heal_loop(fit, GOOD, budget_epochs=35, max_steps=20)
    # the start used 10 epochs; each candidate 10 more: two candidates fit in 35
    assert result.stop_reason == "budget" and len(result.steps) == 2 and result.epochs_used == 30
    assert result.n_candidates == 2  # planned up front: (35 - 10) // 10


def test_the_budget_may_be_set_from_the_starting_fit_and_the_wall_clock_is_a_cap() -> None:
    fit, _ = _paired_fits({}, epochs=10)
    seen = []

    def from_start(first) -> float:
        seen.append(first.epochs)
        return 1000.0

    result = heal_loop(fit, GOOD, budget_epochs=from_start, budget_seconds=0.0)
    assert seen == [10] and result.stop_reason.startswith("time cap (machine-dependent")


def test_coarse_too_keeps_a_change_that_halves_the_loss_at_every_origin() -> None:
    fit, _ = _paired_fits({64: 0.4, 128: 0.15})  # each growth: 60% lower on the main split

    def with_origins(settings, warm_from=None):
        fitted = fit(settings, warm_from)
        # two origins; at the second one, 128 units do worse than 64
        second = fitted.val_loss * (3.0 if settings["units"] == 128 else 1.0)
        fitted.origin_val_losses = (fitted.val_loss, second)
        return fitted

    # a 200-step horizon: 400 windows are worth less than one, the paired test never keeps
    result = heal_loop(with_origins, {**GOOD, "horizon": 200}, max_steps=6, coarse_too=True)
    kept = [s.change for s in result.steps if s.kept]
    assert kept == [{"units": 64}]
    assert all(s.decision["rule"].startswith("coarse too") for s in result.steps)
    grown = next(s for s in result.steps if s.change == {"units": 128})
    assert not grown.kept  # at the second origin it is not half of the incumbent's
    first = next(s for s in result.steps if s.kept)
    assert not grown.decision["kept"] and first.decision["kept_coarse"]


def test_the_first_step_gets_half_the_family_level_and_the_rest_share_the_other_half() -> None:
    from lstm_doctor.treatment.heal import FIRST_SHARE, alpha_share
    from lstm_doctor.treatment.paired import FAMILY_ALPHA

    shares = [alpha_share(step, 9) for step in range(1, 10)]
    assert shares[0] == FIRST_SHARE == 0.5
    assert shares[1:] == [0.5 / 8] * 8 and sum(shares) == 1.0  # the family level holds
    assert alpha_share(1, 1) == 1.0
    fit, _ = _paired_fits({64: 0.9})
    result = heal_loop(fit, GOOD, max_steps=5)
    levels = [s.decision["alpha_one_sided"] for s in result.steps]
    assert levels[0] == FAMILY_ALPHA * FIRST_SHARE
    assert levels[1:] == [FAMILY_ALPHA * (1 - FIRST_SHARE) / 4] * (len(levels) - 1)


def test_pure_noise_through_a_whole_weighted_treatment_is_kept_at_most_at_the_family_rate() -> None:
    # Every candidate is the incumbent's losses with fresh 10% window noise (no change helps):
    # over 200 treatments of 8 steps, the share that keeps any change stays at or under 5%
    # (plus two binomial standard errors), the first step's larger share included.
    def noise_fits(seed: int):
        base = np.random.default_rng(10_000 + seed).gamma(4.0, 0.25, 300)
        calls = []

        def fit(settings, warm_from=None) -> Paired:
            calls.append(settings)
            rng = np.random.default_rng(10_000 * (seed + 1) + len(calls))
            losses = base * np.exp(0.1 * rng.standard_normal(300))
            finding = Finding("overfitting", "warning", "overfitting", {}, tuple(
                Remedy({"units": u}, "other size") for u in (8, 16, 24, 40, 48, 56, 64, 72)
            ))  # fmt: skip
            keys = np.arange(300, dtype=np.int64)
            return Paired(
                float(losses.mean()), settings, Diagnosis((finding,)), 0.0, (keys, losses)
            )

        return fit

    keeping = 0
    for seed in range(200):
        result = heal_loop(noise_fits(seed), {**GOOD, "units": 32}, max_steps=8)
        assert len(result.steps) == 8
        keeping += any(s.kept for s in result.steps)
    assert keeping / 200 <= 0.05 + 2 * (0.05 * 0.95 / 200) ** 0.5
