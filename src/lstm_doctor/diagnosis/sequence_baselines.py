"""Baselines for sequence tasks, fitted on the training sequences only.

An LSTM that does not beat these has not used the order of the steps:
- ``majority``: the most frequent training class (probabilities: the training class
  frequencies); for regression, ``mean``: the training mean label;
- ``summary``: a linear model on per-sequence summary features (mean, std, min, max and
  last value of each feature over the real steps): multinomial logistic regression with an
  L2 penalty (classification) or ridge regression (regression), written with numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["SummaryModel", "fit_summary_model", "majority_probabilities", "summary_features"]

# L2 strength as scikit-learn's default C=1 (LogisticRegression) and alpha=1 (Ridge).
_C = 1.0
_ITERATIONS = 3000


def summary_features(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(n, 5 * features): mean, std, min, max, last of each feature over the real steps."""
    values = np.asarray(values, dtype=np.float64)
    lengths = np.asarray(lengths, dtype=np.int64)
    mask = (np.arange(values.shape[1])[None, :] < lengths[:, None])[:, :, None]
    count = lengths[:, None].astype(np.float64)
    mean = np.where(mask, values, 0.0).sum(axis=1) / count
    var = np.where(mask, (values - mean[:, None, :]) ** 2, 0.0).sum(axis=1) / count
    low = np.where(mask, values, np.inf).min(axis=1)
    high = np.where(mask, values, -np.inf).max(axis=1)
    last = values[np.arange(len(lengths)), lengths - 1]
    return np.concatenate([mean, np.sqrt(var), low, high, last], axis=1)


def majority_probabilities(train_labels: np.ndarray, n_classes: int, n: int) -> np.ndarray:
    """(n, n_classes): every row the training class frequencies (argmax: the majority)."""
    frequencies = np.bincount(train_labels, minlength=n_classes) / len(train_labels)
    return np.tile(frequencies, (n, 1))


@dataclass(frozen=True)
class SummaryModel:
    """A linear model on standardized summary features."""

    center: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (features + 1, outputs), last row the bias
    task: str

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (n, n_classes), or predicted numbers (n,)."""
        z = (features - self.center) / self.scale
        out = np.hstack([z, np.ones((len(z), 1))]) @ self.weights
        return _softmax(out) if self.task == "classify" else out[:, 0]


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit_summary_model(
    features: np.ndarray, labels: np.ndarray, task: str, n_classes: int = 0
) -> SummaryModel:
    """Fit the summary-feature baseline on training sequences (deterministic)."""
    center = features.mean(axis=0)
    spread = features.std(axis=0)
    scale = np.where(spread > 0, spread, 1.0)
    z = np.hstack([(features - center) / scale, np.ones((len(features), 1))])
    penalty = np.ones(z.shape[1])
    penalty[-1] = 0.0  # the bias is not penalized
    if task == "regress":
        # Ridge (alpha=1), closed form.
        gram = z.T @ z + np.diag(penalty)
        weights = np.linalg.solve(gram, z.T @ labels)[:, None]
        return SummaryModel(center, scale, weights, task)
    # Multinomial logistic regression: sum of cross-entropies * C + ||W||^2 / 2, minimized
    # by Nesterov-accelerated gradient descent with step 1/L (the objective is convex and
    # L-smooth with L <= C * ||Z||^2 / 2 + 1).
    onehot = np.eye(n_classes)[labels]
    smooth = _C * np.linalg.norm(z, 2) ** 2 / 2 + 1.0
    weights = np.zeros((z.shape[1], n_classes))
    momentum = weights.copy()
    for step in range(1, _ITERATIONS + 1):
        gradient = _C * z.T @ (_softmax(z @ momentum) - onehot) + penalty[:, None] * momentum
        updated = momentum - gradient / smooth
        momentum = updated + (step - 1) / (step + 2) * (updated - weights)
        weights = updated
    return SummaryModel(center, scale, weights, task)
