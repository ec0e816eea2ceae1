"""Generalization findings on hand-made learning curves."""

from __future__ import annotations

import numpy as np
from curve_histories import history, kinds, wobble

from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose_curves


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


def test_overfitting_of_a_single_layer_prescribes_weight_drop_not_dropout() -> None:
    n = 40
    train = np.geomspace(1.0, 0.05, n)
    val = np.r_[np.geomspace(1.0, 0.4, 15), np.geomspace(0.42, 0.9, n - 15)]
    context = RunContext({"layers": 1, "dropout": 0.0, "weight_drop": 0.0})
    finding = next(f for f in diagnose_curves(history(train, val), context)
                   if f.kind == "overfitting")  # fmt: skip
    assert finding.remedies[0].change == {"weight_drop": 0.2}


def test_a_run_that_never_learnt_is_underfitting_even_with_a_constant_gap() -> None:
    # Curves alone, flat at their first level: val 2x train from the first epoch on, a
    # difference between the splits that no fitting opened, so it does not hide the fact
    # that the training loss never moved.
    n = 20
    train = np.full(n, 1.0) * wobble(n, 0.01)
    val = np.full(n, 2.0) * wobble(n, 0.005, 1)
    assert "underfitting" in kinds(history(train, val))


def test_a_gap_that_training_opened_still_rules_out_underfitting() -> None:
    n = 20  # close at first, then train fell below val: the overfitting side, not underfitting
    train = np.r_[np.geomspace(1.0, 0.5, 5), np.full(n - 5, 0.5)]
    val = np.geomspace(1.0, 0.98, n)  # its best epoch the last, 2x the train loss there
    context = RunContext(baselines_train={"mean": 0.52})  # train no better than the mean
    assert "underfitting" not in kinds(history(train, val), context)
