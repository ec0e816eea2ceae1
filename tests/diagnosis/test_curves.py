"""Curve findings on hand-made learning curves, including the edges."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_doctor.diagnosis.curves import RunContext, curve_stats, diagnose_curves
from lstm_doctor.history import History


def history(train, val, stop_reason="max_epochs", events=()) -> History:
    h = History(stop_reason=stop_reason, events=list(events))
    for epoch, (t, v) in enumerate(zip(train, val, strict=True), start=1):
        h.append(epoch=epoch, train_loss=t, val_loss=v, lr=1e-3, grad_norm=1.0, seconds=0.1)
    finite = [i for i, v in enumerate(val) if math.isfinite(v)]
    h.best_epoch = min(finite, key=lambda i: val[i]) + 1 if finite else None
    return h


def kinds(h: History, context: RunContext | None = None) -> set[str]:
    return {f.kind for f in diagnose_curves(h, context)}


def wobble(n: int, scale: float, seed: int = 0) -> np.ndarray:
    return np.exp(np.random.default_rng(seed).normal(0, scale, n))


def test_overfitting_when_val_stalls_while_train_keeps_falling() -> None:
    n = 30
    train = np.geomspace(1.0, 0.2, n)
    val = np.r_[np.geomspace(1.0, 0.5, 10), np.full(n - 10, 0.5)]
    assert "overfitting" in kinds(history(train, val))


def test_overfitting_val_turns_up_while_train_falls() -> None:
    n = 40
    train = np.geomspace(1.0, 0.05, n) * wobble(n, 0.01)
    val = np.r_[np.geomspace(1.0, 0.4, 15), np.geomspace(0.42, 0.9, n - 15)] * wobble(n, 0.01, 1)
    findings = {f.kind: f for f in diagnose_curves(history(train, val))}
    assert "overfitting" in findings
    evidence = findings["overfitting"].evidence
    assert evidence["val_rise_pct"] > 50 and evidence["epochs_after_best"] >= 20
    assert findings["overfitting"].remedies[0].change == {"dropout": 0.2}


def test_a_small_rise_after_convergence_is_not_overfitting() -> None:
    n = 30  # both converge; val then drifts up 1% (within seed-to-seed noise)
    train = np.r_[np.geomspace(1.0, 0.5, 20), np.geomspace(0.5, 0.49, n - 20)]
    val = np.r_[np.geomspace(1.0, 0.5, 20), np.full(n - 20, 0.505)]
    assert "overfitting" not in kinds(history(train, val))


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


def test_noisy_validation() -> None:
    n = 30
    train = np.geomspace(1.0, 0.5, n) * wobble(n, 0.005)
    val = np.full(n, 0.6) * wobble(n, 0.3, 2)
    assert "noisy_validation" in kinds(history(train, val))


def test_val_below_train_with_dropout_is_explained_as_info() -> None:
    train, val = [1.0, 0.8, 0.7, 0.65, 0.6, 0.6], [0.7, 0.5, 0.45, 0.42, 0.4, 0.4]
    context = RunContext({"dropout": 0.3, "layers": 2})
    finding = next(f for f in diagnose_curves(history(train, val), context)
                   if f.kind == "val_below_train")  # fmt: skip
    assert finding.severity == "info" and "dropout" in finding.summary


def test_val_below_train_without_explanation_suggests_a_leak_check() -> None:
    train, val = [1.0, 0.8, 0.7, 0.65, 0.6, 0.6], [0.5, 0.4, 0.35, 0.3, 0.3, 0.3]
    context = RunContext({"dropout": 0.0}, baselines_train={"naive": 1.0},
                         baselines_val={"naive": 1.1})  # fmt: skip
    finding = next(f for f in diagnose_curves(history(train, val), context)
                   if f.kind == "val_below_train")  # fmt: skip
    assert finding.severity == "warning" and "lstm-doctor check" in finding.summary


def test_underfitting_from_baselines_and_from_residuals() -> None:
    train, val = np.geomspace(1.0, 0.9, 10), np.geomspace(1.0, 0.92, 10)
    by_baseline = RunContext(baselines_train={"naive": 0.95, "mean": 1.0})
    assert "underfitting" in kinds(history(train, val), by_baseline)
    by_residuals = RunContext(baselines_train={"naive": 5.0}, residual_r2=0.5)
    assert "underfitting" in kinds(history(train, val), by_residuals)
    fine = RunContext(baselines_train={"naive": 5.0}, residual_r2=0.01)
    assert "underfitting" not in kinds(history(train, val), fine)


def test_a_big_gap_is_never_underfitting() -> None:
    train, val = np.geomspace(1.0, 0.2, 10), np.geomspace(1.0, 0.9, 10)
    assert "underfitting" not in kinds(history(train, val), RunContext(residual_r2=0.9))


@pytest.mark.parametrize("n", [0, 1, 2, 4])
def test_very_short_runs_do_not_crash_or_guess(n) -> None:
    train, val = list(np.geomspace(1.0, 0.5, n)), list(np.geomspace(1.0, 0.6, n))
    found = kinds(history(train, val))
    assert found <= {"val_below_train"}  # too few epochs for any trend finding


def test_flat_curves() -> None:
    h = history([0.5] * 12, [0.5] * 12)
    assert kinds(h) == {"underfitting"}  # from the curves alone: a loss that never moved
    assert curve_stats(h).noise_val > 0  # the noise floor, not zero


def test_all_nan_run() -> None:
    h = history([math.nan] * 3, [math.nan] * 3, events=[{"kind": "nonfinite_loss"}] * 3)
    assert kinds(h) == {"diverging"}
