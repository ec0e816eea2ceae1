"""Optimization findings on hand-made learning curves."""

from __future__ import annotations

import math

import numpy as np
import pytest
from curve_histories import history, kinds, wobble

from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose_curves


def test_nan_epochs_are_a_divergence() -> None:
    train = [1.0, 0.8, math.nan, 0.7, 0.6, 0.5]
    val = [1.0, 0.8, math.nan, 0.7, 0.6, 0.55]
    events = [{"epoch": 3, "kind": "nonfinite_loss", "lr_after": 5e-4}]
    found = {f.kind: f for f in diagnose_curves(history(train, val, events=events))}
    assert found["diverging"].severity == "critical"
    assert found["diverging"].evidence["nonfinite_epochs"] == 1


def test_an_exploding_train_loss_is_a_divergence() -> None:
    train = [1.0, 0.5, 0.4, 0.6, 1.5, 3.0, 8.0]
    val = [1.0, 0.5, 0.45, 0.7, 1.6, 3.2, 9.0]
    assert "diverging" in kinds(history(train, val))


def test_oscillating_train_loss_is_unstable() -> None:
    train = [2.0, 1.0, 0.8, 1.2, 0.7, 1.1, 0.6, 0.9, 0.65, 1.0]
    val = [2.0, 1.0, 0.85, 1.1, 0.8, 1.0, 0.75, 0.9, 0.7, 0.95]
    assert "unstable" in kinds(history(train, val))


def test_still_falling_at_max_epochs_is_slow_convergence() -> None:
    n = 20
    train = np.geomspace(1.0, 0.3, n)
    val = np.geomspace(1.0, 0.35, n)
    found = {f.kind: f for f in diagnose_curves(history(train, val), RunContext({"lr": 1e-4}))}
    assert "slow_convergence" in found
    assert found["slow_convergence"].remedies[0].change == {"lr": pytest.approx(3e-4)}


def test_early_stopping_on_a_noisy_downward_plateau_is_too_early() -> None:
    rng = np.random.default_rng(0)
    n = 30
    trend = np.geomspace(1.0, 0.6, n)
    val = trend * np.exp(rng.normal(0, 0.05, n))
    train = trend
    best = int(np.argmin(val[:27]))
    val[best + 1 :] = val[best] * 1.01  # patience 3 ran out on noise while the trend fell
    h = history(train[: best + 4], val[: best + 4], stop_reason="early_stopping")
    found = {f.kind: f for f in diagnose_curves(h, RunContext({"patience": 3}))}
    assert "stopped_too_early" in found
    assert found["stopped_too_early"].evidence["patience_needed"] > 3


def test_all_nan_run() -> None:
    h = history([math.nan] * 3, [math.nan] * 3, events=[{"kind": "nonfinite_loss"}] * 3)
    assert kinds(h) == {"diverging"}


def _creeping(
    n: int, start_gap: float, end_gap: float, end: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """Both curves creeping down ~0.5% an epoch (train 1.0 -> ``end``; beyond the noise floor
    of a smooth curve, under 5% over the last n // 5 epochs), val ``start_gap`` x train,
    then ``end_gap`` x."""
    train = np.geomspace(1.0, end, n)
    return train, train * np.geomspace(start_gap, end_gap, n)


def _bent(n: int, drift: float) -> np.ndarray:
    """A fast fall (2.0 -> 1.0 in 5 epochs), then a slow drift down by ``drift`` in all."""
    return np.concatenate([np.geomspace(2.0, 1.0, 5)[:-1], np.geomspace(1.0, 1.0 - drift, n - 4)])


def test_a_creeping_run_with_a_constant_wide_gap_is_underfit_not_a_good_fit() -> None:
    from lstm_doctor.diagnosis.diagnose import diagnose

    # Unbent (still falling at its average rate): far from its floor, whatever the gap the
    # splits had from the start.
    train, val = _creeping(20, 2.4, 2.4)
    found = {f.kind: f for f in diagnose(history(train, val)).findings}
    assert "good_fit" not in found and "slow_convergence" not in found  # under 5%
    assert found["underfitting"].evidence["val_over_train_at_start"] == pytest.approx(2.4, 0.01)


def test_a_bent_creeping_run_with_a_constant_wide_gap_gets_no_verdict() -> None:
    from lstm_doctor.diagnosis.diagnose import diagnose

    # Bent towards its floor (a fast fall, then a drift beyond noise): the wide gap the splits
    # had from the start hides whether the model learnt anything.
    train = _bent(20, 0.09)
    found = {f.kind: f for f in diagnose(history(train, train * 2.4)).findings}
    assert "good_fit" not in found and "underfitting" not in found
    assert found["cannot_judge"].summary.startswith("cannot judge the fit")


def test_a_run_still_falling_at_its_average_rate_is_underfit_not_a_good_fit() -> None:
    # Train and val close, falling ~0.5% an epoch from the first epoch to the last: beyond
    # noise, under 5%, and the curve never bent (heldout-3 h3-keras-09's class): the model is
    # still far from its own floor, underfit as it stands; a note (read off the shape alone).
    from lstm_doctor.diagnosis.diagnose import diagnose

    # ~0.85% an epoch: train falls 14% after its first epoch, clear of the flat-training-
    # loss reading (< 10%), which would say "underfitting" from the level, not the shape.
    train, val = _creeping(20, 1.1, 1.1, end=0.85)
    diagnosis = diagnose(history(train, val))
    found = {f.kind: f for f in diagnosis.findings}
    assert "good_fit" not in found and "slow_convergence" not in found
    assert diagnosis.primary.kind == "underfitting" and diagnosis.primary.severity == "info"
    assert found["underfitting"].evidence["recent_over_mean_fall_rate"] == pytest.approx(1.0, 0.1)
    assert {"lr", "epochs"} <= {k for r in found["underfitting"].remedies for k in r.change}


def test_a_creeping_run_well_below_a_trivial_predictor_is_still_improving() -> None:
    # The same curves, but a known trivial predictor scores 3x the training loss: the model
    # did learn, so only "still improving, train longer" is said.
    from lstm_doctor.diagnosis.diagnose import diagnose

    train, val = _creeping(20, 1.1, 1.1)
    context = RunContext(baselines_train={"mean": 3.0})
    found = {f.kind: f for f in diagnose(history(train, val), context).findings}
    assert "good_fit" not in found and "underfitting" not in found
    assert found["cannot_judge"].summary.startswith("still improving")


def test_a_converged_run_with_a_small_residual_drift_is_judged() -> None:
    # The drift (0.6% an epoch, 2.5% over the last 4: beyond the noise floor) is under a
    # fifth of the run's average fall: the curve bent towards its floor, so it is judged.
    from lstm_doctor.diagnosis.diagnose import diagnose

    train = _bent(20, 0.09)
    kinds_found = diagnose(history(train, train * 1.1)).kinds()
    assert "cannot_judge" not in kinds_found and "good_fit" in kinds_found


def test_a_run_that_stopped_falling_is_judged_even_if_it_fell_steadily_before() -> None:
    # Minimum well before the end: not "still improving", whatever its rate before.
    from lstm_doctor.diagnosis.diagnose import diagnose

    train = np.concatenate([np.geomspace(1.0, 0.9, 14), np.full(6, 0.9)])
    assert "cannot_judge" not in diagnose(history(train, train * 1.1)).kinds()


def test_a_gap_opened_by_training_is_not_a_reason_to_withhold_the_verdict() -> None:
    train, val = _creeping(20, 1.0, 2.4)  # the overfitting side: judged by its own check
    assert "cannot_judge" not in kinds(history(train, val))


def test_a_converged_run_with_a_wide_gap_is_not_withheld() -> None:
    n = 20
    train = np.full(n, 0.9) * wobble(n, 0.01)
    val = train * 2.4
    assert "cannot_judge" not in kinds(history(train, val))


def test_jumps_of_a_loss_near_the_bottom_of_a_deep_descent_are_not_instability() -> None:
    # The first epoch's mean holds the descent from 1.0; later jumps of 40% of a loss at
    # 0.06 move under a tenth of that range: the fit is intact.
    train = [1.0, 0.12, 0.08, 0.06, 0.085, 0.06, 0.085, 0.06, 0.085, 0.06, 0.085, 0.06]
    val = [0.5, 0.12, 0.09, 0.08, 0.09, 0.08, 0.09, 0.08, 0.09, 0.08, 0.09, 0.08]
    assert "unstable" not in kinds(history(train, val))


def test_jumps_at_the_level_of_a_trivial_predictor_are_instability() -> None:
    # A first epoch at 1000x the rest hides nothing once a trivial predictor's loss (1.0)
    # says how large a jump of 10 is: the model is thrown about far above that level.
    train = [1000.0, 15.0, 25.0, 10.0, 24.0, 12.0, 30.0, 15.0, 28.0, 14.0]
    val = [50.0, 19.0, 12.0, 8.0, 13.0, 18.0, 25.0, 15.0, 14.0, 24.0]
    assert "unstable" not in kinds(history(train, val))
    context = RunContext(baselines_train={"mean": 1.0})
    assert "unstable" in kinds(history(train, val), context)


def test_still_falling_read_off_a_noisy_val_is_a_note() -> None:
    # A val that jumps 30% an epoch: a 20% fall over its last epochs is within its jumps
    # (a note, "possible"), a 70% fall is not (still asserted).
    from lstm_doctor.diagnosis.diagnose import _still_falling_beyond_noise
    from lstm_doctor.diagnosis.findings import Finding

    noisy = Finding("noisy_validation", "warning", "noisy", {"val_median_move_pct": 30.0})

    def slow(drop_pct: float) -> Finding:
        evidence = {"val_drop_last_epochs_pct": drop_pct}
        return Finding("slow_convergence", "warning", "slow convergence: ...", evidence)

    small = _still_falling_beyond_noise(slow(20.0), noisy)
    assert small.severity == "info" and small.summary.startswith("possible slow convergence")
    assert _still_falling_beyond_noise(slow(70.0), noisy).severity == "warning"
    # End to end: a steady fall far beyond a noisy val's jumps stays slow convergence.
    n = 24
    train = np.geomspace(1.0, 0.5, n) * wobble(n, 0.003)
    val = np.r_[np.full(n - 8, 0.6) * wobble(n - 8, 0.1, 4), np.geomspace(0.6, 0.1, 8)]
    found = {f.kind: f for f in diagnose_curves(history(train, val))}
    assert "noisy_validation" in found
    assert found["slow_convergence"].severity == "warning"


def test_a_creeping_run_that_never_moved_gets_one_underfitting_finding() -> None:
    # Creeping and unbent (the shape note) while its training loss fell under 10% after
    # the first epoch (the level reading): one underfitting finding, the level reading.
    from lstm_doctor.diagnosis.diagnose import diagnose

    train = np.geomspace(1.0, 0.92, 20)  # 2% over the last 4 epochs, ~8% after the first
    found = [f for f in diagnose(history(train, train * 1.1)).findings if f.kind == "underfitting"]
    assert len(found) == 1 and "train_drop_pct" in found[0].evidence  # the level reading
