"""A built-in, sensor-like demo series, so the main job needs no download."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["make_demo_frame"]


def make_demo_frame(n_hours: int = 24 * 240, seed: int = 0) -> pd.DataFrame:
    """Hourly ``load`` with daily and weekly cycles, trend, AR(1) noise and a regime change.

    ``temperature`` is a covariate that drives part of the load. At 80% of the series the
    level jumps and the daily amplitude grows (a regime change), the kind of break that makes
    test loss worse than training loss.
    """
    rng = np.random.default_rng(seed)
    hours = np.arange(n_hours, dtype=np.float64)
    daily = np.sin(2 * np.pi * hours / 24 - np.pi / 2)
    weekly = np.where((hours // 24) % 7 >= 5, -0.8, 0.3)
    temperature = 12 + 8 * np.sin(2 * np.pi * hours / (24 * 365)) + 3 * daily
    temperature += rng.normal(0, 0.8, n_hours)
    noise = np.empty(n_hours)
    noise[0] = 0.0
    shocks = rng.normal(0, 0.35, n_hours)
    for t in range(1, n_hours):  # AR(1): errors that persist for hours, like real sensors
        noise[t] = 0.8 * noise[t - 1] + shocks[t]
    regime = hours >= int(0.8 * n_hours)
    load = 20 + 0.0004 * hours + 2.5 * daily * np.where(regime, 1.4, 1.0) + weekly
    load += 0.15 * (temperature - 12) + noise + np.where(regime, 3.5, 0.0)
    time = pd.date_range("2024-01-01", periods=n_hours, freq="h")
    return pd.DataFrame({"time": time, "load": load.round(4), "temperature": temperature.round(3)})
