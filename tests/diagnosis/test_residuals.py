from __future__ import annotations

import math

import numpy as np

from lstm_doctor.diagnosis.residuals import residual_predictability


def test_white_noise_residuals_have_no_structure() -> None:
    rng = np.random.default_rng(0)
    value = residual_predictability([rng.standard_normal(2000), rng.standard_normal(1500)])
    assert value < 0.02


def test_cyclic_residuals_are_predictable() -> None:
    t = np.arange(2000)
    rng = np.random.default_rng(1)
    residual = np.sin(2 * np.pi * t / 24) + 0.3 * rng.standard_normal(2000)
    assert residual_predictability([residual]) > 0.8


def test_ar1_residuals_score_near_phi_squared() -> None:
    rng = np.random.default_rng(2)
    e = np.zeros(5000)
    for t in range(1, 5000):
        e[t] = 0.6 * e[t - 1] + rng.standard_normal()
    assert abs(residual_predictability([e]) - 0.36) < 0.05


def test_too_few_residuals_is_nan() -> None:
    assert math.isnan(residual_predictability([np.arange(10.0)]))
