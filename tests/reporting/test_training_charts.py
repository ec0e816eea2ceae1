from __future__ import annotations

from scripted import findings, history, treatment, trials

from lstm_doctor.history import History
from lstm_doctor.reporting.training_charts import (
    confusion_chart,
    curves_chart,
    heal_chart,
    importance_chart,
    lr_find_chart,
    per_class_chart,
    trials_chart,
)


def test_curves_mark_best_epoch_early_stop_lr_and_the_evidence() -> None:
    svg = curves_chart(history(12), findings())
    assert "best epoch 6 (restored)" in svg
    assert "early stop (epoch 12)" in svg
    assert "learning rate" in svg
    assert "overfitting: val rose 60% after the best epoch" in svg
    assert "log scale)" not in svg.split("learning rate")[0]  # loss axis linear here


def test_curves_switch_to_log_scale_when_losses_span_decades() -> None:
    assert "loss (MSE, scaled units; log scale)" in curves_chart(history(12, decades=True))


def test_curves_without_val_with_a_nan_event_and_of_one_epoch() -> None:
    svg = curves_chart(history(8, val=False, nan_epoch=3))
    assert "no validation loss in this run" in svg
    assert "non-finite loss: rolled back" in svg
    assert "val loss" not in svg
    one = History()
    one.append(epoch=1, train_loss=0.5, val_loss=0.4, lr=1e-3, grad_norm=1.0, seconds=1.0)
    assert "<svg" in curves_chart(one)


def test_curves_add_a_metric_panel_for_sequence_runs() -> None:
    h = history(6)
    for row in h.rows:
        row["val_accuracy"] = 0.5 + 0.05 * row["epoch"]
    assert "val accuracy" in curves_chart(h, metric="val_accuracy")


def test_lr_find_heal_and_tune_charts() -> None:
    assert "suggested lr 3.00e-03" in lr_find_chart(treatment()["lr_find"])
    svg = heal_chart(treatment()["steps"], 0.055)
    assert "candidate kept" in svg and "candidate reverted" in svg and "heal step" in svg
    svg = trials_chart(trials())
    assert "complete (2)" in svg and "pruned (1)" in svg and "naive (= 1)" in svg
    assert "units" in importance_chart({"units": 0.7, "lr": 0.3})


def test_confusion_and_per_class_charts() -> None:
    matrix = [[5, 1], [0, 4]]
    svg = confusion_chart(matrix, ["a", "b"])
    assert "predicted class" in svg and "true class" in svg
    assert "(n=6)" in per_class_chart(matrix, ["a", "b"])
