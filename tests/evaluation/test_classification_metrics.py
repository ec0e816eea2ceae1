from __future__ import annotations

import numpy as np
import pytest

from lstm_doctor.evaluation.classification_metrics import (
    classification_metrics,
    confusion_matrix,
    regression_metrics,
)

TRUTH = np.array([0, 0, 0, 1, 1, 2])
PREDICTED = np.array([0, 0, 1, 1, 0, 2])


def _probabilities(predicted: np.ndarray, n_classes: int = 3) -> np.ndarray:
    p = np.full((len(predicted), n_classes), 0.1)
    p[np.arange(len(predicted)), predicted] = 0.8
    return p


def test_confusion_matrix_rows_are_truth() -> None:
    assert confusion_matrix(TRUTH, PREDICTED, 3).tolist() == [[2, 1, 0], [1, 1, 0], [0, 0, 1]]


def test_against_hand_computed_values() -> None:
    m = classification_metrics(TRUTH, _probabilities(PREDICTED))
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["balanced_accuracy"] == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    # per class F1: 2PR/(P+R): class 0 P=2/3 R=2/3; class 1 P=1/2 R=1/2; class 2 P=R=1
    assert m["macro_f1"] == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    expected = -(4 * np.log(0.8) + 2 * np.log(0.1)) / 6
    assert m["log_loss"] == pytest.approx(expected)
    assert m["n"] == 6


def test_class_never_seen_nor_predicted_is_left_out_of_macro_f1() -> None:
    # sklearn's f1_score(average="macro") uses the labels present in truth or prediction
    m = classification_metrics(np.array([0, 1]), _probabilities(np.array([0, 1]), n_classes=4))
    assert m["macro_f1"] == 1.0 and m["balanced_accuracy"] == 1.0


def test_perfect_and_confident_log_loss_is_clipped_not_infinite() -> None:
    p = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert np.isfinite(classification_metrics(np.array([1, 0]), p)["log_loss"])


def test_regression_metrics() -> None:
    m = regression_metrics(np.array([1.0, 2.0, 3.0]), np.array([1.0, 4.0, 2.0]))
    assert m["mse"] == pytest.approx(5 / 3) and m["mae"] == pytest.approx(1.0)
    assert m["rmse"] == pytest.approx(np.sqrt(5 / 3))
