"""A ground-truth suite: each scenario *produces* a known problem by training our own model.

Every scenario is (data frame, fit settings) that a user could have written; the expected
primary finding is what an expert would say about the resulting run. Each trains in seconds
on one CPU thread. Used by ``test_scenarios.py`` and by ``benchmarks/diagnosis_scenarios.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lstm_doctor import Forecaster


@dataclass(frozen=True)
class Scenario:
    name: str
    expected: tuple[str, ...]  # acceptable primary finding kinds
    make_frame: Callable[[int], pd.DataFrame]
    settings: dict[str, Any]
    columns: dict[str, Any] = field(default_factory=lambda: {"target": "y", "time": "time"})

    def fit(self, seed: int = 0) -> Forecaster:
        """Fit on this scenario's data drawn with ``seed``, with the model seeded alike."""
        model = Forecaster(**{**self.settings, "seed": seed})
        return model.fit(self.make_frame(seed), **self.columns)


def _frame(y: np.ndarray, **extra: np.ndarray) -> pd.DataFrame:
    time = pd.date_range("2024-01-01", periods=len(y), freq="h")
    return pd.DataFrame({"time": time, "y": y, **extra})


def seasonal_series(n: int, noise: float, seed: int) -> np.ndarray:
    """A daily cycle plus a weaker half-day one and white noise: learnable, not trivial."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    signal = np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 12 + 1.0)
    return 10 + signal + noise * rng.standard_normal(n)


def _overfitting(seed: int) -> pd.DataFrame:
    # A few hundred points of mostly noise: a big network can memorize the training windows.
    rng = np.random.default_rng(100 + seed)
    t = np.arange(360)
    y = 0.3 * np.sin(2 * np.pi * t / 24) + rng.standard_normal(360)
    return _frame(y)


def _underfitting(seed: int) -> pd.DataFrame:
    # A rich, nearly noise-free signal of three cycles: a one-unit LSTM cannot hold it.
    t = np.arange(3000)
    noise = 0.05 * np.random.default_rng(200 + seed).standard_normal(3000)
    cycles = [(1.0, 24), (0.8, 7), (0.6, 50)]
    return _frame(sum(a * np.sin(2 * np.pi * t / p) for a, p in cycles) + noise)


def _leaky(seed: int) -> pd.DataFrame:
    # The user z-scored the whole file before splitting, and added a "feature" that is the
    # target three steps ahead.
    y = seasonal_series(1500, 0.3, seed=300 + seed)
    y = (y - y.mean()) / y.std()
    future = np.r_[y[3:], np.full(3, y[-1])]
    return _frame(y, feature=future)


def _shifted(seed: int) -> pd.DataFrame:
    # A level break at the test split, as when a market or a sensor changes regime.
    y = seasonal_series(2000, 0.2, seed=400 + seed)
    y[1600:] += 6.0
    return _frame(y)


def _healthy(seed: int) -> pd.DataFrame:
    return _frame(seasonal_series(2000, 0.3, seed=500 + seed))


_COMMON = {"lookback": 48, "horizon": 12, "batch_size": 64}

SCENARIOS = (
    Scenario(
        "overfitting",
        ("overfitting",),
        _overfitting,
        {
            **_COMMON,
            "lookback": 24,
            "horizon": 6,
            "layers": 2,
            "units": 128,
            "lr": 3e-3,
            "epochs": 60,
            "patience": None,
            "clip": None,
            "schedule": "none",
            "batch_size": 32,
        },
    ),
    Scenario(
        "underfitting",
        ("underfitting",),
        _underfitting,
        {**_COMMON, "layers": 1, "units": 1, "lr": 3e-3, "epochs": 25, "patience": 5},
    ),
    Scenario(
        "lr_too_high",
        ("diverging", "unstable"),
        _healthy,
        {
            **_COMMON,
            "layers": 1,
            "units": 32,
            "lr": 1.0,
            "clip": None,
            "epochs": 12,
            "patience": None,
            "schedule": "none",
            "optimizer": "rmsprop",
        },
    ),
    Scenario(
        "lr_too_low",
        ("slow_convergence",),
        _healthy,
        {
            **_COMMON,
            "layers": 1,
            "units": 32,
            "lr": 2e-4,
            "epochs": 12,
            "patience": None,
            "schedule": "none",
        },
    ),
    Scenario(
        "leakage",
        ("leakage",),
        _leaky,
        {**_COMMON, "layers": 1, "units": 16, "epochs": 6},
        {"target": "y", "time": "time", "covariates": ["feature"]},
    ),
    Scenario(
        "distribution_shift",
        ("distribution_shift",),
        _shifted,
        {**_COMMON, "layers": 1, "units": 32, "epochs": 20, "patience": 5},
    ),
    Scenario(
        "healthy",
        ("good_fit",),
        _healthy,
        {**_COMMON, "layers": 1, "units": 32, "lr": 3e-3, "epochs": 40, "patience": 6},
    ),
)
