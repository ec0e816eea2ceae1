"""Generalization findings on hand-made learning curves."""

from __future__ import annotations

import numpy as np
import pytest
from curve_histories import history, kinds, wobble

from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose, diagnose_curves


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


# ------------------------------------------------ changes after the second held-out set
def test_a_val_that_never_improves_while_train_falls_by_orders_of_magnitude_overfits() -> None:
    # val bottoms at epoch 3, then sits flat and noisy for 100+ epochs while train falls
    # 100x; noise puts the lowest smoothed val anywhere, even at the last epoch.
    n = 120
    train = np.r_[np.geomspace(0.4, 0.04, 4), np.geomspace(0.03, 0.003, n - 4)] * wobble(n, 0.1)
    val = np.r_[0.13, 0.18, 0.06, np.full(n - 3, 0.08) * wobble(n - 3, 0.1, 3)]
    val[-1] = val.min() * 0.98  # the val's lowest epoch is the last one
    diagnosis = diagnose(history(train, val))
    assert diagnosis.primary.kind == "overfitting", diagnosis.kinds()
    assert "good_fit" not in diagnosis.kinds()


def test_a_late_flattening_of_val_is_not_overfitting() -> None:
    # val improves for two thirds of the run, then flattens while train keeps halving: a
    # converging run, not one whose val never improved after its first epochs.
    n = 30
    train = np.geomspace(1.0, 0.05, n) * wobble(n, 0.005)
    val = np.r_[np.geomspace(1.0, 0.3, 20), np.full(n - 20, 0.3)] * wobble(n, 0.005, 1)
    assert "overfitting" not in kinds(history(train, val))


def test_an_early_stopped_run_whose_raw_val_ended_above_its_minimum_overfits() -> None:
    # A smooth descent, then 6 epochs of early-stopping patience: the raw val ends 25% above
    # its lowest epoch, which the running median (reaching back at the edge) smooths away.
    train = np.r_[np.geomspace(1.0, 0.0022, 24), [0.002, 0.0018, 0.0016, 0.0016, 0.0016, 0.0017]]
    val = np.r_[np.geomspace(0.7, 0.031, 23), [0.029, 0.040, 0.037, 0.038, 0.036, 0.034, 0.039]]
    found = {f.kind: f for f in diagnose_curves(history(train, val, "early_stopping"))}
    assert "overfitting" in found
    assert found["overfitting"].evidence["val_rise_pct"] > 15


def test_the_lowest_of_many_noisy_val_epochs_is_no_minimum_to_rise_from() -> None:
    # A flat val with 8% noise: its lowest epoch is ~2.5 sigma below the level by chance,
    # so the end sits above it without any rise.
    n = 40
    train = np.geomspace(1.0, 0.9, n) * wobble(n, 0.005)
    val = np.full(n, 1.0) * wobble(n, 0.08, 5)
    assert "overfitting" not in kinds(history(train, val))


def test_a_model_frozen_at_a_constant_prediction_is_underfitting() -> None:
    # A fall in the first epochs, then train and val identical to the last digit: a network
    # that collapsed to a constant (the majority class, dead units), whatever the curves did
    # before.
    train = [0.52, 0.46, 0.39, 0.357, 0.3285, 0.3232] + [0.3213644524] * 14
    val = [0.52, 0.41, 0.37, 0.33] + [0.3263598084] * 16
    diagnosis = diagnose(history(train, val))
    assert diagnosis.primary.kind == "underfitting", diagnosis.kinds()
    assert diagnosis.primary.evidence["frozen_epochs"] == 14


def test_a_perfect_fit_at_zero_error_or_a_val_that_still_moves_is_not_frozen() -> None:
    n = 20  # training error 0 (100% accuracy) for the last 15 epochs: perfect, not stuck
    train = np.r_[np.geomspace(0.5, 0.05, 5), np.zeros(n - 5)]
    val = np.geomspace(0.5, 0.2, n) * wobble(n, 0.01)
    assert "underfitting" not in kinds(history(train, val))
    train = np.r_[np.geomspace(1.0, 0.3, 8), np.full(n - 8, 0.3)]  # a val that still moves
    val = np.r_[np.geomspace(1.0, 0.32, 8), 0.32 * wobble(n - 8, 0.003)]  # a model that does
    assert "underfitting" not in kinds(history(train, val))


def test_overfitting_read_off_a_noisy_val_comes_after_the_noise() -> None:
    # 4-5 val rows: val jumps 30% from epoch to epoch and ends higher by chance while train
    # fell only 15%: measuring validation comes first.
    n = 40
    train = np.geomspace(1.0, 0.85, n) * wobble(n, 0.005)
    val = np.r_[np.full(10, 0.5), np.full(n - 10, 0.9)] * wobble(n, 0.3, 7)
    diagnosis = diagnose(history(train, val))
    assert diagnosis.primary.kind == "noisy_validation", diagnosis.kinds()
    overfitting = [f for f in diagnosis.findings if f.kind == "overfitting"]
    assert not overfitting or overfitting[0].summary.startswith("possible overfitting")


def test_overfitting_stays_first_on_a_noisy_val_when_train_halved() -> None:
    n = 60  # the training curve, measured on many rows, shows the memorization itself
    train = np.geomspace(1.0, 0.01, n) * wobble(n, 0.01)
    val = np.geomspace(1.0, 2.0, n) * wobble(n, 0.1, 2)
    diagnosis = diagnose(history(train, val))
    assert diagnosis.primary.kind == "overfitting", diagnosis.kinds()
    assert "noisy_validation" in diagnosis.kinds()


def test_a_val_curve_that_falls_steeply_then_rises_is_not_noisy() -> None:
    # Moves of 10-40% an epoch, all of them trend: a noisy val is one that jumps off its trend.
    train = np.geomspace(1.0, 0.7, 30)
    val = np.r_[np.geomspace(0.1, 0.013, 7), np.geomspace(0.02, 0.37, 23)]
    assert "noisy_validation" not in kinds(history(train, val))


def test_one_val_epoch_under_train_is_not_val_below_train() -> None:
    # The lowest epoch of a jumpy val dips under train; every other epoch is above it.
    n = 20
    train = np.geomspace(1.0, 0.5, n)
    val = train * 1.15
    val[12] = train[12] * 0.5
    assert "val_below_train" not in kinds(history(train, val))
    assert "val_below_train" in kinds(history(train, train * 0.5))  # every epoch under


def test_a_val_rise_beyond_its_jumps_with_train_falling_a_fifth_is_overfitting_first() -> None:
    # Val jumps ~10% an epoch but doubles after epoch 15 while train falls 45%: the rise is
    # not the noise, so overfitting comes first though the val is noisy.
    n = 40
    train = np.r_[np.geomspace(1.0, 0.5, 15), np.geomspace(0.5, 0.27, n - 15)]
    train = train * wobble(n, 0.005)
    val = np.r_[np.geomspace(1.0, 0.5, 15), np.geomspace(0.5, 1.0, n - 15)] * wobble(n, 0.1, 3)
    diagnosis = diagnose(history(train, val))
    assert "noisy_validation" in diagnosis.kinds()
    assert diagnosis.primary.kind == "overfitting", diagnosis.kinds()
    # The same val over a train that fell only 10% after val's best: noise comes first.
    flat = np.r_[np.geomspace(1.0, 0.5, 15), np.geomspace(0.5, 0.45, n - 15)]
    diagnosis = diagnose(history(flat * wobble(n, 0.005), val))
    assert diagnosis.primary.kind != "overfitting", diagnosis.kinds()


def test_a_val_that_rises_over_a_flat_train_is_not_overfitting() -> None:
    # Val drifts up 40% while train falls 5%: the model did not go on fitting the training
    # rows, so this is no memorization (a drift between the splits).
    n = 30
    train = np.r_[np.geomspace(1.0, 0.5, 10), np.geomspace(0.5, 0.475, n - 10)]
    val = np.r_[np.geomspace(1.0, 0.5, 10), np.geomspace(0.5, 0.7, n - 10)]
    assert "overfitting" not in kinds(history(train, val))
    steep = np.r_[np.geomspace(1.0, 0.5, 10), np.geomspace(0.5, 0.3, n - 10)]  # train -40%
    assert "overfitting" in kinds(history(steep, val))


def test_a_flat_training_loss_alone_yields_to_a_val_below_train() -> None:
    # Curves alone: a training loss flat after its first epoch (never learnt, or learnt it
    # all in that epoch) under a val persistently 30% lower (dropout, an easier val period):
    # the direct observation leads; the flat loss stays as a note and withholds good_fit.
    n = 20
    train = np.full(n, 0.6) * wobble(n, 0.005)
    val = np.full(n, 0.42) * wobble(n, 0.005, 1)
    diagnosis = diagnose(history(train, val))
    assert diagnosis.primary.kind == "val_below_train"
    underfit = next(f for f in diagnosis.findings if f.kind == "underfitting")
    assert underfit.severity == "info" and "good_fit" not in diagnosis.kinds()


def test_a_flat_training_loss_above_a_known_baseline_stays_a_warning() -> None:
    n = 20
    train = np.full(n, 0.6) * wobble(n, 0.005)
    val = np.full(n, 0.42) * wobble(n, 0.005, 1)
    context = RunContext(baselines_train={"mean": 0.62})  # no better than the mean
    diagnosis = diagnose(history(train, val), context)
    assert diagnosis.primary.kind == "underfitting" and diagnosis.primary.severity == "warning"


def test_overfitting_evidence_counts_epochs_from_the_epoch_it_names() -> None:
    # A stall measured from where val stopped improving (epoch 3) while a late noisy dip
    # is the lowest epoch (28 of 30): each count of epochs goes with its own epoch.
    n = 30
    train = np.geomspace(1.0, 0.02, n)
    val = np.r_[np.geomspace(1.0, 0.5, 3), np.full(n - 3, 0.5)] * wobble(n, 0.02, 3)
    val[27] = 0.45
    finding = next(f for f in diagnose_curves(history(train, val)) if f.kind == "overfitting")
    evidence = finding.evidence
    assert evidence["best_epoch"] + evidence["epochs_after_best"] == n
    assert evidence["measured_from_epoch"] + evidence["epochs_measured"] == n
    assert f"after epoch {evidence['measured_from_epoch']} " in finding.summary


def test_the_level_a_noisy_training_loss_ended_at_is_its_last_epochs_not_the_last_one() -> None:
    # A model that never learnt: train jumps around the trivial predictor's loss (1.0) and
    # happens to end on a low draw (0.85); val frozen at that level. Read off the last epoch,
    # train ended 15% under the predictor (a "fit"); its last 3 epochs say 0.97.
    n = 30
    rng = np.random.default_rng(7)
    train = np.clip(1.0 + 0.08 * rng.standard_normal(n), 0.9, 1.15)
    train[-3:] = [1.1, 0.97, 0.85]
    val = np.geomspace(1.05, 1.049, n)
    context = RunContext(baselines_train={"mean": 1.0})
    found = {f.kind: f for f in diagnose(history(train, val), context).findings}
    assert "good_fit" not in found
    assert found["underfitting"].evidence["train_over_baseline"] == pytest.approx(0.97, abs=0.01)
    # Curves alone: the same last-epoch dip is no 10% fall after the first epoch either.
    curves_only = {f.kind: f for f in diagnose(history(train, val)).findings}
    assert "good_fit" not in curves_only and "underfitting" in curves_only
