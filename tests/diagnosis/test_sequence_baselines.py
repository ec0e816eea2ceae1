from __future__ import annotations

import numpy as np

from lstm_doctor.diagnosis.sequence_baselines import (
    fit_summary_model,
    majority_probabilities,
    summary_features,
)


def test_summary_features_ignore_padding() -> None:
    values = np.array([[[1.0], [3.0], [99.0]], [[5.0], [-99.0], [99.0]]])
    f = summary_features(values, np.array([2, 1]))
    # mean, std, min, max, last
    assert f.tolist() == [[2.0, 1.0, 1.0, 3.0, 3.0], [5.0, 0.0, 5.0, 5.0, 5.0]]


def test_majority_probabilities_are_training_frequencies() -> None:
    p = majority_probabilities(np.array([0, 1, 1, 1]), 3, 2)
    assert p.tolist() == [[0.25, 0.75, 0.0]] * 2 and (p.argmax(1) == 1).all()


def test_logistic_regression_separates_separable_classes() -> None:
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1, 2], 30)
    features = rng.normal(size=(90, 4)) + 3.0 * np.eye(3, 4)[labels]
    model = fit_summary_model(features, labels, "classify", 3)
    p = model.predict(features)
    assert np.allclose(p.sum(1), 1.0) and (p.argmax(1) == labels).mean() > 0.95


def test_ridge_recovers_a_linear_label() -> None:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(200, 3))
    labels = features @ np.array([1.0, -2.0, 0.5]) + 4.0
    prediction = fit_summary_model(features, labels, "regress").predict(features)
    assert np.abs(prediction - labels).max() < 0.1
