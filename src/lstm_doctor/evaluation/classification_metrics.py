"""Scores of one prediction per sequence: classification and sequence regression.

Definitions follow scikit-learn's: balanced accuracy is the mean recall over the classes
present in the truth; macro-F1 the unweighted mean of per-class F1 over every class (a class
never predicted and never true scores 0 and is left out, as ``labels`` present only); log
loss the mean negative log-probability of the true class, probabilities clipped to
[1e-15, 1 - 1e-15].
"""

from __future__ import annotations

import numpy as np

__all__ = ["classification_metrics", "confusion_matrix", "regression_metrics"]

_EPS = 1e-15


def confusion_matrix(truth: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts; row = true class, column = predicted class."""
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(truth, np.int64), np.asarray(predicted, np.int64)), 1)
    return matrix


def classification_metrics(truth: np.ndarray, probabilities: np.ndarray) -> dict[str, object]:
    """Accuracy, balanced accuracy, macro-F1, log loss and the confusion matrix.

    ``truth`` (n,) holds class indices; ``probabilities`` (n, n_classes) rows sum to 1.
    """
    truth = np.asarray(truth, dtype=np.int64)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    n_classes = probabilities.shape[1]
    predicted = probabilities.argmax(axis=1)
    matrix = confusion_matrix(truth, predicted, n_classes)
    true_counts, predicted_counts = matrix.sum(axis=1), matrix.sum(axis=0)
    hits = np.diag(matrix).astype(np.float64)
    present = true_counts > 0
    recall = np.divide(hits, true_counts, out=np.zeros(n_classes), where=present)
    precision = np.divide(
        hits, predicted_counts, out=np.zeros(n_classes), where=predicted_counts > 0
    )
    denominator = precision + recall
    f1 = np.divide(
        2 * precision * recall, denominator, out=np.zeros(n_classes), where=denominator > 0
    )
    seen = present | (predicted_counts > 0)
    clipped = np.clip(probabilities, _EPS, 1 - _EPS)
    clipped /= clipped.sum(axis=1, keepdims=True)
    return {
        "accuracy": float(np.mean(predicted == truth)),
        "balanced_accuracy": float(recall[present].mean()),
        "macro_f1": float(f1[seen].mean()),
        "log_loss": float(-np.mean(np.log(clipped[np.arange(len(truth)), truth]))),
        "n": len(truth),
        "confusion_matrix": matrix.tolist(),
    }


def regression_metrics(truth: np.ndarray, prediction: np.ndarray) -> dict[str, float]:
    """MSE, MAE and RMSE of one number per sequence."""
    error = np.asarray(prediction, np.float64) - np.asarray(truth, np.float64)
    mse = float(np.mean(error**2))
    return {
        "mse": mse,
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(mse)),
        "n": len(error),
    }
