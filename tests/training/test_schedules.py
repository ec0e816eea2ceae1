"""Tests of the learning-rate schedule shapes and of the reduce-on-plateau rule."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_doctor.training.schedules import PlateauRule, schedule_factor

TOTAL = 200


def factors(kind: str, total: int = TOTAL) -> list[float]:
    return [schedule_factor(kind, step, total) for step in range(total)]


@pytest.mark.parametrize("kind", ["none", "plateau"])
def test_flat_schedules_are_one_everywhere(kind):
    assert factors(kind) == [1.0] * TOTAL
    assert schedule_factor(kind, 5 * TOTAL, TOTAL) == 1.0


def test_cosine_starts_at_one_ends_near_zero_and_only_decreases():
    values = factors("cosine")
    assert values[0] == 1.0
    assert values[-1] < 1e-3
    assert schedule_factor("cosine", TOTAL // 2, TOTAL) == pytest.approx(0.5)
    assert np.all(np.diff(values) < 0)


def test_cosine_stays_at_zero_past_the_last_step():
    assert schedule_factor("cosine", TOTAL, TOTAL) == pytest.approx(0.0, abs=1e-15)
    assert schedule_factor("cosine", 3 * TOTAL, TOTAL) == pytest.approx(0.0, abs=1e-15)


def test_onecycle_warms_up_from_a_25th_to_one_at_30_percent_then_anneals():
    values = factors("onecycle")
    peak = int(0.3 * TOTAL)

    assert values[0] == pytest.approx(1 / 25)
    assert values[peak] == pytest.approx(1.0)
    assert max(values) == values[peak]
    assert np.all(np.diff(values[: peak + 1]) > 0)
    assert np.all(np.diff(values[peak:]) < 0)
    assert values[-1] < 1e-3
    # OneCycleLR's final lr: initial / final_div_factor = (1 / 25) / 1e4.
    assert schedule_factor("onecycle", TOTAL, TOTAL) == pytest.approx(1 / 25 / 1e4)


@pytest.mark.parametrize("kind", ["none", "plateau", "cosine", "onecycle"])
def test_a_zero_step_run_does_not_divide_by_zero(kind):
    assert math.isfinite(schedule_factor(kind, 0, 0))


def test_schedule_factor_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown schedule 'step'"):
        schedule_factor("step", 0, 10)


# --- PlateauRule, driven by scripted losses (as Keras tests its callbacks) --------------------


def run(rule: PlateauRule, losses: list[float]) -> list[float]:
    return [rule.update(loss) for loss in losses]


def test_plateau_reduces_after_patience_epochs_without_improvement():
    rule = PlateauRule(patience=3, factor=0.5)
    assert run(rule, [1.0, 1.0, 1.1, 1.0]) == [1.0, 1.0, 1.0, 0.5]


def test_plateau_counts_again_from_zero_after_a_reduction():
    rule = PlateauRule(patience=2, factor=0.1)
    assert run(rule, [1.0, 2.0, 2.0, 2.0, 2.0, 2.0]) == [1.0, 1.0, 0.1, 1.0, 0.1, 1.0]


def test_plateau_resets_after_an_improvement():
    rule = PlateauRule(patience=2, factor=0.5)
    assert run(rule, [1.0, 1.2, 0.9, 1.0, 1.0]) == [1.0, 1.0, 1.0, 1.0, 0.5]
    assert rule.best == 0.9


def test_plateau_min_delta_needs_a_large_enough_improvement():
    rule = PlateauRule(patience=2, factor=0.5, min_delta=0.1)
    assert run(rule, [1.0, 0.95, 0.91]) == [1.0, 1.0, 0.5]
    assert rule.best == 1.0
    assert run(rule, [0.85, 0.8]) == [1.0, 1.0]  # 0.85 beats 1.0 by more than 0.1
    assert rule.best == 0.85


def test_plateau_counts_a_nan_loss_as_no_improvement():
    rule = PlateauRule(patience=2, factor=0.5)
    assert run(rule, [1.0, math.nan, math.nan]) == [1.0, 1.0, 0.5]
    assert rule.best == 1.0
